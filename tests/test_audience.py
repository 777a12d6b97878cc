"""Who an activity is for (`audience:`): the agenda per audience, the fact on the page, JSON-LD, the form."""

from __future__ import annotations

import json
from pathlib import Path

from sitekit import base_files, make_site, soup, stogen


def event(title: str, start: str, audience: str | None = None) -> str:
    extra = f"audience: {audience}\n" if audience else ""
    return f'---\ntitle: {title}\nstart: "{start}"\nlocation: Werkplaats, Plaats A\n{extra}---\nKom langs.\n'


def titles(root: Path, url: str) -> list[str]:
    return [a.get_text(strip=True) for a in soup(root, url).select("main .card-title a")]


def test_the_agenda_per_audience_lists_its_own_and_everyones_activities(tmp_path: Path) -> None:
    files = base_files()  # its congress has no audience: it is for everyone
    files["regions/alpha/agenda/2026-12-12-open-avond.md"] = event(
        "Open avond", "2026-12-12 19:00", "ouders-en-leerlingen"
    )
    files["regions/beta/agenda/2026-12-14-ontbijt.md"] = event(
        "Ontbijt", "2026-12-14 08:00", "[Bedrijven, scholen-en-docenten]"
    )
    files["regions/beta/agenda/2026-01-14-oud.md"] = event("Voorbij", "2026-01-14 08:00", "bedrijven")
    root = make_site(tmp_path / "site", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr

    assert titles(root, "/agenda/") == ["Congres techniek", "Open avond", "Ontbijt"]
    assert titles(root, "/agenda/voor/ouders-en-leerlingen/") == ["Congres techniek", "Open avond"]
    assert titles(root, "/agenda/voor/bedrijven/") == ["Congres techniek", "Ontbijt"]
    assert titles(root, "/agenda/voor/scholen-en-docenten/") == ["Congres techniek", "Ontbijt"]

    # The filter: the same links on each page, the page itself marked as current.
    page = soup(root, "/agenda/voor/bedrijven/")
    assert page.h1.get_text(strip=True) == "Agenda voor bedrijven"
    nav = page.find("nav", class_="filter")
    links = [(a["href"], a.get("aria-current")) for a in nav.find_all("a")]
    assert links == [
        ("/agenda/", None),
        ("/agenda/voor/ouders-en-leerlingen/", None),
        ("/agenda/voor/scholen-en-docenten/", None),
        ("/agenda/voor/bedrijven/", "page"),
    ]
    assert soup(root, "/agenda/").find("nav", class_="filter").find("a", attrs={"aria-current": "page"})["href"] == (
        "/agenda/"
    )
    assert soup(root, "/regio/alpha/agenda/").find("nav", class_="filter") is None  # a region's agenda is short

    # On the event: who it is for (in the form's order, written out), linked to that agenda; and in JSON-LD.
    facts = soup(root, "/regio/beta/agenda/ontbijt/").find("dl", class_="facts")
    dd = facts.find("dt", string="Voor wie").find_next_sibling("dd")
    assert dd.get_text() == "Scholen en docenten en bedrijven"
    assert [a["href"] for a in dd.find_all("a")] == ["/agenda/voor/scholen-en-docenten/", "/agenda/voor/bedrijven/"]
    script = soup(root, "/regio/beta/agenda/ontbijt/").find("script", type="application/ld+json")
    assert json.loads(script.string)["audience"] == [
        {"@type": "Audience", "audienceType": "Scholen en docenten"},
        {"@type": "Audience", "audienceType": "Bedrijven"},
    ]
    assert "audience" not in json.loads(
        soup(root, "/agenda/congres/").find("script", type="application/ld+json").string
    )

    # The location links to a map search for it.
    location = soup(root, "/regio/alpha/agenda/open-avond/").find("a", class_="map-link")
    assert location["href"] == "https://www.openstreetmap.org/search?query=Werkplaats%2C%20Plaats%20A"

    sitemap = (root / "public/sitemap.xml").read_text("utf-8")
    assert "/agenda/voor/bedrijven/</loc>" in sitemap


def test_an_unknown_audience_is_a_problem_at_its_line(tmp_path: Path) -> None:
    files = base_files()
    files["regions/alpha/agenda/2026-12-12-open-avond.md"] = event("Open avond", "2026-12-12 19:00", "[ouders]")
    root = make_site(tmp_path / "site", files)
    result = stogen(root, "build")
    assert result.returncode == 1
    assert "regions/alpha/agenda/2026-12-12-open-avond.md:5: audience:" in result.stderr
    assert "ouders-en-leerlingen, scholen-en-docenten, bedrijven" in result.stderr  # the hint names the choices
    assert "Traceback" not in result.stderr
