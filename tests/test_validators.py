"""Real validators over the built example site: the Nu HTML Checker (vnu) and axe-core in headless Chromium.

Feeds and the sitemap are validated in their own tests (issue 3); these cover the HTML and WCAG 2.1 A/AA.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit import CHROMIUM_ARGS, REPO, require_tool, stogen

NOW = "2026-11-28 09:00"
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = REPO / "node_modules/axe-core/axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One page of every template of the example site.
PAGES = [
    "/",  # home
    "/over-sto/",  # page
    "/nieuws/handreiking-hybride-docenten-verschenen/",  # article
    "/nieuws/",  # news listing
    "/nieuws/pagina/2/",  # listing, page 2
    "/agenda/",  # agenda
    "/agenda/archief/",  # agenda archive
    "/agenda/landelijke-sto-dag-2027/",  # event
    "/regio/",  # region directory
    "/regio/twente/",  # region home
    "/regio/twente/nieuws/",  # region news
    "/regio/twente/over-de-regio/",  # region page
    "/hotspots/",  # every region's hotspots
    "/webinars/",  # webinars
    "/webinars/2025/",  # webinar year archive
    "/webinars/hybride-docenten-tussen-klas-en-bedrijf/",  # past webinar (recording)
    "/webinars/doorlopende-leerlijnen-vmbo-mbo/",  # upcoming webinar
    "/nieuwsbrief/",  # newsletter archive
    "/nieuwsbrief/2026-11/",  # newsletter issue (web version)
    "/zoeken/",  # search
    "/404.html",  # not found
]
MOBILE_PAGES = ["/", "/agenda/landelijke-sto-dag-2027/", "/regio/twente/"]
# The search page once it shows results, and once it shows its help for a search that found nothing.
SEARCH_STATES = {"/zoeken/?q=Hengelo": ".pagefind-ui__result", "/zoeken/?q=xqzwvplk": "#zoeken-leeg:not([hidden])"}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built with a fixed "now"."""
    root = tmp_path_factory.mktemp("example")
    for name in ("content", "regions", "themes", "newsletters"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "stogen.yml", root / "stogen.yml")
    built = stogen(root, "build", "--now", NOW)
    assert built.returncode == 0, built.stderr
    return root / "public"


def _file(public: Path, url: str) -> Path:
    return public / (url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/"))


def test_nu_html_checker_finds_no_errors(example: Path) -> None:
    java = require_tool("java")
    # The newsletter's email.html is email HTML (tables, bgcolor, merge tags), checked by its own tests.
    pages = sorted(str(p) for p in example.rglob("*.html") if p.name != "email.html")
    assert len(pages) > 50
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    found = [f"{m.get('url', '').split('/public/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not found, "\n".join(found[:30])


@pytest.fixture(scope="module")
def served(example: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(example))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _axe(base: str, urls: list[str], viewport: dict[str, int], ready: dict[str, str] | None = None) -> list[str]:
    """axe-core's WCAG violations on each page; `ready` names what to wait for first (a selector per URL)."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_tool("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=viewport)
        for url in urls:
            response = page.goto(base + url)
            assert response is not None and response.status == 200, url
            if ready and url in ready:
                page.wait_for_selector(ready[url], timeout=15000)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                WCAG,
            )
            for v in result["violations"]:
                targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                problems.append(f"{url}: {v['id']} ({v['impact']}): {v['help']} at {targets}")
        browser.close()
    return problems


def test_every_template_exists(example: Path) -> None:
    missing = [url for url in PAGES if not _file(example, url).is_file()]
    assert not missing


def test_axe_finds_no_wcag_violations(served: str) -> None:
    require_tool("chromium")
    problems = _axe(served, PAGES, {"width": 1280, "height": 900})
    assert not problems, "\n".join(problems)


def test_axe_finds_no_wcag_violations_on_a_small_phone(served: str) -> None:
    require_tool("chromium")
    problems = _axe(served, MOBILE_PAGES, {"width": 320, "height": 640})
    assert not problems, "\n".join(problems)


def test_axe_finds_no_wcag_violations_in_search_results_and_the_empty_state(served: str) -> None:
    require_tool("chromium")
    for viewport in ({"width": 1280, "height": 900}, {"width": 320, "height": 640}):
        problems = _axe(served, list(SEARCH_STATES), viewport, SEARCH_STATES)
        assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 375, 768])
def test_no_page_is_wider_than_a_phone_or_tablet(example: Path, served: str, width: int) -> None:
    """Every page of the example site fits the viewport: long Dutch compounds and addresses wrap."""
    from playwright.sync_api import sync_playwright

    pages = sorted("/" + p.relative_to(example).as_posix()[: -len("index.html")] for p in example.rglob("index.html"))
    assert len(pages) > 100
    wide: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_tool("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 800})
        for url in pages:
            page.goto(served + url)
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                wide.append(f"{url}: {scroll} px wide")
        browser.close()
    assert not wide, "\n".join(wide)


def test_a_parent_finds_the_region_of_their_town_or_school(example: Path, served: str) -> None:
    """The region finder: a town (or a school) typed on the home page leads to its region's page."""
    from playwright.sync_api import sync_playwright

    places = json.loads((example / "regio/plaatsen.json").read_text("utf-8"))
    school = next(p for p in places if p["soort"] == "school" and p["regio"] == "Twente")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_tool("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 800})
        for typed, region in (("hengelo", "/regio/twente/"), (school["naam"], "/regio/twente/")):
            page.goto(served + "/")
            page.fill("#vind-regio-q", typed)
            page.press("#vind-regio-q", "Enter")
            page.wait_for_url(served + region, timeout=10000)
        page.goto(served + "/")
        page.fill("#vind-regio-q", "Nergenshuizen")  # unknown: the site search takes over
        page.press("#vind-regio-q", "Enter")
        page.wait_for_url(served + "/zoeken/?q=Nergenshuizen", timeout=10000)
        browser.close()
    listed = BeautifulSoup((example / "regio/index.html").read_text("utf-8"), "html.parser").select(".place-list li")
    assert len(listed) == len(places)  # without JavaScript: every place on /regio/
