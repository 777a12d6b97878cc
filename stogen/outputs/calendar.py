"""Calendar files (iCalendar, RFC 5545) for the webinars and the agendas, made with the `icalendar` package.

Files: /webinars/webinars.ics (every webinar), /agenda/agenda.ics (every central and regional event),
/regio/<slug>/agenda/agenda.ics (a region's events) and one file per webinar and event next to its page:
<page-url><slug>.ics, e.g. /agenda/landelijke-sto-dag-2027/landelijke-sto-dag-2027.ics.

Everything is deterministic: the UID is a hash of the canonical URL (stable across builds and moves of the
file), DTSTAMP is the item's start (never the clock), and the VTIMEZONE covers the years of the site's events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from stogen.core.artifacts import Artifact, Owner
from stogen.model import urls
from stogen.model.records import Event as EventRecord
from stogen.model.records import Webinar
from stogen.model.site import Item, Site
from stogen.outputs import Plan

if TYPE_CHECKING:
    from icalendar import Event, Timezone

FILE = {"webinar": "webinars.ics", "event": "agenda.ics"}
PRODID = "-//Sterk Techniekonderwijs//stogen//NL"


def item_ics_url(item: Item) -> str:
    """The "add to calendar" file of one webinar or event, next to its page."""
    return f"{item.url}{item.entry.slug}.ics"


def listing_ics_url(kind: str, region: str | None = None) -> str:
    section = urls.WEBINARS if kind == "webinar" else urls.AGENDA
    return urls.section(section, region) + FILE[kind]


def calendars(site: Site) -> dict[str, tuple[str, list[Item]]]:
    """Every calendar file: URL -> (calendar name, items), in a fixed order."""
    name = site.config.title
    found: dict[str, tuple[str, list[Item]]] = {
        listing_ics_url("webinar"): (f"{name}: webinars", site.webinars()),
        listing_ics_url("event"): (f"{name}: agenda", site.events()),
    }
    for slug, region in site.regions.items():
        found[listing_ics_url("event", slug)] = (f"{name}: agenda {region.name}", site.events(slug))
    for item in [*site.webinars(), *site.events()]:
        found[item_ics_url(item)] = (item.entry.title, [item])
    return found


def uid(site: Site, item: Item) -> str:
    """Stable across builds and moves: derived from the item's first URL (urls.identity), not its file or the build."""
    absolute = site.config.absolute(urls.identity(item.entry, item.url))
    return hashlib.sha1(absolute.encode("utf-8")).hexdigest() + "@" + urlsplit(site.config.base_url).netloc


def _years(site: Site) -> tuple[int, int]:
    """The years the VTIMEZONE must cover: those of every dated item, so it does not depend on the clock."""
    years = [i.entry.start.at.year for i in [*site.webinars(), *site.events()]]
    years += [i.entry.ends.year for i in [*site.webinars(), *site.events()]]
    return (min(years), max(years)) if years else (2025, 2027)


def vevent(site: Site, item: Item) -> Event:
    entry = item.entry
    tz = site.config.tz
    from icalendar import Event  # loaded only when a calendar is made again

    ev = Event()
    ev.add("uid", uid(site, item))
    ev.add("dtstamp", entry.start.at.astimezone(ZoneInfo("UTC")))
    ev.add("summary", entry.title)
    if entry.start.has_time:
        ev.add("dtstart", entry.start.at.astimezone(tz))
        ev.add("dtend", entry.ends.astimezone(tz))
    else:  # a whole day (or days): DATE values; DTEND is the day after the last day (RFC 5545 3.6.1)
        ev.add("dtstart", entry.start.at.date())
        ev.add("dtend", _last_day(entry) + timedelta(days=1))
    page = site.config.absolute(item.url)
    ev.add("url", page)
    if isinstance(entry, Webinar):
        ev.add("location", entry.registration_url or page)
    elif isinstance(entry, EventRecord):
        ev.add("location", entry.location or entry.online_url or "")
    description = "\n\n".join(p for p in (item.description, page) if p)
    ev.add("description", description)
    if entry.status == "geannuleerd":  # calendar apps strike a cancelled event through in subscribed calendars
        ev.add("status", "CANCELLED")
    return ev


def _last_day(entry: EventRecord | Webinar) -> date:
    end = getattr(entry, "end", None)
    if end is None:
        return entry.start.at.date()
    return max(end.at.date(), entry.start.at.date())


def timezone_block(site: Site) -> Timezone:
    """The VTIMEZONE every file carries; made once per build, it is the slow part of a calendar."""
    from icalendar import Timezone

    first, last = _years(site)
    return Timezone.from_tzid(site.config.timezone, first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))


def calendar(site: Site, name: str, items: list[Item], zone: Timezone | None = None) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", site.config.timezone)
    cal.add_component(zone or timezone_block(site))
    for item in items:
        cal.add_component(vevent(site, item))
    return cal.to_ical()


def artifacts(plan: Plan) -> Iterator[Artifact]:
    """Every calendar file. They share one VTIMEZONE, made at most once per build (the slow part of a calendar)."""
    site = plan.site
    years = _years(site)
    zone = _SharedZone(site)
    for url, (name, items) in calendars(site).items():
        owner = Owner.generator(f"the calendar {name!r}")
        make = partial(_calendar_file, zone, name, items)
        inputs = ("calendar", name, items, years, site.config.timezone)
        yield Artifact(urls.output_path(url), owner, inputs, make=make)


class _SharedZone:
    """The VTIMEZONE block, made when the first calendar that needs it is made (in each worker process)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._zone: Timezone | None = None

    def get(self) -> Timezone:
        if self._zone is None:
            self._zone = timezone_block(self.site)
        return self._zone


def _calendar_file(zone: _SharedZone, name: str, items: list[Item]) -> bytes:
    return calendar(zone.site, name, items, zone.get())
