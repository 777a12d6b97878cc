"""The content kinds: one row per kind holds everything stogen knows about it.

Adding a kind means adding a row here (with its record type in records.py and its front-matter schema in
schema.py) and its template in the theme; the loader, the URL map, the pages, the search index, `stogen new` and
`stogen schema` all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from stogen.core.messages import Msg, msg
from stogen.core.spec import Shape, Spec
from stogen.model import records as r
from stogen.model.schema import EVENT, NEWS, PAGE, WEBINAR, front_matter


@dataclass(frozen=True)
class Kind:
    name: str  # the kind in code, messages and schema file names: article, event, webinar, page
    record: type[r.Entry]
    schema: dict[str, Spec]
    folder: str | None  # the folder of content/ and regions/<slug>/ that holds it, also its URL section
    template: str  # the theme template of its page
    label: Msg  # in messages: msg("an agenda item")
    listing: str | None  # the theme string naming its section (breadcrumbs): "news"
    searchable: bool  # its pages are in the search index
    commands: tuple[str, ...]  # names accepted by `stogen new`, Dutch first

    @property
    def shape(self) -> Shape:
        """Its front matter, as read and as written as JSON Schema."""
        return front_matter(self.name, self.schema, self.label)


ARTICLE = Kind(
    "article", r.Article, NEWS, "nieuws", "article.html", msg("a news article"), "news", True, ("nieuws", "news")
)
EVENT_KIND = Kind(
    "event", r.Event, EVENT, "agenda", "event.html", msg("an agenda item"), "agenda", True, ("agenda", "event")
)
WEBINAR_KIND = Kind(
    "webinar", r.Webinar, WEBINAR, "webinars", "webinar.html", msg("a webinar"), "webinars", True, ("webinar",)
)
PAGE_KIND = Kind("page", r.Page, PAGE, None, "page.html", msg("a page"), None, True, ("pagina", "page"))

KINDS: dict[str, Kind] = {k.name: k for k in (ARTICLE, EVENT_KIND, WEBINAR_KIND, PAGE_KIND)}
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS.values() if k.folder}


def kind_of(entry: r.Entry) -> Kind:
    return KINDS[entry.kind]


def kind_in(inner: str) -> Kind:
    """The kind of a Markdown file from its path below content/ or regions/<slug>/: by its first folder."""
    first, _, rest = inner.partition("/")
    return (BY_FOLDER.get(first) if rest else None) or PAGE_KIND


def searchable_templates() -> frozenset[str]:
    return frozenset(k.template for k in KINDS.values() if k.searchable)
