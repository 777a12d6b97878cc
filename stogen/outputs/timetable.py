"""Listings of what happens at a time: the webinar archive (/webinars/, per year) and the agendas.

"Upcoming" and "past" are relative to the build's "now" (site.now), so these pages change when "now" does;
their templates read `site`, which puts "now" in their fingerprints.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from stogen.model import urls
from stogen.model.fields import AUDIENCES
from stogen.model.site import Item, Site
from stogen.outputs.jobs import Crumb, PageJob, Planner

ARCHIVE = "archief"  # /agenda/archief/, /regio/<slug>/agenda/archief/


def archive_url(region: str | None = None) -> str:
    return urls.section(urls.AGENDA, region) + ARCHIVE + "/"


def year_url(year: int, region: str | None = None) -> str:
    return urls.section(urls.WEBINARS, region) + f"{year}/"


def by_year(items: list[Item], tz: Any) -> list[tuple[int, list[Item]]]:
    """Items (already newest first) grouped by the year they start in, local time."""
    return [(y, list(g)) for y, g in groupby(items, key=lambda i: i.entry.start.at.astimezone(tz).year)]


def by_month(items: list[Item], tz: Any) -> list[tuple[tuple[int, int], list[Item]]]:
    """Items (already in date order) grouped by the (year, month) they start in, local time."""

    def month(item: Item) -> tuple[int, int]:
        at = item.entry.start.at.astimezone(tz)
        return at.year, at.month

    return [(m, list(g)) for m, g in groupby(items, key=month)]


def plan(planner: Planner) -> list[PageJob]:
    site = planner.site
    webinars = _webinars_by_region(site)
    jobs = _webinar_pages(planner, None, planner.region_crumbs(None), webinars[None])
    jobs += _agenda_pages(planner, None, planner.region_crumbs(None))
    jobs += _audience_pages(planner, jobs[-2].url)
    for slug in site.regions:
        crumbs = planner.region_crumbs(slug)
        jobs += _agenda_pages(planner, slug, crumbs)
        if slug in webinars:
            jobs += _webinar_pages(planner, slug, crumbs, webinars[slug])
    return jobs


def _webinars_by_region(site: Site) -> dict[str | None, tuple[list[Item], list[Item]]]:
    """(upcoming, past) webinars of the whole site (None) and of each region that has any, in one pass: a pass
    over every webinar per region cost 0.3 s at 78 regions with their own webinars (the mixed shape)."""
    upcoming, past = site.upcoming_webinars(), site.past_webinars()
    found: dict[str | None, tuple[list[Item], list[Item]]] = {None: (upcoming, past)}
    for n, items in enumerate((upcoming, past)):
        for item in items:
            region = item.entry.region
            if region is not None:
                found.setdefault(region, ([], []))[n].append(item)
    return found


def _webinar_pages(
    planner: Planner, region: str | None, crumbs: list[Crumb], webinars: tuple[list[Item], list[Item]]
) -> list[PageJob]:
    site, t = planner.site, planner.t
    upcoming, past = webinars
    years = by_year(past, site.config.tz)
    name = site.regions[region].name if region else None
    title = f"{t['webinars']} {t['from_region']} {name}" if name else t["webinars"]
    base = urls.section(urls.WEBINARS, region)
    owner = f"webinar archive of region {region}" if region else "webinar archive"
    jobs = [
        planner.job(
            base,
            "webinars.html",
            title,
            owner,
            t["webinars_description"],
            crumbs,
            {
                "upcoming": upcoming,
                "years": years,
                "year": None,
                "region": site.regions.get(region) if region else None,
            },
        )
    ]
    for year, items in years:
        jobs.append(
            planner.job(
                year_url(year, region),
                "webinars.html",
                f"{title} {year}",
                f"{owner} {year}",
                f"{t['webinars_of_year']} {year}.",
                [*crumbs, Crumb(title, base)],
                {"upcoming": [], "years": [(year, items)], "year": year, "region": None},
            )
        )
    return jobs


def _agenda_pages(planner: Planner, region: str | None, crumbs: list[Crumb]) -> list[PageJob]:
    site, t = planner.site, planner.t
    name = site.regions[region].name if region else None
    title = f"{t['agenda']} {t['from_region']} {name}" if name else t["agenda"]
    owner = f"agenda of region {region}" if region else "agenda"
    the_region = site.regions.get(region) if region else None
    past = site.past_events(region)
    agenda = planner.job(
        urls.section(urls.AGENDA, region),
        "agenda.html",
        title,
        owner,
        t["agenda_description"] + (f" {name}." if name else "."),
        crumbs,
        {
            "upcoming": site.upcoming_events(region),
            "months": by_month(site.upcoming_events(region), site.config.tz),
            "past_count": len(past),
            "region": the_region,
            "archive": False,
            "audiences": _audience_links(t, None) if region is None else [],
            # The central agenda lists every region's own agenda (static pages: a filter that needs no script).
            "regions": []
            if region
            else [(r.name, urls.section(urls.AGENDA, slug)) for slug, r in site.regions.items()],
        },
    )
    archive = planner.job(
        archive_url(region),
        "agenda_archive.html",
        f"{title}: {t['archive']}",
        f"{owner} archive",
        t["agenda_archive_description"] + (f" {name}." if name else "."),
        [*crumbs, Crumb(title, agenda.url)],
        {"years": by_year(past, site.config.tz), "region": the_region, "archive": True},
    )
    return [agenda, archive]


def _audience_links(t: dict[str, Any], current: str | None) -> list[tuple[str, str, bool]]:
    """(name, URL, is this page) for the filter above the central agenda: everyone, then each audience."""
    everyone = [(t["audience_everyone"], urls.section(urls.AGENDA), current is None)]
    return everyone + [(name, urls.audience_url(key), key == current) for key, name in AUDIENCES.items()]


def _audience_pages(planner: Planner, agenda_url: str) -> list[PageJob]:
    """The central agenda once per audience (/agenda/voor/<audience>/): static pages, a filter without script.
    An item without `audience` is for everyone and is listed on each."""
    site, t = planner.site, planner.t
    crumbs = [*planner.region_crumbs(None), Crumb(t["agenda"], agenda_url)]
    jobs = []
    for key, name in AUDIENCES.items():
        upcoming = [i for i in site.upcoming_events() if not i.entry.audience or key in i.entry.audience]
        jobs.append(
            planner.job(
                urls.audience_url(key),
                "agenda.html",
                f"{t['agenda']} {t['for_audience']} {name.lower()}",
                f"agenda for {key}",
                f"{t['agenda_description']}, {t['for_audience']} {name.lower()}.",
                crumbs,
                {
                    "upcoming": upcoming,
                    "months": by_month(upcoming, site.config.tz),
                    "past_count": 0,
                    "region": None,
                    "archive": False,
                    "audiences": _audience_links(t, key),
                    "regions": [],
                },
            )
        )
    return jobs
