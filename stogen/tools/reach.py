"""Reach of the webinars: live viewers and replay views per webinar and per (school) year, for the accounting.

Only webinars that have taken place (relative to the build's "now") count. A missing figure is unknown,
not zero: it is left out of totals and averages, and each average says over how many webinars (n) it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from stogen.model.site import Site
from stogen.tools.figures import SchoolYear


@dataclass(frozen=True)
class Row:
    day: date
    title: str
    url: str
    region: str  # the region's slug; "" for a central webinar
    live: int | None
    replay: int | None
    counted: date | None = None  # the day the replay views were counted (`views_counted`)

    @property
    def total(self) -> int | None:
        return None if self.live is None or self.replay is None else self.live + self.replay


@dataclass(frozen=True)
class Figure:
    """A sum over the webinars that have this figure, and how many those are."""

    total: int
    n: int

    @property
    def average(self) -> float | None:
        return self.total / self.n if self.n else None


@dataclass(frozen=True)
class Year:
    year: str  # a calendar year (2026) or a school year (2025-2026)
    rows: list[Row]

    def figure(self, name: str) -> Figure:
        known = [v for v in (getattr(r, name) for r in self.rows) if v is not None]
        return Figure(sum(known), len(known))


def reach(site: Site, year: int | None = None, school_year: SchoolYear | None = None) -> list[Year]:
    """Past webinars, oldest first, grouped by calendar year, or by school year when one is asked for (local time)."""
    tz = site.config.tz
    rows = [
        Row(
            i.entry.start.at.astimezone(tz).date(),
            i.entry.title,
            i.url,
            i.entry.region or "",
            i.entry.live_viewers,
            i.entry.replay_views,
            i.entry.views_counted.date() if i.entry.views_counted else None,
        )
        for i in site.webinars()
        if i.entry.ends < site.now
    ]
    if year is not None:
        rows = [r for r in rows if r.day.year == year]
    if school_year is not None:
        rows = [r for r in rows if r.day in school_year]
        return [Year(school_year.label, rows)] if rows else []
    return [Year(str(y), list(g)) for y, g in groupby(rows, key=lambda r: r.day.year)]
