"""The agenda: upcoming central and regional events, the archive, each region's own agenda, event JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitekit import base_files, make_site, page_path, soup, stogen
from webinarkit import build_programme, programme_files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_programme(tmp_path_factory, "agenda")


def cards(root: Path, url: str) -> list[tuple[str, str]]:
    """(link, region label) of every card on a page, in order."""
    return [
        (c.select_one(".card-title a")["href"], c.select_one(".label").get_text(strip=True))
        for c in soup(root, url).select("main .card")
    ]


def test_agenda_lists_upcoming_central_and_regional_events_labelled(built: Path) -> None:
    assert cards(built, "/agenda/") == [
        ("/regio/beta/agenda/meerdaags/", "Regio Beta"),
        ("/agenda/congres/", "Landelijk"),
        ("/regio/alpha/agenda/open-huis/", "Regio Alpha"),
    ]
    page = soup(built, "/agenda/")
    assert page.find("a", href="/agenda/archief/") is not None
    assert page.find("a", href="/agenda/agenda.ics") is not None


def test_archive_lists_past_events_newest_first(built: Path) -> None:
    assert cards(built, "/agenda/archief/") == [
        ("/regio/alpha/agenda/kick-off/", "Regio Alpha"),
        ("/agenda/sto-dag/", "Landelijk"),
    ]
    assert [h.get_text() for h in soup(built, "/agenda/archief/").select("main h2")] == ["2026"]


def test_each_region_has_its_own_agenda_and_archive(built: Path) -> None:
    assert cards(built, "/regio/alpha/agenda/") == [("/regio/alpha/agenda/open-huis/", "Regio Alpha")]
    assert cards(built, "/regio/alpha/agenda/archief/") == [("/regio/alpha/agenda/kick-off/", "Regio Alpha")]
    assert cards(built, "/regio/beta/agenda/") == [("/regio/beta/agenda/meerdaags/", "Regio Beta")]
    assert "Er zijn nog geen eerdere activiteiten." in soup(built, "/regio/beta/agenda/archief/").get_text()
    assert soup(built, "/regio/beta/agenda/").find("a", href="/regio/beta/agenda/agenda.ics") is not None
    # the regional event has one URL, under its region
    assert not page_path(built, "/agenda/open-huis/").exists()


def test_event_cards_show_the_period(built: Path) -> None:
    card = soup(built, "/agenda/").find("a", href="/regio/beta/agenda/meerdaags/").find_parent("article")
    assert "1–3 december 2026" in card.get_text(" ", strip=True)
    card = soup(built, "/agenda/").find("a", href="/agenda/congres/").find_parent("article")
    assert "10 december 2026, 9.30–16.00 uur" in card.get_text(" ", strip=True)


def test_upcoming_is_relative_to_now(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", programme_files())
    assert stogen(root, "build", "--now", "2026-12-02 12:00").returncode == 0
    # a multi-day event is upcoming until the end of its last day
    assert next(c[0] for c in cards(root, "/agenda/")) == "/regio/beta/agenda/meerdaags/"
    assert stogen(root, "build", "--now", "2026-12-04 00:30").returncode == 0
    assert [c[0] for c in cards(root, "/agenda/")] == ["/agenda/congres/", "/regio/alpha/agenda/open-huis/"]
    assert next(c[0] for c in cards(root, "/agenda/archief/")) == "/regio/beta/agenda/meerdaags/"


def test_event_pages_link_a_calendar_file_while_upcoming(built: Path) -> None:
    page = soup(built, "/agenda/congres/")
    assert page.find("a", href="/agenda/congres/congres.ics") is not None
    assert soup(built, "/agenda/sto-dag/").find("a", href="/agenda/sto-dag/sto-dag.ics") is None


def ld(root: Path, url: str) -> dict:
    return json.loads(soup(root, url).find("script", type="application/ld+json").string)


def test_json_ld_of_events(built: Path) -> None:
    data = ld(built, "/agenda/congres/")
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "Place", "name": "Jaarbeurs, Utrecht", "address": "Jaarbeurs, Utrecht"}
    assert data["startDate"] == "2026-12-10T09:30:00+01:00"
    assert data["endDate"] == "2026-12-10T16:00:00+01:00"
    assert data["organizer"]["@type"] == "Organization"
    assert data["url"] == "https://sto.example.org/agenda/congres/"
    online = ld(built, "/regio/alpha/agenda/kick-off/")
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://example.org/meet"}
    days = ld(built, "/regio/beta/agenda/meerdaags/")
    assert (days["startDate"], days["endDate"]) == ("2026-12-01", "2026-12-03")


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ('"2027-03-14 10:00"', '"2027-03-14 15:00"', "14 maart 2027, 10.00–15.00 uur"),
        ('"2027-03-14 10:00"', None, "14 maart 2027, 10.00 uur"),
        ("2027-03-14", "2027-03-16", "14–16 maart 2027"),
        ("2027-01-30", "2027-02-02", "30 januari – 2 februari 2027"),
        ("2027-12-30", "2028-01-02", "30 december 2027 – 2 januari 2028"),
        ('"2027-03-14 20:00"', '"2027-03-15 02:00"', "14 maart 2027, 20.00 uur – 15 maart 2027, 2.00 uur"),
    ],
)
def test_when_is_written_the_dutch_way(tmp_path: Path, start: str, end: str | None, shown: str) -> None:
    files = base_files()
    lines = (
        f"---\ntitle: Een dag\nstart: {start}\n" + (f"end: {end}\n" if end else "") + "location: Utrecht\n---\nTekst.\n"
    )
    files["content/agenda/2027-03-14-een-dag.md"] = lines
    root = make_site(tmp_path / "site", files)
    assert stogen(root, "build").returncode == 0
    assert shown in soup(root, "/agenda/een-dag/").find("dl", class_="facts").get_text(" ", strip=True)
    assert shown in soup(root, "/agenda/").get_text(" ", strip=True)


def test_a_past_event_says_so_and_offers_no_registration(tmp_path: Path) -> None:
    files = base_files()
    files["content/agenda/2026-10-01-voorbij.md"] = (
        '---\ntitle: Voorbij\nstart: "2026-10-01 10:00"\nlocation: Utrecht\n'
        "registration_url: https://example.org/aanmelden\n---\nTekst.\n"
    )
    root = make_site(tmp_path / "site", files)
    assert stogen(root, "build").returncode == 0
    page = soup(root, "/agenda/voorbij/")
    assert page.find("p", class_="notice").get_text(strip=True) == "Deze activiteit is voorbij."
    assert not page.find("a", href="https://example.org/aanmelden")
    upcoming = soup(root, "/agenda/congres/")
    assert not upcoming.find("p", class_="notice")


def test_the_agenda_is_grouped_by_month_and_links_every_region(tmp_path: Path) -> None:
    files = base_files()
    files["content/agenda/2027-01-20-januari.md"] = (
        '---\ntitle: In januari\nstart: "2027-01-20 10:00"\nlocation: Utrecht\n---\nTekst.\n'
    )
    root = make_site(tmp_path / "site", files)
    assert stogen(root, "build").returncode == 0
    page = soup(root, "/agenda/")
    months = [h.get_text(strip=True) for h in page.find_all("h3", class_="month")]
    assert months == ["December 2026", "Januari 2027"]
    januari = page.find("h3", string="Januari 2027").find_next_sibling("div")
    assert [a.get_text() for a in januari.select(".card-title a")] == ["In januari"]
    regions = [a["href"] for a in page.select(".region-filter a")]
    assert regions == ["/regio/alpha/agenda/", "/regio/beta/agenda/"]
    assert not soup(root, "/regio/alpha/agenda/").select(".region-filter")
