"""Calendar files (iCalendar, RFC 5545) for the webinars and the agendas, made with the `icalendar` package.

Files: /webinars/webinars.ics (every webinar), /agenda/agenda.ics (every central and regional event),
/regio/<slug>/agenda/agenda.ics (a region's events) and one file per webinar and event next to its page:
<page-url><slug>.ics, e.g. /agenda/landelijke-sto-dag-2027/landelijke-sto-dag-2027.ics.

Everything is deterministic: the UID is a hash of the canonical URL (stable across builds and moves of the
file), DTSTAMP is the item's start (never the clock), and the VTIMEZONE covers the years of the site's events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Event, Timezone
from stogen.core.parallel import ordered_map
from stogen.model import urls
from stogen.model.records import Event as EventRecord
from stogen.model.records import Webinar
from stogen.model.site import Item, Site
from stogen.outputs import OutputFile, RenderContext

FILE = {"webinar": "webinars.ics", "event": "agenda.ics"}
PRODID = "-//Sterk Techniekonderwijs//stogen//NL"


def item_ics_url(item: Item) -> str:
    """The "add to calendar" file of one webinar or event, next to its page."""
    return f"{item.url}{item.entry.slug}.ics"


def listing_ics_url(kind: str, region: str | None = None) -> str:
    section = urls.WEBINARS if kind == "webinar" else urls.AGENDA
    return urls.section(section, region) + FILE[kind]


def calendars(site: Site) -> dict[str, tuple[str, list[Item]]]:
    """Every calendar file: URL -> (calendar name, items), in a fixed order."""
    name = site.config.title
    found: dict[str, tuple[str, list[Item]]] = {
        listing_ics_url("webinar"): (f"{name}: webinars", site.webinars()),
        listing_ics_url("event"): (f"{name}: agenda", site.events()),
    }
    for slug, region in site.regions.items():
        found[listing_ics_url("event", slug)] = (f"{name}: agenda {region.name}", site.events(slug))
    for item in [*site.webinars(), *site.events()]:
        found[item_ics_url(item)] = (item.entry.title, [item])
    return found


def uid(site: Site, item: Item) -> str:
    """Stable across builds and moves: derived from the item's first URL (urls.identity), not its file or the build."""
    absolute = site.config.absolute(urls.identity(item.entry, item.url))
    return hashlib.sha1(absolute.encode("utf-8")).hexdigest() + "@" + urlsplit(site.config.base_url).netloc


def _years(site: Site) -> tuple[int, int]:
    """The years the VTIMEZONE must cover: those of every dated item, so it does not depend on the clock."""
    years = [i.entry.start.at.year for i in [*site.webinars(), *site.events()]]
    years += [i.entry.ends.year for i in [*site.webinars(), *site.events()]]
    return (min(years), max(years)) if years else (2025, 2027)


def vevent(site: Site, item: Item) -> Event:
    entry = item.entry
    tz = site.config.tz
    from icalendar import Event  # loaded only when a calendar is made again

    ev = Event()
    ev.add("uid", uid(site, item))
    ev.add("dtstamp", entry.start.at.astimezone(ZoneInfo("UTC")))
    ev.add("summary", entry.title)
    if entry.start.has_time:
        ev.add("dtstart", entry.start.at.astimezone(tz))
        ev.add("dtend", entry.ends.astimezone(tz))
    else:  # a whole day (or days): DATE values; DTEND is the day after the last day (RFC 5545 3.6.1)
        ev.add("dtstart", entry.start.at.date())
        ev.add("dtend", _last_day(entry) + timedelta(days=1))
    page = site.config.absolute(item.url)
    ev.add("url", page)
    if isinstance(entry, Webinar):
        ev.add("location", entry.registration_url or page)
    elif isinstance(entry, EventRecord):
        ev.add("location", entry.location or entry.online_url or "")
    description = "\n\n".join(p for p in (item.description, page) if p)
    ev.add("description", description)
    return ev


def _last_day(entry: EventRecord | Webinar) -> date:
    end = getattr(entry, "end", None)
    if end is None:
        return entry.start.at.date()
    return max(end.at.date(), entry.start.at.date())


def timezone_block(site: Site) -> Timezone:
    """The VTIMEZONE every file carries; made once per build, it is the slow part of a calendar."""
    from icalendar import Timezone

    first, last = _years(site)
    return Timezone.from_tzid(site.config.timezone, first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))


def calendar(site: Site, name: str, items: list[Item], zone: Timezone | None = None) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", site.config.timezone)
    cal.add_component(zone or timezone_block(site))
    for item in items:
        cal.add_component(vevent(site, item))
    return cal.to_ical()


def write(ctx: RenderContext) -> Iterator[OutputFile]:
    """Every calendar file; one whose items are unchanged is not made again. New ones are made on all cores."""
    site = ctx.site
    years = _years(site)
    files = [
        (urls.output_path(url), name, items, ctx.fingerprints.of("calendar", name, items, years, site.config.timezone))
        for url, (name, items) in calendars(site).items()
    ]
    todo = [f for f in files if ctx.previous.get(f[0]) != f[3]]
    zone = timezone_block(site) if todo else None

    def make(f: tuple[str, str, list[Item], str]) -> bytes:
        return calendar(site, f[1], f[2], zone)

    made = dict(zip((f[0] for f in todo), ordered_map(make, todo, chunk=16), strict=True))
    for path, _name, _items, fp in files:
        if path in made:
            yield OutputFile(path, made[path], fingerprint=fp)
        else:
            yield OutputFile(path, fingerprint=fp, reuse=True)
