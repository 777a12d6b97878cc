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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
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


@dataclass(frozen=True)
class Transition:
    """One change of a zone's UTC offset, as a VTIMEZONE rule describes it: in local time before the change."""

    at: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str  # TZNAME after the change: CET, CEST

    @property
    def local(self) -> datetime:
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def rule(self) -> tuple[object, ...]:
        """What a yearly RRULE can say about it: month, weekday and its week counted from the month's end
        (-1 is the last), local time, and the offsets."""
        local = self.local
        from_end = -1 - (_days_in_month(local) - local.day) // 7
        return (local.month, local.weekday(), from_end, local.time(), self.offset_from, self.offset_to, self.name)


def _days_in_month(d: datetime) -> int:
    nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (nxt - timedelta(days=1)).day


def transitions(zone: ZoneInfo, first: int, last: int) -> list[Transition]:
    """Every offset change of `zone` in the years first..last, from zoneinfo: a day-by-day scan in UTC, then
    the exact minute by bisection (changes happen on whole minutes)."""
    found: list[Transition] = []
    day = datetime(first, 1, 1, tzinfo=UTC)
    end = datetime(last + 1, 1, 1, tzinfo=UTC)
    while day < end:
        nxt = day + timedelta(days=1)
        if day.astimezone(zone).utcoffset() != nxt.astimezone(zone).utcoffset():
            lo, hi = day, nxt
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid.astimezone(zone).utcoffset() == lo.astimezone(zone).utcoffset():
                    lo = mid if mid > lo else lo + timedelta(minutes=1)
                else:
                    hi = mid
            after = hi.astimezone(zone)
            found.append(Transition(hi, lo.astimezone(zone).utcoffset(), after.utcoffset(), after.tzname() or ""))
        day = nxt
    return found


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def timezone_block(site: Site) -> Timezone:
    """The VTIMEZONE every file carries: one STANDARD or DAYLIGHT rule per run of yearly transitions that follow
    one pattern, as DTSTART (the first, in local time before the change) plus an RRULE (BYMONTH, BYDAY=-1SU), the
    last run of each kind open-ended. No RDATE lists: ical.js reads only the first of their values."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = site.config.tz
    first, last = _years(site)
    # A year before the first event, so its first months fall after a rule's start in every client.
    changes = transitions(zone, first - 1, last + 1)
    tz = Timezone()
    tz.add("tzid", site.config.timezone)
    if not changes:  # a zone without daylight saving time: one rule, its offset since 1970
        at = datetime(1970, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = at.utcoffset() or timedelta()
        rule = TimezoneStandard()
        rule.add("dtstart", datetime(1970, 1, 1))
        rule.add("tzname", at.tzname() or site.config.timezone)
        rule.add("tzoffsetfrom", offset)
        rule.add("tzoffsetto", offset)
        tz.add_component(rule)
        return tz
    runs = _runs(changes)
    last_of_kind = {run[0].rule[-3:]: i for i, run in enumerate(runs)}
    for i, run in enumerate(runs):
        start = run[0]
        rule = TimezoneDaylight() if start.offset_to > start.offset_from else TimezoneStandard()
        rule.add("dtstart", start.local)
        rule.add("tzname", start.name)
        rule.add("tzoffsetfrom", start.offset_from)
        rule.add("tzoffsetto", start.offset_to)
        if len(run) > 1 or last_of_kind[start.rule[-3:]] == i:
            month, weekday, from_end = start.rule[:3]
            recur: dict[str, object] = {"freq": "yearly", "bymonth": month, "byday": f"{from_end}{_WEEKDAYS[weekday]}"}
            if last_of_kind[start.rule[-3:]] != i:  # a rule that was replaced: it ends with its last change
                recur["until"] = run[-1].at
            rule.add("rrule", recur)
        tz.add_component(rule)
    return tz


def _runs(changes: list[Transition]) -> list[list[Transition]]:
    """Transitions grouped into runs of one kind (to DST, or back) that follow one yearly pattern."""
    runs: list[list[Transition]] = []
    current: dict[tuple[object, ...], list[Transition]] = {}  # per (offset_from, offset_to, name): its run
    for change in changes:
        kind = change.rule[-3:]
        run = current.get(kind)
        if run is not None and run[-1].rule == change.rule and run[-1].at.year + 1 == change.at.year:
            run.append(change)
        else:
            current[kind] = [change]
            runs.append(current[kind])
    return runs


END = b"END:VCALENDAR\r\n"


def calendar(parts: _Parts, name: str, items: list[Item]) -> bytes:
    """One calendar file. iCalendar's lines are independent (each folded on its own), so the file is its header,
    then the VTIMEZONE's and each VEVENT's own serialization, then END:VCALENDAR: byte for byte what icalendar
    makes of the whole, with each part made once per process (an event is in its own file, its region's agenda
    and the central one)."""
    from icalendar import Calendar, vText

    site = parts.site
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))  # as TEXT: escaped like SUMMARY (a comma, a line break)
    cal.add("x-wr-timezone", site.config.timezone)
    head = cal.to_ical()
    assert head.endswith(END)
    return b"".join([head[: -len(END)], parts.zone(), *map(parts.event, items), END])


def artifacts(plan: Plan) -> Iterator[Artifact]:
    """Every calendar file. They share one VTIMEZONE and each event's VEVENT, made at most once per process."""
    site = plan.site
    years = _years(site)
    parts = _Parts(site)
    for url, (name, items) in calendars(site).items():
        owner = Owner.generator(f"the calendar {name!r}")
        make = partial(calendar, parts, name, items)
        inputs = ("calendar", name, items, years, site.config.timezone)
        yield Artifact(urls.output_path(url), owner, inputs, make=make)


class _Parts:
    """The VTIMEZONE block and each item's VEVENT, serialized when first needed (in each worker process). icalendar
    takes ~0.4 ms to serialize an event; serializing it for each of its three files cost ~4 s of CPU in a cold
    build of the mixed shape at 78 x 200 (3,900 events)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._zone: bytes | None = None
        self._events: dict[int, tuple[Item, bytes]] = {}

    def zone(self) -> bytes:
        if self._zone is None:
            self._zone = timezone_block(self.site).to_ical()
        return self._zone

    def event(self, item: Item) -> bytes:
        kept = self._events.get(id(item))
        if kept is None or kept[0] is not item:  # the item itself is kept too, so its id is never reused
            kept = self._events[id(item)] = (item, vevent(self.site, item).to_ical())
        return kept[1]
