"""HTML pages as jobs: what each page shows, decided in full when it is planned.

Every planner (pages.py, timetable.py, newsletter.py, search.py) makes its PageJobs through one Planner, which
gives pages of one place shared breadcrumbs and the feeds their head announces; nothing is added to a job later.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from stogen.model import urls
from stogen.model.site import Item, Site


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


@dataclass(frozen=True)
class FeedLink:
    """An RSS feed announced in a page's head (<link rel="alternate" type="application/rss+xml">)."""

    title: str
    url: str


@dataclass
class PageJob:
    url: str
    template: str
    title: str
    owner: str  # the source file, or what generates the page
    description: str = ""
    crumbs: list[Crumb] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    item: Item | None = None
    indexable: bool = True  # listed in the sitemap, open to search engines
    feeds: list[FeedLink] = field(default_factory=list)

    @property
    def path(self) -> str:
        return urls.output_path(self.url)

    @property
    def source(self) -> str | None:
        """The repository-relative file this page comes from, if any (for messages)."""
        if self.item is not None:
            return self.item.entry.source.rel
        return self.owner if "/" in self.owner and self.owner.endswith((".md", ".yml")) else None


@dataclass
class Pager:
    number: int
    total: int
    items: list[Item]
    base: str

    @property
    def prev_url(self) -> str | None:
        return urls.paginated(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return urls.paginated(self.base, self.number + 1) if self.number < self.total else None

    def url_of(self, number: int) -> str:
        return urls.paginated(self.base, number)

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and a few around this one; None marks a gap."""
        shown = sorted({1, self.total, *range(max(1, self.number - around), min(self.total, self.number + around) + 1)})
        out: list[int | None] = []
        for n in shown:
            last = out[-1] if out else n
            if last is not None and n - last == 2:
                out.append(n - 1)  # a gap of one page: show the page itself
            elif last is not None and n - last > 2:
                out.append(None)
            out.append(n)
        return out


def paginate(items: list[Item], base: str, per_page: int) -> list[Pager]:
    total = max(1, -(-len(items) // per_page))
    return [Pager(n + 1, total, items[n * per_page : (n + 1) * per_page], base) for n in range(total)]


class Planner:
    """Makes PageJobs: shared crumbs per place, and the feeds every page announces (the site's news feed, and
    on a region's pages that region's feed)."""

    def __init__(self, site: Site, strings: dict[str, Any], previous: Sequence[PageJob] = ()) -> None:
        self.site = site
        self.t = strings
        # An item's own page, from an earlier plan (see item_job); by the item's id, checked by identity.
        self._previous = {id(job.item): job for job in previous if job.item is not None}
        self.home = Crumb(strings["home"], "/")
        self.regions_crumb = Crumb(strings["regions"], "/" + urls.REGIONS + "/")
        self._crumbs: dict[Any, Crumb] = {}
        self._trails: dict[Any, list[Crumb]] = {}
        site_feed = FeedLink(f"{strings['news']} | {site.config.title}", urls.site_feed_url())
        self._feeds: dict[str | None, list[FeedLink]] = {None: [site_feed]}
        for slug, region in site.regions.items():
            title = f"{strings['news']} {strings['from_region']} {region.name} | {site.config.title}"
            self._feeds[slug] = [site_feed, FeedLink(title, urls.region_feed_url(slug))]

    def crumb(self, title: str, url: str) -> Crumb:
        return self._crumbs.setdefault((title, url), Crumb(title, url))

    def region_crumbs(self, slug: str | None) -> list[Crumb]:
        """Home, or home > Regio's > the region: one list per place, shared by its pages."""
        trail = self._trails.get(slug)
        if trail is None:
            if slug is None:
                trail = [self.home]
            else:
                trail = [
                    self.home,
                    self.regions_crumb,
                    self.crumb(self.site.regions[slug].name, urls.region_home(slug)),
                ]
            self._trails[slug] = trail
        return trail

    def trail(self, key: Any, make: Any) -> list[Crumb]:
        """A crumb list shared by every page of one section (`make()` builds it the first time)."""
        found = self._trails.get(key)
        if found is None:
            found = self._trails[key] = make()
        return found

    def item_job(self, item: Item, make: Callable[[], PageJob]) -> PageJob:
        """An item's own page: the earlier plan's job while the item is the same object (frozen, so its text, URL,
        region and body are the same; the configuration, strings and "now" are the same by contract), else
        `make()`. The live preview re-plans in proportion to what changed this way."""
        job = self._previous.get(id(item))
        if job is not None and job.item is item:
            return job
        return make()

    def job(
        self,
        url: str,
        template: str,
        title: str,
        owner: str,
        description: str = "",
        crumbs: list[Crumb] | None = None,
        context: dict[str, Any] | None = None,
        item: Item | None = None,
        indexable: bool = True,
    ) -> PageJob:
        region = urls.region_of_url(url)
        feeds = self._feeds[region if region in self._feeds else None]
        return PageJob(url, template, title, owner, description, crumbs or [], context or {}, item, indexable, feeds)
