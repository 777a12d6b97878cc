"""Listings of what happens at a time: the webinar archive (/webinars/, per year) and the agendas.

"Upcoming" and "past" are relative to the build's "now" (site.now), so these pages change when "now" does;
their templates read `site`, which puts "now" in their fingerprints.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from stogen.model import urls
from stogen.model.site import Item, Site
from stogen.outputs.pages import Crumb, PageJob

ARCHIVE = "archief"  # /agenda/archief/, /regio/<slug>/agenda/archief/


def archive_url(region: str | None = None) -> str:
    return urls.section(urls.AGENDA, region) + ARCHIVE + "/"


def year_url(year: int, region: str | None = None) -> str:
    return urls.section(urls.WEBINARS, region) + f"{year}/"


def by_year(items: list[Item], tz: Any) -> list[tuple[int, list[Item]]]:
    """Items (already newest first) grouped by the year they start in, local time."""
    return [(y, list(g)) for y, g in groupby(items, key=lambda i: i.entry.start.at.astimezone(tz).year)]


def plan(site: Site, t: dict[str, Any]) -> list[PageJob]:
    home = Crumb(t["home"], "/")
    jobs = _webinar_pages(site, t, None, [home])
    jobs += _agenda_pages(site, t, None, [home])
    regions_crumb = Crumb(t["regions"], "/" + urls.REGIONS + "/")
    for slug, region in site.regions.items():
        crumbs = [home, regions_crumb, Crumb(region.name, urls.region_home(slug))]
        jobs += _agenda_pages(site, t, slug, crumbs)
        if any(i.entry.region == slug for i in site.webinars()):
            jobs += _webinar_pages(site, t, slug, crumbs)
    return jobs


def _webinars_of(site: Site, region: str | None) -> tuple[list[Item], list[Item]]:
    def mine(items: list[Item]) -> list[Item]:
        return items if region is None else [i for i in items if i.entry.region == region]

    return mine(site.upcoming_webinars()), mine(site.past_webinars())


def _webinar_pages(site: Site, t: dict[str, Any], region: str | None, crumbs: list[Crumb]) -> list[PageJob]:
    upcoming, past = _webinars_of(site, region)
    years = by_year(past, site.config.tz)
    name = site.regions[region].name if region else None
    title = f"{t['webinars']} {t['from_region']} {name}" if name else t["webinars"]
    base = urls.section(urls.WEBINARS, region)
    owner = f"webinar archive of region {region}" if region else "webinar archive"
    jobs = [
        PageJob(
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
            PageJob(
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


def _agenda_pages(site: Site, t: dict[str, Any], region: str | None, crumbs: list[Crumb]) -> list[PageJob]:
    name = site.regions[region].name if region else None
    title = f"{t['agenda']} {t['from_region']} {name}" if name else t["agenda"]
    owner = f"agenda of region {region}" if region else "agenda"
    the_region = site.regions.get(region) if region else None
    past = site.past_events(region)
    agenda = PageJob(
        urls.section(urls.AGENDA, region),
        "agenda.html",
        title,
        owner,
        t["agenda_description"] + (f" {name}." if name else "."),
        crumbs,
        {"upcoming": site.upcoming_events(region), "past_count": len(past), "region": the_region, "archive": False},
    )
    archive = PageJob(
        archive_url(region),
        "agenda_archive.html",
        f"{title}: {t['archive']}",
        f"{owner} archive",
        t["agenda_archive_description"] + (f" {name}." if name else "."),
        [*crumbs, Crumb(title, agenda.url)],
        {"years": by_year(past, site.config.tz), "region": the_region, "archive": True},
    )
    return [agenda, archive]


def template_globals() -> dict[str, Any]:
    """Functions the webinar and agenda templates call (registered in stogen/theme.py)."""
    from stogen.model.webinars import recording_of
    from stogen.outputs import calendar, events_ld, webinar_feed

    return {
        "recording_of": recording_of,
        "webinar_ld": events_ld.webinar_ld,
        "event_ld": events_ld.event_ld,
        "ics_url": calendar.item_ics_url,
        "calendar_url": calendar.listing_ics_url,
        "webinar_feed_url": webinar_feed.feed_url,
        "agenda_archive_url": archive_url,
    }
