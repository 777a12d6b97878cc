"""Figures per region for one school year: what the programme office reports to the ministry.

A school year runs from 1 August to 31 July (local time), the period the programme's activity plans and the
ministry's accounting use. Only what the site publishes counts (drafts and future items are not published).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from stogen.model.records import Region
from stogen.model.site import Item, Site

_SCHOOL_YEAR = re.compile(r"^(\d{4})[-/](\d{4})$")


@dataclass(frozen=True)
class SchoolYear:
    first: int  # the calendar year in which it starts (August)

    @classmethod
    def parse(cls, text: str) -> SchoolYear:
        m = _SCHOOL_YEAR.match(text.strip())
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            raise ValueError(f"{text!r} is not a school year: write it like 2025-2026")
        return cls(int(m.group(1)))

    @classmethod
    def of(cls, day: date) -> SchoolYear:
        return cls(day.year if day.month >= 8 else day.year - 1)

    @property
    def start(self) -> date:
        return date(self.first, 8, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 7, 31)

    @property
    def label(self) -> str:
        return f"{self.first}-{self.first + 1}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class RegionFigures:
    slug: str
    name: str
    news: int
    events: int
    webinars: int
    vmbo: int
    mbo: int
    technical: int  # schools (vmbo and mbo) that offer at least one technical profile
    partners: int
    hotspots: int
    primary_schools: int
    plan_period: str | None
    plan_status: str  # approved | not approved | expired | not started | missing

    COLUMNS = (
        "region",
        "name",
        "news",
        "events",
        "webinars",
        "vmbo_schools",
        "mbo_schools",
        "technical_schools",
        "partners",
        "hotspots",
        "primary_schools",
        "plan_period",
        "plan_status",
    )

    def cells(self) -> list[str | int]:
        return [
            self.slug,
            self.name,
            self.news,
            self.events,
            self.webinars,
            self.vmbo,
            self.mbo,
            self.technical,
            self.partners,
            self.hotspots,
            self.primary_schools,
            self.plan_period or "",
            self.plan_status,
        ]


def local_day(site: Site, at: datetime) -> date:
    return at.astimezone(site.config.tz).date()


def region_figures(site: Site, year: SchoolYear) -> list[RegionFigures]:
    """One row per region, by slug."""

    def count(items: list[Item]) -> int:
        return sum(1 for i in items if local_day(site, i.entry.published) in year)

    webinars: dict[str | None, list[Item]] = {}
    for item in site.webinars():
        webinars.setdefault(item.entry.region, []).append(item)
    return [
        _figures(region, count(site.news(slug)), count(site.events(slug)), count(webinars.get(slug, [])), year)
        for slug, region in sorted(site.regions.items())
    ]


def _figures(region: Region, news: int, events: int, webinars: int, year: SchoolYear) -> RegionFigures:
    plan = region.plan
    return RegionFigures(
        slug=region.slug,
        name=region.name,
        news=news,
        events=events,
        webinars=webinars,
        vmbo=len(region.schools_of_type("vmbo")),
        mbo=len(region.schools_of_type("mbo")),
        technical=len(region.technical_schools),
        partners=len(region.partners),
        hotspots=len(region.hotspots),
        primary_schools=len(region.primary_schools),
        plan_period=plan.period if plan else None,
        plan_status=plan.status(year.first) if plan else "missing",
    )
