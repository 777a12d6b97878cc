"""A small site with webinars and events around the fixed "now" of sitekit (2026-11-28 12:00)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import base_files, make_site, stogen, webinar

UPCOMING = "content/webinars/2026-12-10-leerlijnen.md"
YOUTUBE = "content/webinars/2026-10-08-techniekpact.md"
VIMEO = "content/webinars/2025-10-23-meiden.md"
NO_RECORDING = "content/webinars/2026-03-26-hotspots.md"
REGIONAL = "regions/alpha/webinars/2026-06-10-alpha-live.md"

SPEAKERS = "\n  - name: Mirjam Moderator\n    role: Presentator\n  - Karel Kunstmatig"


def programme_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(base_files())
    files[UPCOMING] = webinar(
        "Doorlopende leerlijnen",
        "2026-12-10 15:30",
        summary="Van vmbo naar mbo zonder drempels.",
        registration_url="https://example.org/aanmelden",
        speakers=SPEAKERS,
    )
    files[YOUTUBE] = webinar(
        "Techniekpact en STO",
        "2026-10-08 15:30",
        45,
        summary="Samen werken aan de arbeidsmarkt.",
        recording="https://www.youtube.com/watch?v=Tp3kStO8oct",
        live_viewers="170",
        replay_views="300",
        slides="slides/techniekpact.pdf",
    )
    files["content/webinars/slides/techniekpact.pdf"] = b"%PDF-1.4\n"
    files[VIMEO] = webinar(
        "Meiden kiezen techniek",
        "2025-10-23 15:30",
        summary="Wat werkt echt?",
        recording="https://vimeo.com/912345678",
        live_viewers="150",
        replay_views="281",
    )
    files[NO_RECORDING] = webinar(
        "Hotspots die blijven", "2026-03-26 15:30", summary="Over techniekhotspots.", live_viewers="160"
    )
    files[REGIONAL] = webinar(
        "Alpha live", "2026-06-10 16:00", 30, recording="https://youtu.be/Ab1cD2eF3gH", replay_views="40"
    )
    files["content/agenda/2026-03-12-sto-dag.md"] = (
        '---\ntitle: STO-dag 2026\nstart: "2026-03-12 09:30"\nend: "2026-03-12 16:30"\n'
        "location: Congrescentrum, Utrecht\nsummary: De jaarlijkse dag.\n---\nTerugblik.\n"
    )
    files["regions/alpha/agenda/2027-01-15-open-huis.md"] = (
        '---\ntitle: Open huis Alpha\nstart: "2027-01-15"\nlocation: Techniekhuis, Plaats A\n---\nKom langs.\n'
    )
    files["regions/alpha/agenda/2026-09-01-kick-off.md"] = (
        '---\ntitle: Kick-off Alpha\nstart: "2026-09-01 14:00"\nonline_url: https://example.org/meet\n---\nOnline.\n'
    )
    files["regions/beta/agenda/2026-12-02-meerdaags.md"] = (
        '---\ntitle: Techniekweek Beta\nstart: "2026-12-01"\nend: "2026-12-03"\nlocation: Middelburg\n---\nEen week.\n'
    )
    return files


def build_programme(factory: pytest.TempPathFactory, name: str) -> Path:
    """The programme site, built once for a test module."""
    root = make_site(factory.mktemp(name) / "site", programme_files())
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    return root
