"""Typed content records: what the loaders produce and the site model is built from.

Records are plain data. They hold Markdown source, never rendered HTML, and
they know where they came from (for error messages), not where they are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from stogen.model.fields import Moment


@dataclass(frozen=True)
class Source:
    file: str  # the absolute path, as text: tens of thousands of these are loaded from the cache on every build
    rel: str  # repository-relative, forward slashes
    region: str | None  # the region folder it lives in; None for central content
    digest: str  # content hash of the raw file, for caching

    @property
    def path(self) -> Path:
        return Path(self.file)


@dataclass
class Entry:
    """What every content file has in common."""

    source: Source
    title: str
    slug: str
    body: str  # "" in a record from the cache: see loader.body_of
    body_line: int
    summary: str | None = None
    draft: bool = False
    aliases: list[str] = field(default_factory=list)
    image: str | None = None  # as written: relative to the file, or a site path
    image_alt: str | None = None
    tags: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter field -> line, for problems

    kind = "page"

    @property
    def region(self) -> str | None:
        return self.source.region

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.source.rel, self.slug)


@dataclass
class Page(Entry):
    weight: int | None = None
    kind = "page"
    # The page's path below its root (content/ or regions/<slug>/), without `.md`, e.g. "over-sto".
    path: str = ""


@dataclass
class Article(Entry):
    date: Moment = None  # type: ignore[assignment]
    updated: Moment | None = None
    author: str | None = None
    featured: bool = False
    kind = "article"

    @property
    def published(self) -> datetime:
        return self.date.at


@dataclass
class Event(Entry):
    start: Moment = None  # type: ignore[assignment]
    end: Moment | None = None
    location: str | None = None
    online_url: str | None = None
    registration_url: str | None = None
    audience: list[str] = field(default_factory=list)  # keys of fields.AUDIENCES; empty: everyone
    status: str | None = None  # geannuleerd | verplaatst | volgeboekt; None: as announced
    previous_start: Moment | None = None  # a moved event's first announced start
    kind = "event"

    @property
    def published(self) -> datetime:
        return self.start.at

    @property
    def ends(self) -> datetime:
        if self.end is not None:
            # a date without a time is the whole day: the event ends at the next midnight
            return self.end.at if self.end.has_time else self.end.at + timedelta(days=1)
        if self.start.has_time:
            return self.start.at + timedelta(hours=1)
        return self.start.at + timedelta(days=1)


@dataclass
class Webinar(Entry):
    start: Moment = None  # type: ignore[assignment]
    duration: int = 60
    speakers: list[dict[str, str]] = field(default_factory=list)
    registration_url: str | None = None
    audience: list[str] = field(default_factory=list)  # keys of fields.AUDIENCES; empty: everyone
    recording: str | None = None
    slides: str | None = None
    live_viewers: int | None = None
    replay_views: int | None = None
    status: str | None = None  # geannuleerd | verplaatst | volgeboekt; None: as announced
    previous_start: Moment | None = None
    views_counted: Moment | None = None  # when replay_views was counted: the figure grows after the webinar
    kind = "webinar"

    @property
    def published(self) -> datetime:
        return self.start.at

    @property
    def ends(self) -> datetime:
        return self.start.at + timedelta(minutes=self.duration)


@dataclass(frozen=True)
class School:
    name: str
    place: str
    type: str  # vmbo | mbo
    code: str
    board: str | None
    profiles: tuple[str, ...]
    leerwegen: tuple[str, ...] = ()  # vmbo only: basis, kader, gemengd, theoretisch
    website: str | None = None

    @property
    def technical(self) -> bool:
        """Offers at least one of the five technical profiles: what the programme's rules count."""
        from stogen.model.fields import TECHNICAL_PROFILES

        return any(p in TECHNICAL_PROFILES for p in self.profiles)


@dataclass(frozen=True)
class Partner:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Hotspot:
    name: str
    place: str | None = None
    description: str | None = None
    url: str | None = None
    address: str | None = None  # street and number: the region page links it to a map
    used_by: tuple[str, ...] = ()  # location codes of the region's schools that use it

    @property
    def map_query(self) -> str | None:
        """What a map service searches for: the address and the place, when there is an address."""
        if not self.address:
            return None
        return ", ".join(p for p in (self.address, self.place) if p)


@dataclass(frozen=True)
class PrimarySchool:
    name: str
    place: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Plan:
    """The region's vision and two-year activity plan (visie en activiteitenplan)."""

    period: str  # "2025-2027": from the start of school year 2025-2026 to the end of 2026-2027
    first_year: int
    last_year: int
    approved: date | None = None  # None: not (yet) approved
    link: str | None = None  # as written: a web address or a file in the region's folder
    url: str | None = None  # where the page links to: the address, or the file's URL on the site

    def status(self, school_year_start: int) -> str:
        """approved, not approved, expired or not started, for the school year that starts in August of the year."""
        if school_year_start >= self.last_year:
            return "expired"
        if school_year_start < self.first_year:
            return "not started"
        return "approved" if self.approved else "not approved"


@dataclass(frozen=True)
class Change:
    """One entry of a region's history: it was renamed, merged or split (written by `stogen regio`)."""

    day: date
    change: str  # renamed | merged | split
    old: tuple[str, ...]  # `from`: the slugs before
    new: tuple[str, ...]  # `to`: the slugs after
    names: tuple[str, ...] = ()  # the old regions' names, for "voorheen Twente"


@dataclass
class Region:
    slug: str
    source: Source
    name: str
    provinces: list[str]
    penvoerder: str
    programmaleiders: list[dict[str, str]]
    schools: list[School]
    partners: list[Partner] = field(default_factory=list)
    hotspots: list[Hotspot] = field(default_factory=list)
    description: str | None = None
    website: str | None = None
    formerly: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)  # GitHub accounts, for CODEOWNERS and the PR check
    plan: Plan | None = None
    supporter: dict[str, str] | None = None  # the national supporter (adviser) of the region
    primary_schools: list[PrimarySchool] = field(default_factory=list)
    history: list[Change] = field(default_factory=list)  # oldest first
    lines: dict[str, int] = field(default_factory=dict)  # where things were written, for problems

    @property
    def profiles(self) -> list[str]:
        from stogen.model.fields import PROFILES

        found = {p for s in self.schools for p in s.profiles}
        return [p for p in PROFILES if p in found]

    def schools_using(self, hotspot: Hotspot) -> list[School]:
        """The region's schools a hotspot names in `used_by`, in the region's order."""
        return [s for s in self.schools if s.code in hotspot.used_by]

    def schools_of_type(self, kind: str) -> list[School]:
        return [s for s in self.schools if s.type == kind]

    @property
    def technical_schools(self) -> list[School]:
        return [s for s in self.schools if s.technical]

    @property
    def leerwegen(self) -> list[str]:
        from stogen.model.fields import LEERWEGEN

        found = {w for s in self.schools for w in s.leerwegen}
        return [w for w in LEERWEGEN if w in found]


@dataclass
class Sources:
    """Everything read from the repository: the input of the site model."""

    regions: dict[str, Region] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    assets: dict[str, Path] = field(default_factory=dict)  # repo-relative path -> absolute path
    home: Page | None = None
    newsletters: list[Any] = field(default_factory=list)  # NewsletterSource, oldest first
    # The Markdown files read afresh, new or edited since the cache last saw them (every file without a cache).
    read: set[str] = field(default_factory=set)
