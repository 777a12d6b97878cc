"""The assembled site model: what is published, at which URL, in which listings.

Built once from the records; every output module reads it and nothing else.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import posixpath
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from stogen.core.messages import Msg, msg
from stogen.core.problems import Problems
from stogen.model import figures, urls
from stogen.model.config import Config
from stogen.model.photos import Photo, is_raster
from stogen.model.records import Article, Entry, Event, Page, Region, Sources, Webinar

if TYPE_CHECKING:  # only for annotations: issues.py and links.py read this module
    from stogen.model.issues import Issue
    from stogen.model.links import LinkTable

DESCRIPTION_LENGTH = 155


@dataclass(frozen=True)
class Options:
    now: datetime
    drafts: bool = False
    future: bool = False


class Body:
    """A rendered Markdown body: its first paragraph and a hash of its HTML are known at once; the HTML itself of a
    body rendered by an earlier build is read from the cache when first shown (most never are in an incremental
    build). `kept`: where the cache keeps the HTML, so a pickled body (the quick build's saved model) holds that
    instead of the HTML."""

    __slots__ = ("_html", "_kept", "digest", "first_paragraph")

    def __init__(
        self, html: str | Callable[[], str], first_paragraph: str, digest: str, kept: Callable[[], str] | None = None
    ) -> None:
        self._html = html
        self._kept = kept if kept is not None or isinstance(html, str) else html
        self.first_paragraph = first_paragraph
        self.digest = digest

    @property
    def html(self) -> str:
        html = self._html
        if not isinstance(html, str):
            html = self._html = html()
        return html

    def __reduce__(self) -> tuple[Any, ...]:
        return (Body, (self._kept or self._html, self.first_paragraph, self.digest))


EMPTY_BODY = Body("", "", "")


@dataclass(frozen=True, slots=True)
class Place:
    """A town or a school, and the region it belongs to (the region finder)."""

    name: str
    kind: str  # "plaats", "school", or "regio": an old name of the region (region.yml history)
    region: Region


@dataclass(frozen=True, slots=True)
class Placed:
    """An entry that is published under the build's options, and where (known before any body is rendered)."""

    entry: Entry
    url: str
    is_draft: bool = False
    is_scheduled: bool = False


@dataclass(frozen=True, eq=False)
class Item:
    """A published entry with everything the outputs need to know about it; made once, never changed."""

    entry: Entry
    url: str
    region: Region | None
    body: Body
    image_url: str | None = None  # a photo's largest fallback variant (an SVG's own URL)
    slides_url: str | None = None  # webinars: the slides as a site URL or web address
    is_draft: bool = False
    is_scheduled: bool = False
    photo: Photo | None = None  # the front-matter image, when it is a raster (stogen/model/photos.py)

    def __getattr__(self, name: str) -> Any:
        # Templates read record fields straight from the item: item.title, item.date, ...
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.entry, name)

    @property
    def html(self) -> str:
        return self.body.html

    @property
    def first_paragraph(self) -> str:
        return self.body.first_paragraph

    @property
    def html_digest(self) -> str:
        return self.body.digest

    @property
    def kind(self) -> str:
        return self.entry.kind

    @cached_property
    def moment(self) -> float:
        """When a news item is dated or an event or webinar starts, as a timestamp (0 for a page), for sorting;
        kept on the item, which lives as long as its entry does (the live preview keeps unchanged items)."""
        entry = self.entry
        if isinstance(entry, Article):
            return entry.date.at.timestamp()
        if isinstance(entry, Event | Webinar):
            return entry.start.at.timestamp()
        return 0.0

    @property
    def description(self) -> str:
        return self.entry.summary or shorten(self.body.first_paragraph, DESCRIPTION_LENGTH)


def _order(item: Item) -> tuple[float, str]:
    """Where an item goes in its collection: news newest first, events and webinars soonest first, pages by
    weight; ties broken by URL (unique), so the order never depends on the file system."""
    entry = item.entry
    if isinstance(entry, Article):
        return (-item.moment, item.url)
    if isinstance(entry, Event | Webinar):
        return (item.moment, item.url)
    if isinstance(entry, Page):
        return (entry.weight if entry.weight is not None else 1000, item.url)
    return (0.0, item.url)


def _patched_index(
    index: dict[tuple[type, str | None], list[Item]],
    new: dict[int, Item],
    added: Sequence[Item],
    removed: Collection[int],
) -> dict[tuple[type, str | None], list[Item]]:
    """Site._index after replacing, adding and removing items: lists no change touches are shared (news() and
    the others hand out copies), the others lose the old items and take the new ones at their sorted place."""
    gone = set(new) | set(removed)
    patched: dict[tuple[type, str | None], list[Item]] = {}
    for key, found in index.items():
        if gone and any(id(i) in gone for i in found):
            kept = [i for i in found if id(i) not in gone]
            for item in [new[id(i)] for i in found if id(i) in new]:
                bisect.insort(kept, item, key=_order)
            patched[key] = kept
        else:
            patched[key] = found
    for item in added:
        kind = type(item.entry)
        for key in ((kind, "*"), (kind, item.entry.region)):
            kept = list(patched.get(key, ()))
            bisect.insort(kept, item, key=_order)
            patched[key] = kept
    return patched


def _tag_urls(item: Item) -> list[tuple[str, str]]:
    """(topic URL, tag) for each tag of a news item, event or webinar."""
    if not isinstance(item.entry, Article | Event | Webinar):
        return []
    return [(urls.topic_url(tag), tag) for tag in item.entry.tags]


def _topic_order(item: Item) -> tuple[float, str]:
    return (-item.moment, item.url)


def _patched_topics(
    topics: tuple[dict[str, dict[str, int]], dict[str, list[Item]]], old: list[Item], fresh: list[Item]
) -> tuple[dict[str, dict[str, int]], dict[str, list[Item]]] | None:
    """Site._topics without the `old` items and with the `fresh` ones; the lists of other topics are shared.
    None when a changed topic is left with more than one spelling (its name is the first written: a full pass)."""
    spellings, found = dict(topics[0]), dict(topics[1])
    copied: set[str] = set()

    def own(url: str) -> None:
        if url not in copied:
            copied.add(url)
            spellings[url] = dict(spellings.get(url, {}))
            found[url] = list(found.get(url, []))

    for item in old:
        pairs = _tag_urls(item)
        for url, tag in pairs:
            own(url)
            counts = spellings[url]
            counts[tag] -= 1
            if not counts[tag]:
                del counts[tag]
        for url in {url for url, _ in pairs}:
            found[url] = [i for i in found[url] if i is not item]
    for item in fresh:
        for url, tag in _tag_urls(item):
            own(url)
            counts = spellings[url]
            counts[tag] = counts.get(tag, 0) + 1
            bisect.insort(found[url], item, key=_topic_order)
    for url in copied:
        if not spellings[url]:
            del spellings[url], found[url]
        elif len(spellings[url]) > 1:
            return None
    return spellings, found


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary near `limit` characters, with an ellipsis."""
    # The text with its whitespace collapsed; of a long paragraph only its start, which collapses to the start of
    # the whole's: when that is longer than `limit`, it holds all that is kept.
    collapsed = " ".join(text[: 2 * limit].split())
    if len(collapsed) <= limit:
        collapsed = " ".join(text.split())
        if len(collapsed) <= limit:
            return collapsed
    return cut_with_ellipsis(collapsed, limit)


def cut_with_ellipsis(collapsed: str, limit: int) -> str:
    """A text longer than `limit`, its whitespace collapsed, cut at the last word boundary before it, with "…"."""
    cut = collapsed[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(",.;:-–") + "…"


@dataclass(frozen=True, eq=False)
class Site:
    """The assembled site: every published item with its rendered body, the regions, the files published as they
    are and the newsletter issues. Made once per build (stogen serve makes a new one for every change)."""

    config: Config
    options: Options
    regions: dict[str, Region]
    items: list[Item]
    home: Item | None
    region_intros: dict[str, Item]
    assets: dict[str, str]  # repo-relative path -> URL
    asset_files: dict[str, Any]
    newsletters: tuple[Issue, ...] = ()  # composed issues whose month has begun (stogen/model/issues.py)
    photos: dict[str, Photo] = dataclasses.field(default_factory=dict)  # every raster, by repo-relative path
    # The Markdown files this build read afresh (Sources.read); the others came from the cache as they were.
    fresh: frozenset[str] = frozenset()
    # The table every body's links were resolved with (stogen/model/links.py), for a body rendered again later.
    links: LinkTable | None = None
    # When this site would change with "now" alone (stogen/model/turns.py), sorted.
    turns: tuple[datetime, ...] = ()

    @property
    def now(self) -> datetime:
        return self.options.now

    @cached_property
    def figures(self) -> dict[str, str]:
        """The figures the site states (model/figures.py), counted from its regions."""
        return figures.count(self.regions)

    def every(self) -> list[Item]:
        """Every published entry: items, region intros, the home page."""
        return [*self.items, *self.region_intros.values(), *([self.home] if self.home else [])]

    def with_items(
        self, new: dict[int, Item], added: Sequence[Item] = (), removed: Collection[int] = frozenset()
    ) -> Site:
        """A new site in which the items whose id() is a key are replaced, `added` are added and the items whose
        id() is in `removed` are left out (the live preview's quick path). Items stay in the order a build places
        them: by source path."""

        def swap(item: Item) -> Item:
            return new.get(id(item), item)

        items = [swap(i) for i in self.items if id(i) not in removed]
        if added:
            items = sorted([*items, *added], key=lambda i: i.entry.source.rel)
        site = dataclasses.replace(
            self,
            items=items,
            home=swap(self.home) if self.home else None,
            region_intros={slug: swap(i) for slug, i in self.region_intros.items()},
        )
        index = self.__dict__.get("_index")
        if index is not None:  # the collections patched, in proportion to the change, instead of sorted again
            site.__dict__["_index"] = _patched_index(index, new, added, removed)
        topics = self.__dict__.get("_topics")
        if topics is not None:  # so are the topics, unless a tag's spelling would have to be looked up again
            gone = set(new) | set(removed)
            old = [i for i in self.items if id(i) in gone]
            fresh = [new[id(i)] for i in self.items if id(i) in new and id(i) not in removed]
            patched = _patched_topics(topics, old, [*fresh, *added])
            if patched is not None:
                site.__dict__["_topics"] = patched
        return site

    def with_regions(self, regions: dict[str, Region]) -> Site:
        """A new site in which some regions are replaced (a changed region.yml in the live preview): in the region
        table, in the same order, and in every item of theirs. Its collections and topics are those of this
        site, patched for the items that now point at the new region, not sorted again (serve's whole update for a
        region of 200 items at 78 x 200: 225-460 -> 160 ms)."""
        new = {
            id(i): dataclasses.replace(i, region=regions[i.entry.region])
            for i in self.every()
            if i.entry.region in regions
        }
        site = dataclasses.replace(self, regions={slug: regions.get(slug, r) for slug, r in self.regions.items()})
        for name in ("_index", "_topics"):  # made from the items only, which with_items patches
            if name in self.__dict__:
                site.__dict__[name] = self.__dict__[name]
        return site.with_items(new)

    @cached_property
    def _topics(self) -> tuple[dict[str, dict[str, int]], dict[str, list[Item]]]:
        """Tagged items by topic URL, newest first, and how often each spelling of the topic's tag is written."""
        spellings: dict[str, dict[str, int]] = {}
        found: dict[str, list[Item]] = {}
        for item in self.items:
            for url, tag in _tag_urls(item):
                counts = spellings.setdefault(url, {})
                counts[tag] = counts.get(tag, 0) + 1
                found.setdefault(url, []).append(item)
        for items in found.values():
            items.sort(key=_topic_order)
        return spellings, found

    def topics(self) -> dict[str, list[Item]]:
        """Every tag of news, events and webinars with its items, newest first (news by date, events and webinars
        by start), in tag order. Tags that make one URL ("hybride docenten", "hybride-docenten") are one topic,
        named as first written; an item is listed once for each of its tags."""
        spellings, found = self._topics
        named = [(next(iter(spellings[url])), list(items)) for url, items in found.items()]
        return dict(sorted(named, key=lambda pair: pair[0]))

    @cached_property
    def _index(self) -> dict[tuple[type, str | None], list[Item]]:
        """Items by (record type, region), sorted once: templates ask for these lists on many pages."""
        index: dict[tuple[type, str | None], list[Item]] = {}
        for item in self.items:
            kind = type(item.entry)
            index.setdefault((kind, "*"), []).append(item)
            index.setdefault((kind, item.entry.region), []).append(item)
        for found in index.values():
            found.sort(key=_order)
        return index

    # Collections, newest first; ties broken by URL so the order never depends on the file system.
    def news(self, region: str | None = None, central_only: bool = False) -> list[Item]:
        key = region if region is not None or central_only else "*"
        return list(self._index.get((Article, key), []))

    def featured_news(self, limit: int) -> list[Item]:
        """The newest news marked `featured`, at most `limit` (looked for from the newest, as far as needed)."""
        return list(itertools.islice((i for i in self._index.get((Article, "*"), ()) if i.entry.featured), limit))

    def regional_news(self, limit: int) -> list[Item]:
        """The newest news of the regions (not the central team's), at most `limit`."""
        return list(itertools.islice((i for i in self._index.get((Article, "*"), ()) if i.region), limit))

    def events(self, region: str | None = None) -> list[Item]:
        return list(self._index.get((Event, region if region is not None else "*"), []))

    def upcoming_events(self, region: str | None = None) -> list[Item]:
        return list(self._timely(Event, region)[0])

    def past_events(self, region: str | None = None) -> list[Item]:
        return list(self._timely(Event, region)[1])

    def webinars(self) -> list[Item]:
        return list(self._index.get((Webinar, "*"), []))

    def upcoming_webinars(self) -> list[Item]:
        return list(self._timely(Webinar, None)[0])

    def past_webinars(self) -> list[Item]:
        return list(self._timely(Webinar, None)[1])

    @cached_property
    def _split_by_now(self) -> dict[tuple[type, str], tuple[list[Item], list[Item]]]:
        return {}

    def _timely(self, kind: type, region: str | None) -> tuple[list[Item], list[Item]]:
        """A collection of events or webinars split by "now": (upcoming, soonest first; past, latest first). Each
        split is made once per site: pages ask for the same ones many times (the agenda per audience, the profiles),
        and every ask computed the end of every event again."""
        key = (kind, region if region is not None else "*")
        split = self._split_by_now.get(key)
        if split is None:
            now = self.now
            upcoming: list[Item] = []
            past: list[Item] = []
            for item in self._index.get(key, ()):
                (upcoming if item.entry.ends >= now else past).append(item)
            past.reverse()
            split = self._split_by_now[key] = (upcoming, past)
        return split

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

    @cached_property
    def places(self) -> list[Place]:
        """What a parent or pupil might type to find their region: every town and school of every region, A-Z."""
        found: dict[tuple[str, str, str], Place] = {}
        for region in self.regions.values():
            for school in region.schools:
                found[(school.name.lower(), "school", region.slug)] = Place(school.name, "school", region)
                found[(school.place.lower(), "plaats", region.slug)] = Place(school.place, "plaats", region)
            for hotspot in region.hotspots:
                if hotspot.place:
                    found[(hotspot.place.lower(), "plaats", region.slug)] = Place(hotspot.place, "plaats", region)
            for name in (name for change in region.history for name in change.names):  # renamed, merged, split
                found[(name.lower(), "regio", region.slug)] = Place(name, "regio", region)
        return [found[key] for key in sorted(found)]

    def sorted_regions(self) -> list[Region]:
        return sorted(self.regions.values(), key=lambda r: r.name.lower())


def is_published(entry: Entry, options: Options) -> tuple[bool, bool, bool]:
    """(published, is_draft, is_scheduled) under the build's options."""
    if entry.draft and not options.drafts:
        return False, True, False
    scheduled = isinstance(entry, Article) and entry.date.at > options.now
    if scheduled and not options.future:
        return False, entry.draft, True
    return True, entry.draft, scheduled


@dataclass
class Placement:
    """What is published and where, before any body is rendered: enough to resolve every link."""

    config: Config
    options: Options
    regions: dict[str, Region]
    placed: list[Placed]  # items, by source path
    intros: dict[str, Placed]  # a region's own index.md, by region
    home: Placed | None
    assets: dict[str, str]  # repo-relative path -> URL
    asset_files: dict[str, Any]
    photos: dict[str, Photo] = dataclasses.field(default_factory=dict)  # every raster, by repo-relative path

    def every(self) -> list[Placed]:
        """Every published entry: items, region intros, the home page."""
        return [*self.placed, *self.intros.values(), *([self.home] if self.home else [])]


def place(
    config: Config,
    sources: Sources,
    options: Options,
    problems: Problems,
    photos: Callable[[dict[str, Any], dict[str, str]], dict[str, Photo]] | None = None,
) -> Placement:
    """Decide what is published and at which URL; `photos` surveys the rasters among the published files."""
    placed: list[Placed] = []
    intros: dict[str, Placed] = {}
    for entry in sorted(sources.entries, key=lambda e: e.source.rel):
        if entry.region is not None and entry.region not in sources.regions:
            continue  # the region itself has errors, reported already
        published, is_draft, is_scheduled = is_published(entry, options)
        if not published:
            continue
        one = Placed(entry, urls.entry_url(entry), is_draft, is_scheduled)
        if isinstance(entry, Page) and entry.path == "" and entry.region:
            intros[entry.region] = one
        else:
            placed.append(one)
    placement = Placement(
        config,
        options,
        dict(sorted(sources.regions.items())),
        placed,
        intros,
        Placed(sources.home, "/") if sources.home else None,
        {rel: urls.asset_url(rel) for rel in sorted(sources.assets)},
        dict(sources.assets),
    )
    if photos is not None:
        placement.photos = photos(placement.asset_files, placement.assets)
    _check_spaces(placement, problems)
    return placement


def _check_spaces(placement: Placement, problems: Problems) -> None:
    """The /regio/ space belongs to the regions: central content may not publish there."""
    for one in placement.placed:
        if one.entry.region is None and one.url.startswith("/" + urls.REGIONS + "/"):
            problems.error(
                placement.config.root / one.entry.source.rel,
                1,
                None,
                msg("central content cannot publish under /{regions}/", regions=urls.REGIONS),
                msg("the /regio/ space belongs to the regions; put it in regions/<slug>/"),
            )


def assemble(placement: Placement, bodies: dict[str, Body], newsletters: tuple[Issue, ...], problems: Problems) -> Site:
    """The site from what is placed and the rendered bodies (by source path); files named in front matter resolved."""
    regions = placement.regions
    targets = _Targets(placement.assets)

    def item(one: Placed) -> Item:
        entry = one.entry
        region = regions.get(entry.region) if entry.region else None
        image = _file_url(placement, targets, entry, "image", IMAGE_HINT, problems) if entry.image else None
        photo = _photo(placement, targets, entry, problems) if image else None
        if photo is not None:
            image = photo.fallback.url if photo.error is None else None
        slides = _slides_url(placement, targets, entry, problems) if isinstance(entry, Webinar) else None
        body = bodies.get(entry.source.rel, EMPTY_BODY)
        return Item(entry, one.url, region, body, image, slides, one.is_draft, one.is_scheduled, photo)

    return Site(
        placement.config,
        placement.options,
        regions,
        [item(one) for one in placement.placed],
        item(placement.home) if placement.home else None,
        {slug: item(one) for slug, one in placement.intros.items()},
        placement.assets,
        placement.asset_files,
        newsletters,
        placement.photos,
    )


IMAGE_HINT = msg("write the path relative to this file, like ../images/foto.jpg")
SLIDES_HINT = msg("write the path relative to this file, like slides/presentatie.pdf, or a full https:// address")


def _slides_url(placement: Placement, targets: _Targets, entry: Webinar, problems: Problems) -> str | None:
    if not entry.slides:
        return None
    if "://" in entry.slides:
        return entry.slides
    return _file_url(placement, targets, entry, "slides", SLIDES_HINT, problems)


class _Targets:
    """Paths written in front matter (relative to their file, or a site path) -> repo-relative asset paths, each
    answer worked out once per build: 16,000 items name a few dozen images from a few hundred folders, and a site
    path was looked up by scanning every asset (a cost of items x assets)."""

    def __init__(self, assets: dict[str, str]) -> None:
        self.assets = assets
        self._by_url: dict[str, str] | None = None
        self._found: dict[tuple[str, str], str | None] = {}

    def resolve(self, source_rel: str, target: str) -> str | None:
        if target.startswith("/"):
            if self._by_url is None:
                self._by_url = {}
                for rel, url in self.assets.items():
                    self._by_url.setdefault(url, rel)  # the first asset with that URL, as the scan found it
            return self._by_url.get(target)
        key = (source_rel.rpartition("/")[0], target)
        if key not in self._found:
            rel = posixpath.normpath(posixpath.join(key[0], target))
            self._found[key] = rel if rel in self.assets else None
        return self._found[key]


def _photo(placement: Placement, targets: _Targets, entry: Entry, problems: Problems) -> Photo | None:
    """The raster named in `image`, or None (an SVG); a photo the engine refuses is an error at that line."""
    rel = targets.resolve(entry.source.rel, entry.image or "")
    if rel is None or not is_raster(rel):
        return None
    photo = placement.photos.get(rel)
    if photo is not None and photo.error is not None:
        message, hint = photo.error
        problems.error(placement.config.root / entry.source.rel, entry.lines.get("image"), "image",
                       msg("{image!r} {message}", image=entry.image, message=message), hint)  # fmt: skip
        return None
    return photo


def _file_url(
    placement: Placement, targets: _Targets, entry: Entry, field: str, hint: Msg, problems: Problems
) -> str | None:
    """The URL of a file named in a front-matter field (relative to the entry's file), or a problem."""
    written = getattr(entry, field)
    rel = targets.resolve(entry.source.rel, written)
    if rel is None:
        problems.error(
            placement.config.root / entry.source.rel,
            entry.lines.get(field),
            field,
            msg("{field} file {written!r} not found", field=field, written=written),
            hint,
        )
        return None
    return placement.assets[rel]
