"""HTML pages: one job per URL, planned from the site model, rendered with the theme."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from stogen.build.writer import place
from stogen.core.parallel import ordered_map
from stogen.model import urls
from stogen.model.site import Item, Site
from stogen.outputs import OutputFile, RenderContext
from stogen.render.theme import Theme

TEMPLATES = {"news": "article.html", "event": "event.html", "webinar": "webinar.html", "page": "page.html"}


@dataclass
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
    feeds: list[FeedLink] = field(default_factory=list)  # filled by stogen/outputs/feeds.py:link_feeds

    @property
    def path(self) -> str:
        return urls.output_path(self.url)


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


def plan(site: Site, t: dict[str, Any]) -> list[PageJob]:
    """Every HTML page of the site, in a fixed order."""
    jobs: list[PageJob] = []
    home = Crumb(t["home"], "/")
    regions_crumb = Crumb(t["regions"], "/" + urls.REGIONS + "/")

    shared: dict[Any, Crumb] = {}  # one Crumb per place: pages share them (and their fingerprints)

    def crumb(title: str, url: str) -> Crumb:
        return shared.setdefault((title, url), Crumb(title, url))

    def region_crumbs(slug: str | None) -> list[Crumb]:
        if slug is None:
            return [home]
        return [home, regions_crumb, crumb(site.regions[slug].name, urls.region_home(slug))]

    jobs.append(
        PageJob(
            "/",
            "home.html",
            site.config.title,
            "home page",
            site.config.description,
            [],
            {"intro": site.home},
            site.home,
        )
    )

    section_titles = {"news": t["news"], "event": t["agenda"], "webinar": t["webinars"]}
    section_names = {"news": urls.NEWS, "event": urls.AGENDA, "webinar": urls.WEBINARS}
    trails: dict[tuple[str, str | None], list[Crumb]] = {}  # one list per section: item pages share it
    for item in site.items:
        place = (item.kind, item.entry.region)
        crumbs = trails.get(place)
        if crumbs is None:
            crumbs = region_crumbs(item.entry.region)
            if item.kind in section_titles:
                section = urls.section(section_names[item.kind], item.entry.region)
                crumbs = [*crumbs, crumb(section_titles[item.kind], section)]
            crumbs = trails[place] = crumbs
        jobs.append(
            PageJob(
                item.url,
                TEMPLATES[item.kind],
                item.entry.title,
                item.entry.source.rel,
                item.description,
                crumbs,
                {"upcoming": item.entry.ends >= site.now} if item.kind in ("event", "webinar") else {},
                item,
            )
        )

    jobs += _listings(site, t, None, [home])
    # The webinar archive and the agenda listings are planned in stogen/outputs/timetable.py.
    regions_intro = site.region_intros
    jobs.append(
        PageJob(
            regions_crumb.url,
            "regions.html",
            t["regions_title"],
            "region directory",
            t["regions_description"],
            [home],
            {"groups": site.regions_by_province()},
        )
    )
    for slug, region in site.regions.items():
        crumbs = region_crumbs(slug)
        intro = regions_intro.get(slug)
        jobs.append(
            PageJob(
                urls.region_home(slug),
                "region.html",
                f"{t['region']} {region.name}",
                region.source.rel,
                region.description or f"{t['region']} {region.name}",
                crumbs[:-1],
                {
                    "region": region,
                    "intro": intro,
                    "news": site.news(slug)[:5],
                    "events": site.upcoming_events(slug)[:3],
                    "pages": site.pages(slug),
                },
                intro,
            )
        )
        jobs += _listings(site, t, slug, crumbs)
    from stogen.outputs import former_regions  # here: it builds on this module's PageJob

    jobs += former_regions.plan(site, t, [home, regions_crumb])
    jobs.append(PageJob("/404.html", "404.html", t["not_found"], "404 page", "", [], {}, indexable=False))
    return jobs


def _listings(site: Site, t: dict[str, Any], region: str | None, crumbs: list[Crumb]) -> list[PageJob]:
    jobs: list[PageJob] = []
    owner = f"news listing of region {region}" if region else "news listing"
    name = site.regions[region].name if region else None
    news_title = f"{t['news']} {t['from_region']} {name}" if name else t["news"]
    base = urls.section(urls.NEWS, region)
    for pager in paginate(site.news(region), base, site.config.per_page):
        title = news_title if pager.number == 1 else f"{news_title} – {t['page']} {pager.number}"
        jobs.append(
            PageJob(
                pager.url_of(pager.number),
                "list.html",
                title,
                owner,
                t["news_description"] if not name else f"{t['news_description_region']} {name}.",
                crumbs,
                {"pager": pager, "region": site.regions.get(region) if region else None},
            )
        )
    return jobs


def write(ctx: RenderContext) -> Iterator[OutputFile]:
    """Every planned page; a page whose fingerprint is unchanged since the last build is not rendered.

    Pages are rendered on every core, and each worker writes its pages into the staging folder itself:
    the HTML never travels back to this process, and the file system work is spread over the cores too.
    """
    fingerprints = list(ordered_map(ctx.fingerprints.of_page, ctx.jobs, chunk=1024))
    todo = [job for job, fp in zip(ctx.jobs, fingerprints, strict=True) if ctx.previous.get(job.path) != fp]
    staging = ctx.staging

    def render(job: PageJob) -> bytes | None:
        data = render_job(ctx.theme, ctx.site, job).encode("utf-8")
        if staging is None:
            return data
        place(staging, job.path, data)
        return None

    rendered = ordered_map(render, todo)
    for job, fp in zip(ctx.jobs, fingerprints, strict=True):
        if ctx.previous.get(job.path) == fp:
            yield OutputFile(job.path, fingerprint=fp, reuse=True)
        else:
            data = next(rendered)
            yield OutputFile(job.path, data, fingerprint=fp, placed=data is None)


def render_job(theme: Theme, site: Site, job: PageJob) -> str:
    return theme.render(job.template, site=site, page=job, item=job.item, **job.context)
