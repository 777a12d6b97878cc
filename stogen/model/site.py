"""The assembled site model: what is published, at which URL, in which listings.

Built once from the records; every output module reads it and nothing else.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from stogen.core.problems import Problems
from stogen.model import urls
from stogen.model.config import Config
from stogen.model.records import Article, Entry, Event, Page, Region, Sources, Webinar

DESCRIPTION_LENGTH = 155


@dataclass(frozen=True)
class Options:
    now: datetime
    drafts: bool = False
    future: bool = False


@dataclass
class Item:
    """A published entry with everything the outputs need to know about it."""

    entry: Entry
    url: str
    region: Region | None
    body_html: str | Callable[[], str] = ""  # the rendered body, or how to get it (see html)
    html_digest: str = ""  # a hash of `html`
    first_paragraph: str = ""
    image_url: str | None = None
    slides_url: str | None = None  # webinars: the slides as a site URL or web address
    is_draft: bool = False
    is_scheduled: bool = False

    def __getattr__(self, name: str) -> Any:
        # Templates read record fields straight from the item: item.title, item.date, ...
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.entry, name)

    @property
    def html(self) -> str:
        """The rendered body. One kept by an earlier build is read from the cache when first shown."""
        html = self.body_html
        if not isinstance(html, str):
            html = self.body_html = html()
        return html

    @html.setter
    def html(self, value: str | Callable[[], str]) -> None:
        self.body_html = value

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def description(self) -> str:
        return self.entry.summary or shorten(self.first_paragraph, DESCRIPTION_LENGTH)


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary near `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(",.;:-–") + "…"


@dataclass
class Route:
    url: str
    owner: str  # a source path, or a description of a generated page


@dataclass
class Site:
    config: Config
    options: Options
    regions: dict[str, Region]
    items: list[Item]
    home: Item | None
    region_intros: dict[str, Item]
    assets: dict[str, str]  # repo-relative path -> URL
    asset_files: dict[str, Any]
    routes: dict[str, Route] = field(default_factory=dict)
    newsletters: list[Any] = field(default_factory=list)  # composed newsletter issues (stogen.newsletter)

    @property
    def now(self) -> datetime:
        return self.options.now

    @cached_property
    def _index(self) -> dict[tuple[type, str | None], list[Item]]:
        """Items by (record type, region), sorted once: templates ask for these lists on many pages."""
        index: dict[tuple[type, str | None], list[Item]] = {}
        for item in self.items:
            kind = type(item.entry)
            index.setdefault((kind, "*"), []).append(item)
            index.setdefault((kind, item.entry.region), []).append(item)
        when: dict[int, float] = {}  # each item's moment, computed once (an item is in two lists)
        for item in self.items:
            entry = item.entry
            if isinstance(entry, Article):
                when[id(item)] = -entry.date.at.timestamp()
            elif isinstance(entry, Event | Webinar):
                when[id(item)] = entry.start.at.timestamp()
        for key, found in index.items():
            if key[0] in (Article, Event, Webinar):
                found.sort(key=lambda i: (when[id(i)], i.url))
            elif key[0] is Page:
                found.sort(key=lambda i: (i.entry.weight if i.entry.weight is not None else 1000, i.url))
        return index

    # Collections, newest first; ties broken by URL so the order never depends on the file system.
    def news(self, region: str | None = None, central_only: bool = False) -> list[Item]:
        key = region if region is not None or central_only else "*"
        return list(self._index.get((Article, key), []))

    def events(self, region: str | None = None) -> list[Item]:
        return list(self._index.get((Event, region if region is not None else "*"), []))

    def upcoming_events(self, region: str | None = None) -> list[Item]:
        return [i for i in self.events(region) if i.entry.ends >= self.now]

    def past_events(self, region: str | None = None) -> list[Item]:
        return list(reversed([i for i in self.events(region) if i.entry.ends < self.now]))

    def webinars(self) -> list[Item]:
        return list(self._index.get((Webinar, "*"), []))

    def upcoming_webinars(self) -> list[Item]:
        return [i for i in self.webinars() if i.entry.ends >= self.now]

    def past_webinars(self) -> list[Item]:
        return list(reversed([i for i in self.webinars() if i.entry.ends < self.now]))

    def pages(self, region: str | None = None) -> list[Item]:
        return list(self._index.get((Page, region), []))

    def regions_by_province(self) -> list[tuple[str, list[Region]]]:
        from stogen.model.regions import PROVINCES

        groups: dict[str, list[Region]] = {}
        for region in self.regions.values():
            for province in region.provinces:
                groups.setdefault(province, []).append(region)
        order = {p: i for i, p in enumerate(PROVINCES)}
        return [
            (p, sorted(groups[p], key=lambda r: r.name.lower())) for p in sorted(groups, key=lambda p: order.get(p, 99))
        ]

    def sorted_regions(self) -> list[Region]:
        return sorted(self.regions.values(), key=lambda r: r.name.lower())

    def claim(self, url: str, owner: str, problems: Problems, path: Any = None, line: int | None = None) -> None:
        """Register a URL; two owners of one URL is an error naming both.

        `path` is the source file that publishes the URL; None for a page stogen generates.
        """
        existing = self.routes.get(url)
        if existing is None:
            self.routes[url] = Route(url, owner)
            return
        if path is None:  # a generated page meets a file that took its URL
            problems.error(
                self.config.root / existing.owner,
                None,
                None,
                f"publishes {url}, which stogen uses for the {owner}",
                "rename the file or give it another slug",
            )
        else:
            problems.error(
                path,
                line,
                None,
                f"publishes {url}, which is also published by {existing.owner}",
                "two files cannot have the same URL; rename one of them or give it another slug",
            )


def is_published(entry: Entry, options: Options) -> tuple[bool, bool, bool]:
    """(published, is_draft, is_scheduled) under the build's options."""
    if entry.draft and not options.drafts:
        return False, True, False
    scheduled = isinstance(entry, Article) and entry.date.at > options.now
    if scheduled and not options.future:
        return False, entry.draft, True
    return True, entry.draft, scheduled


def assemble(config: Config, sources: Sources, options: Options, problems: Problems) -> Site:
    """Decide what is published and where; claim every URL."""
    assets = {rel: urls.asset_url(rel) for rel in sorted(sources.assets)}
    items: list[Item] = []
    region_intros: dict[str, Item] = {}
    for entry in sorted(sources.entries, key=lambda e: e.source.rel):
        if entry.region is not None and entry.region not in sources.regions:
            continue  # the region itself has errors, reported already
        published, is_draft, is_scheduled = is_published(entry, options)
        if not published:
            continue
        region = sources.regions.get(entry.region) if entry.region else None
        item = Item(entry, urls.entry_url(entry), region, is_draft=is_draft, is_scheduled=is_scheduled)
        if isinstance(entry, Page) and entry.path == "" and entry.region:
            region_intros[entry.region] = item
            continue
        items.append(item)
    home = Item(sources.home, "/", None) if sources.home else None
    site = Site(
        config,
        options,
        dict(sorted(sources.regions.items())),
        items,
        home,
        region_intros,
        assets,
        dict(sources.assets),
    )
    _claim_urls(site, problems)
    _resolve_images(site, problems)
    from stogen.model import webinars  # here: it reads the Site model defined in this module

    webinars.check(site, problems)
    return site


def _claim_urls(site: Site, problems: Problems) -> None:
    root = site.config.root
    for item in site.items:
        if item.region is None and item.url.startswith("/" + urls.REGIONS + "/"):
            problems.error(
                root / item.entry.source.rel,
                1,
                None,
                f"central content cannot publish under /{urls.REGIONS}/",
                "the /regio/ space belongs to the regions; put it in regions/<slug>/",
            )
            continue
        site.claim(item.url, item.entry.source.rel, problems, item.entry.source.file)
    for rel, url in site.assets.items():
        site.claim(url, rel, problems, site.asset_files.get(rel) or root / rel)


def resolve_target(site: Site, source_rel: str, target: str) -> str | None:
    """A path written in a file (relative to it, or a site path) -> the repo-relative asset path."""
    if target.startswith("/"):
        for rel, url in site.assets.items():
            if url == target:
                return rel
        return None
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), target))
    return rel if rel in site.assets else None


def published_file(site: Site, item: Item, field: str, hint: str, problems: Problems) -> str | None:
    """The URL of a file named in a front-matter field (relative to the item's file), or a problem."""
    written = getattr(item.entry, field)
    rel = resolve_target(site, item.entry.source.rel, written)
    if rel is None:
        problems.error(
            site.config.root / item.entry.source.rel,
            item.entry.lines.get(field),
            field,
            f"{field} file {written!r} not found",
            hint,
        )
        return None
    return site.assets[rel]


def _resolve_images(site: Site, problems: Problems) -> None:
    for item in [*site.items, *site.region_intros.values(), *([site.home] if site.home else [])]:
        if item.entry.image:
            hint = "write the path relative to this file, like ../images/foto.jpg"
            item.image_url = published_file(site, item, "image", hint, problems)
