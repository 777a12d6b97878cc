"""Calendar files: every .ics parsed with icalendar and compared with the sources; stable and deterministic."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sitekit import make_site, page_path, stogen
from webinarkit import build_programme, programme_files

AMS = ZoneInfo("Europe/Amsterdam")
BASE = "https://sto.example.org"

# The sources of programme_files(): URL -> (summary, start, end)
EXPECTED = {
    "/webinars/leerlijnen/": ("Doorlopende leerlijnen", datetime(2026, 12, 10, 15, 30), datetime(2026, 12, 10, 16, 30)),
    "/webinars/techniekpact/": ("Techniekpact en STO", datetime(2026, 10, 8, 15, 30), datetime(2026, 10, 8, 16, 15)),
    "/webinars/meiden/": ("Meiden kiezen techniek", datetime(2025, 10, 23, 15, 30), datetime(2025, 10, 23, 16, 30)),
    "/webinars/hotspots/": ("Hotspots die blijven", datetime(2026, 3, 26, 15, 30), datetime(2026, 3, 26, 16, 30)),
    "/regio/alpha/webinars/alpha-live/": ("Alpha live", datetime(2026, 6, 10, 16, 0), datetime(2026, 6, 10, 16, 30)),
    "/agenda/congres/": ("Congres techniek", datetime(2026, 12, 10, 9, 30), datetime(2026, 12, 10, 16, 0)),
    "/agenda/sto-dag/": ("STO-dag 2026", datetime(2026, 3, 12, 9, 30), datetime(2026, 3, 12, 16, 30)),
    "/regio/alpha/agenda/kick-off/": ("Kick-off Alpha", datetime(2026, 9, 1, 14, 0), datetime(2026, 9, 1, 15, 0)),
    "/regio/alpha/agenda/open-huis/": ("Open huis Alpha", date(2027, 1, 15), date(2027, 1, 16)),
    "/regio/beta/agenda/meerdaags/": ("Techniekweek Beta", date(2026, 12, 1), date(2026, 12, 4)),
}
WEBINARS = [u for u in EXPECTED if "/webinars/" in u]
EVENTS = [u for u in EXPECTED if "/agenda/" in u]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_programme(tmp_path_factory, "calendar")


def read(root: Path, url: str) -> Calendar:
    return Calendar.from_ical(page_path(root, url).read_bytes())


def events_by_url(cal: Calendar) -> dict[str, object]:
    return {str(ev["URL"]).removeprefix(BASE): ev for ev in cal.walk("VEVENT")}


def uid_of(url: str) -> str:
    return hashlib.sha1((BASE + url).encode()).hexdigest() + "@sto.example.org"


def check_event(ev: object, url: str) -> None:
    summary, start, end = EXPECTED[url]
    assert str(ev["SUMMARY"]) == summary  # type: ignore[index]
    got_start, got_end = ev["DTSTART"].dt, ev["DTEND"].dt  # type: ignore[index]
    if isinstance(start, datetime):
        assert got_start.tzinfo is not None and str(ev["DTSTART"].params["TZID"]) == "Europe/Amsterdam"  # type: ignore[index]
        assert got_start == start.replace(tzinfo=AMS)
        assert got_end == end.replace(tzinfo=AMS)
        assert got_start.utcoffset() == start.replace(tzinfo=AMS).utcoffset()
    else:  # all-day: DATE values, DTEND exclusive
        assert type(got_start) is date and type(got_end) is date
        assert (got_start, got_end) == (start, end)
    assert str(ev["UID"]) == uid_of(url)  # type: ignore[index]
    assert ev["DTSTAMP"].dt.tzinfo is not None  # type: ignore[index]
    assert str(ev["URL"]) == BASE + url  # type: ignore[index]


def test_webinar_calendar_has_every_webinar(built: Path) -> None:
    cal = read(built, "/webinars/webinars.ics")
    found = events_by_url(cal)
    assert sorted(found) == sorted(WEBINARS)
    for url, ev in found.items():
        check_event(ev, url)
    assert str(found["/webinars/leerlijnen/"]["LOCATION"]) == "https://example.org/aanmelden"
    assert "Van vmbo naar mbo zonder drempels." in str(found["/webinars/leerlijnen/"]["DESCRIPTION"])


def test_agenda_calendars(built: Path) -> None:
    found = events_by_url(read(built, "/agenda/agenda.ics"))
    assert sorted(found) == sorted(EVENTS)
    for url, ev in found.items():
        check_event(ev, url)
    assert str(found["/agenda/congres/"]["LOCATION"]) == "Jaarbeurs, Utrecht"
    assert str(found["/regio/alpha/agenda/kick-off/"]["LOCATION"]) == "https://example.org/meet"
    alpha = events_by_url(read(built, "/regio/alpha/agenda/agenda.ics"))
    assert sorted(alpha) == ["/regio/alpha/agenda/kick-off/", "/regio/alpha/agenda/open-huis/"]
    assert list(events_by_url(read(built, "/regio/beta/agenda/agenda.ics"))) == ["/regio/beta/agenda/meerdaags/"]


def test_one_calendar_file_per_webinar_and_event(built: Path) -> None:
    for url in EXPECTED:
        slug = url.rstrip("/").rsplit("/", 1)[1]
        found = events_by_url(read(built, f"{url}{slug}.ics"))
        assert list(found) == [url]
        check_event(found[url], url)


def test_every_calendar_is_valid_and_has_the_time_zone(built: Path) -> None:
    files = sorted((built / "public").rglob("*.ics"))
    assert len(files) == len(EXPECTED) + 2 + 2  # per item, webinars + agenda, two regions
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), path  # folded (RFC 5545 3.1)
        cal = Calendar.from_ical(raw)
        assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
        zones = cal.walk("VTIMEZONE")
        assert [str(z["TZID"]) for z in zones] == ["Europe/Amsterdam"]
        assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
        for ev in cal.walk("VEVENT"):
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"):
                assert required in ev, (path, required)


def test_every_calendar_is_icalendars_own_serialization(built: Path) -> None:
    """stogen puts each file together from its header and each VEVENT serialized once (outputs/calendar.py); the
    result must be what icalendar makes of the calendar as a whole, which re-serializing the parsed file gives."""
    files = sorted((built / "public").rglob("*.ics"))
    assert files
    for path in files:
        raw = path.read_bytes()
        assert Calendar.from_ical(raw).to_ical() == raw, path


def test_calendars_are_stable_across_builds_and_now(built: Path, tmp_path: Path) -> None:
    """Same input: byte-identical files, even with another "now" (UIDs and DTSTAMP do not follow the clock)."""
    root = make_site(tmp_path / "site", programme_files())
    assert stogen(root, "build", "--now", "2026-12-20 08:00").returncode == 0
    for path in sorted((built / "public").rglob("*.ics")):
        rel = path.relative_to(built / "public")
        assert (root / "public" / rel).read_bytes() == path.read_bytes(), rel


def test_dst_offsets(built: Path) -> None:
    found = events_by_url(read(built, "/webinars/webinars.ics"))
    summer = found["/webinars/techniekpact/"]["DTSTART"].dt
    winter = found["/webinars/leerlijnen/"]["DTSTART"].dt
    assert summer.utcoffset() == timedelta(hours=2) and winter.utcoffset() == timedelta(hours=1)
