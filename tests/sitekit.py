"""Helpers for tests: a small site in a temp folder, the real CLI, and reading what it wrote."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

from stogen.build import quick
from stogen.core.cache import Cache

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-28 12:00"
# A 1x1 PNG: enough for an image a page can show.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8ffff3f0005fe02fe"
    "a7d6a4f60000000049454e44ae426082"
)
# Debian's Chromium, headless, in a machine without network: no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

CONFIG = """\
title: Testsite STO
description: Een kleine site om stogen te testen.
base_url: https://sto.example.org
language: nl
timezone: Europe/Amsterdam
per_page: 3
menus:
  main:
    - {title: Nieuws, url: /nieuws/}
    - {title: Regio's, url: /regio/}
    - {title: Agenda, url: /agenda/}
"""
# Test sites build without the search index (Pagefind costs about a second a build); tests about search use
# CONFIG_WITH_SEARCH, the default of a real site.
CONFIG_WITH_SEARCH = CONFIG
CONFIG = CONFIG_WITH_SEARCH + "search: false\n"


def region_yml(
    name: str,
    codes: tuple[str, str, str],
    board: str = "Stichting Voorbeeld",
    formerly: str = "[]",
    province: str = "Overijssel",
) -> str:
    a, b, c = codes
    return f"""\
name: {name}
provinces: [{province}]
description: Regio {name} werkt samen aan techniekonderwijs.
penvoerder: {board}
programmaleiders:
  - name: Jan Voorbeeld
    email: jan@example.org
schools:
  - name: Fictief Lyceum {name}
    place: Plaats A
    type: vmbo
    code: {a}
    board: {board}
    profiles: [BWI, PIE]
  - name: Testschool {name}
    place: Plaats B
    type: vmbo
    code: {b}
    board: Stichting Anders
    profiles: [MVI]
  - name: Voorbeeldcollege {name}
    place: Plaats C
    type: mbo
    code: {c}
partners:
  - name: Demobouw BV
    url: https://example.org/demobouw
hotspots:
  - name: Techniekhuis Voorbeeld
    place: Plaats A
formerly: {formerly}
"""


def article(title: str, date: str, body: str = "Een alinea tekst over techniek.", **extra: str) -> str:
    lines = [f"title: {title}", f"date: {date}"] + [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + textwrap.dedent(body).strip() + "\n"


def base_files() -> dict[str, str]:
    return {
        "stogen.yml": CONFIG,
        "content/index.md": "---\ntitle: Welkom bij STO\n---\nSamen werken aan sterk techniekonderwijs.\n",
        "content/over-sto.md": "---\ntitle: Over STO\nsummary: Wat het programma doet.\n---\nOver het programma.\n",
        "content/nieuws/2026-11-02-landelijk-nieuws.md": article(
            "Landelijk nieuws",
            "2026-11-02",
            "Nieuws van het landelijke team. Lees [over STO](../over-sto.md).",
        ),
        "content/agenda/2026-12-10-congres.md": (
            '---\ntitle: Congres techniek\nstart: "2026-12-10 09:30"\nend: "2026-12-10 16:00"\n'
            "location: Jaarbeurs, Utrecht\n---\nEen dag over techniekonderwijs.\n"
        ),
        "regions/alpha/region.yml": region_yml("Alpha", ("99AA00", "99AB00", "99AC00")),
        "regions/alpha/nieuws/2026-11-05-open-dag.md": article(
            "Open dag in Alpha", "2026-11-05", "Kom kijken in de werkplaats.", summary="Een open dag."
        ),
        "regions/alpha/nieuws/2026-10-01-gastles.md": article("Gastles in Alpha", "2026-10-01"),
        "regions/alpha/over-de-regio.md": "---\ntitle: Over de regio Alpha\n---\nDe regio Alpha.\n",
        "regions/beta/region.yml": region_yml("Beta", ("99BA00", "99BB00", "99BC00"), province="Zeeland"),
        "regions/beta/nieuws/2026-09-15-robots.md": article("Robots in Beta", "2026-09-15"),
    }


# The repository's example site: what a test copies to build it as the README says.
EXAMPLE = ("stogen.yml", "content", "regions", "newsletters", "themes")


def copy_example(root: Path) -> Path:
    """The repository's example site copied into `root` (sources only; built by the caller)."""
    for name in EXAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    return root


def make_site(root: Path, files: dict[str, str | bytes] | None = None, theme: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in (files if files is not None else base_files()).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
    if theme and not (root / "themes").exists():
        shutil.copytree(REPO / "themes", root / "themes")
    return root


def stogen(
    root: Path,
    *args: str,
    now: str | None = NOW,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    lang: str | None = "en",
) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would.

    `lang`: the language of messages about content. Tests about behaviour assert on the maintainers' English
    (STOGEN_LANG=en); lang=None runs with the user's default, Dutch (tests/test_messages.py)."""
    argv = [sys.executable, "-m", "stogen", *args]
    if now is not None and args and args[0] in ("build", "check") and "--now" not in args:
        argv += ["--now", now]
    # The code next to these tests, whatever an editable install points at.
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **({"STOGEN_LANG": lang} if lang else {}), **(env or {})}
    if lang is None and "STOGEN_LANG" not in (env or {}):
        full_env.pop("STOGEN_LANG", None)
    full_env.pop("STOGEN_NOW", None) if env is None or "STOGEN_NOW" not in env else None
    result = subprocess.run(argv, cwd=root, capture_output=True, text=True, env=full_env, timeout=timeout)
    if args and args[0] == "build":
        # The process that keeps the model for the next quick build goes on after the command, on idle CPU only
        # (stogen/build/quick.py): under a loaded test run it was still writing into .stogen-cache/ when a test
        # copied the site. A build that starts waits for it anyway; a test that copies a site waits here.
        quick.wait_for_keeper(Cache(root))
    return result


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def soup(root: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(page_path(root, url).read_text("utf-8"), "html.parser")


def page_path(root: Path, url: str) -> Path:
    rel = url.lstrip("/")
    return root / "public" / (rel + "index.html" if url.endswith("/") else rel)


def require_tool(name: str) -> str:
    """The path of an external tool (chromium, java, node); skip the test without it, fail when $CI is set."""
    import pytest

    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required on CI but was not found")
        pytest.skip(f"{name} not installed")
    return found


def webinar(
    title: str, start: str, duration: int = 60, body: str = "Een uitzending over techniek.", **extra: str
) -> str:
    """A webinar file; extra fields are written as given (YAML values)."""
    lines = [f"title: {title}", f'start: "{start}"', f"duration: {duration}"] + [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + textwrap.dedent(body).strip() + "\n"
