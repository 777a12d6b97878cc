"""The site's URL map: where each kind of thing is published. One place, so URLs stay stable."""

from __future__ import annotations

from stogen.model.entries import slugify
from stogen.model.fields import PROFILES as PROFILE_NAMES
from stogen.model.kinds import KINDS
from stogen.model.loader import CENTRAL_DIR, REGIONS_DIR
from stogen.model.records import Entry, Page

NEWS = "nieuws"
AGENDA = "agenda"
WEBINARS = "webinars"
REGIONS = "regio"
PAGE = "pagina"  # /nieuws/pagina/2/


def region_home(slug: str) -> str:
    return f"/{REGIONS}/{slug}/"


def section(name: str, region: str | None = None) -> str:
    """/nieuws/ or /regio/<slug>/nieuws/."""
    return (region_home(region) if region else "/") + name + "/"


def paginated(base: str, number: int) -> str:
    return base if number == 1 else f"{base}{PAGE}/{number}/"


def entry_url(entry: Entry) -> str:
    if isinstance(entry, Page):
        base = region_home(entry.region) if entry.region else "/"
        return base + (entry.path + "/" if entry.path else "")
    folder = KINDS[entry.kind].folder
    assert folder is not None
    return section(folder, entry.region) + entry.slug + "/"


def asset_url(rel: str) -> str:
    """content/images/a.png -> /images/a.png; regions/twente/images/a.png -> /regio/twente/images/a.png."""
    top, _, rest = rel.partition("/")
    if top == CENTRAL_DIR:
        return "/" + rest
    if top == REGIONS_DIR:
        slug, _, inner = rest.partition("/")
        return region_home(slug) + inner
    raise ValueError(f"not a published folder: {rel}")


def output_path(url: str) -> str:
    """The file a URL is written to, relative to the output folder (pretty URLs: index.html in folders)."""
    if url.endswith("/"):
        return url.lstrip("/") + "index.html"
    return url.lstrip("/")


FEED = "feed.xml"


def site_feed_url() -> str:
    """All news, central and regional."""
    return "/" + FEED


def region_feed_url(slug: str) -> str:
    return region_home(slug) + FEED


def webinar_feed_url() -> str:
    return section(WEBINARS) + FEED


def region_of_url(url: str) -> str | None:
    """The region slug of a URL under /regio/<slug>/, else None."""
    prefix = "/" + REGIONS + "/"
    if not url.startswith(prefix):
        return None
    return url[len(prefix) :].split("/", 1)[0] or None


PROFILES = "profielen"
TOPICS = "onderwerpen"


def profile_url(code: str) -> str:
    """/profielen/bouwen-wonen-en-interieur/: by the profile's name, which a reader recognises."""
    return f"/{PROFILES}/{slugify(PROFILE_NAMES[code])}/"


FOR = "voor"  # /agenda/voor/<audience>/


def audience_url(audience: str) -> str:
    """/agenda/voor/ouders-en-leerlingen/: the central agenda for one audience (fields.AUDIENCES)."""
    return f"/{AGENDA}/{FOR}/{audience}/"


def topic_url(tag: str) -> str:
    return f"/{TOPICS}/{slugify(tag) or 'onderwerp'}/"


def identity(entry: Entry, url: str) -> str:
    """The item's first URL, for feed GUIDs and calendar UIDs: its first alias, or else its URL.

    An item that moves (a renamed file, a region renamed, merged or split by `stogen regio`) keeps its old URL as
    an alias, so readers and calendars see the same item, not a new one. Aliases are only ever appended.
    """
    return entry.aliases[0] if entry.aliases else url
