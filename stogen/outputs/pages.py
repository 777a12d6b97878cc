"""HTML pages: the item pages, the home page, news listings, the region directory and region pages, the 404 page.

Planned from the site model as PageJobs (stogen/outputs/jobs.py); every planned page, whichever module planned it,
becomes an artifact here, rendered with the theme.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from stogen.core.artifacts import Artifact, Owner
from stogen.model import figures, urls
from stogen.model.kinds import KINDS, Kind
from stogen.model.site import Item, Site
from stogen.outputs import Plan
from stogen.outputs.jobs import Crumb, PageJob, Planner, paginate
from stogen.render.theme import Theme


def plan(planner: Planner) -> list[PageJob]:
    """Every page of the site's content, in a fixed order."""
    site, t = planner.site, planner.t
    jobs = [
        planner.job(
            "/",
            "home.html",
            site.config.title,
            "home page",
            figures.fill(site.config.description, site.figures),
            [],
            {"intro": site.home},
            site.home,
        )
    ]
    jobs += [planner.item_job(item, partial(item_job, planner, item)) for item in site.items]
    jobs += _listings(planner, None, [planner.home])
    # The webinar archive and the agenda listings are planned in stogen/outputs/timetable.py.
    jobs.append(
        planner.job(
            planner.regions_crumb.url,
            "regions.html",
            t["regions_title"],
            "region directory",
            t["regions_description"],
            [planner.home],
            {"groups": site.regions_by_province(), "places": site.places},
        )
    )
    for slug, region in site.regions.items():
        crumbs = planner.region_crumbs(slug)
        intro = site.region_intros.get(slug)
        context = {
            "region": region,
            "intro": intro,
            "news": site.news(slug)[:5],
            "events": site.upcoming_events(slug)[:3],
            "pages": site.pages(slug),
        }
        title, description = f"{t['region']} {region.name}", region.description or f"{t['region']} {region.name}"
        url = urls.region_home(slug)
        jobs.append(planner.job(url, "region.html", title, region.source.rel, description, crumbs[:-1], context, intro))
        jobs += _listings(planner, slug, crumbs)
    from stogen.outputs import former_regions  # here: it builds on PageJob, as this module does

    jobs += former_regions.plan(planner)
    jobs.append(planner.job("/404.html", "404.html", t["not_found"], "404 page", "", [], {}, indexable=False))
    return jobs


def item_job(planner: Planner, item: Item) -> PageJob:
    """An item's own page."""
    kind = KINDS[item.kind]
    region = item.entry.region
    crumbs = planner.trail((kind.name, region), partial(_item_crumbs, planner, kind, region))
    context = {"upcoming": item.entry.ends >= planner.site.now} if item.kind in ("event", "webinar") else {}
    return planner.job(
        item.url, kind.template, item.entry.title, item.entry.source.rel, item.description, crumbs, context, item
    )


def _item_crumbs(planner: Planner, kind: Kind, region: str | None) -> list[Crumb]:
    """Home (> Regio's > the region) > the kind's listing: shared by every page of one section."""
    crumbs = planner.region_crumbs(region)
    if kind.listing is None or kind.folder is None:
        return crumbs
    return [*crumbs, planner.crumb(planner.t[kind.listing], urls.section(kind.folder, region))]


def _listings(planner: Planner, region: str | None, crumbs: list[Crumb]) -> list[PageJob]:
    site, t = planner.site, planner.t
    jobs: list[PageJob] = []
    owner = f"news listing of region {region}" if region else "news listing"
    name = site.regions[region].name if region else None
    news_title = f"{t['news']} {t['from_region']} {name}" if name else t["news"]
    base = urls.section(urls.NEWS, region)
    for pager in paginate(site.news(region), base, site.config.per_page):
        title = news_title if pager.number == 1 else f"{news_title} – {t['page']} {pager.number}"
        jobs.append(
            planner.job(
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


def artifacts(plan: Plan) -> Iterator[Artifact]:
    """Every planned page; its inputs are the job itself (the fingerprinter knows what a page depends on)."""
    for job in plan.jobs:
        yield artifact(plan, job)


def artifact(plan: Plan, job: PageJob) -> Artifact:
    source = job.source
    owner = Owner(job.owner if source else f"the {job.owner}", source)
    return Artifact(job.path, owner, job, make=partial(render_page, plan.theme, plan.site, job))


def render_item_page(site: Site, theme: Theme, item: Item) -> tuple[str, bytes]:
    """An item's page on its own, planned and rendered as the whole plan would: (output path, bytes). The search
    index starts early with it (stogen/outputs/search.py), and compares it with the page the build makes."""
    job = item_job(Planner(site, theme.strings), item)
    return job.path, render_page(theme, site, job)


def render_page(theme: Theme, site: Site, job: PageJob) -> bytes:
    return render_job(theme, site, job).encode("utf-8")


def render_job(theme: Theme, site: Site, job: PageJob) -> str:
    # figures, not site: a template that reads `site` is made again after every change (build/freshness.py)
    return theme.render(job.template, site=site, page=job, item=job.item, figures=site.figures, **job.context)
