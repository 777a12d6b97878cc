"""The example site as real clients see it: every calendar in ical.js, vobject and icalendar gives each event the
start its page states; every page, the newsletter copies included, loads in Chromium under netlify.toml's headers
without a single Content-Security-Policy violation."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit import CHROMIUM_ARGS, NOW, REPO, copy_example, require_tool, stogen

ICALJS = REPO / "node_modules" / "ical.js" / "dist" / "ical.js"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built as the README says (`stogen build --now ...`)."""
    root = tmp_path_factory.mktemp("example")
    copy_example(root)
    built = stogen(root, "build", now=NOW)
    assert built.returncode == 0, built.stderr
    return root / "public"


def page_starts(public: Path) -> dict[str, datetime | date]:
    """Each event's and webinar's page URL -> the startDate of its JSON-LD."""
    found: dict[str, datetime | date] = {}
    for html in public.rglob("index.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for script in soup.find_all("script", type="application/ld+json"):
            for node in _nodes(json.loads(script.string)):
                if "startDate" in node and "url" in node:
                    text = node["startDate"]
                    found[node["url"]] = datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    return found


def _nodes(data: object) -> list[dict[str, object]]:
    if isinstance(data, dict):
        return [data, *(n for v in data.values() for n in _nodes(v))]
    if isinstance(data, list):
        return [n for v in data for n in _nodes(v)]
    return []


def test_every_calendar_agrees_with_the_pages_in_icaljs_vobject_and_icalendar(example: Path) -> None:
    node = require_tool("node")
    if not ICALJS.is_file():
        pytest.fail("ical.js missing: run npm ci")
    files = sorted(example.rglob("*.ics"))
    starts = page_starts(example)
    assert files and starts
    script = Path(__file__).with_name("icaljs_starts.mjs")
    run = subprocess.run(
        [node, str(script), ICALJS.as_uri(), *map(str, files)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    by_icaljs = json.loads(run.stdout)
    assert len(by_icaljs) >= len(files)
    wrong = []
    for event in by_icaljs:
        want = starts[event["url"]]
        got = event["start"]
        expected = want.isoformat() if isinstance(want, date) and not isinstance(want, datetime) else want.timestamp()
        if got != expected:
            wrong.append(f"{event['file']}: {event['url']} starts {got} in ical.js, the page says {want}")
    assert wrong == []
    assert _other_libraries_agree(files, starts) == []


def _other_libraries_agree(files: list[Path], starts: dict[str, datetime | date]) -> list[str]:
    import icalendar
    import vobject

    wrong = []
    for file in files:
        text = file.read_text("utf-8")
        for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
            if _instant(event["DTSTART"].dt) != _instant(starts[str(event["URL"])]):
                wrong.append(f"{file}: icalendar reads {event['DTSTART'].dt} for {event['URL']}")
        for event in vobject.readOne(text).vevent_list:
            if _instant(event.dtstart.value) != _instant(starts[event.url.value]):
                wrong.append(f"{file}: vobject reads {event.dtstart.value} for {event.url.value}")
    return wrong


def _instant(value: datetime | date) -> object:
    return value.timestamp() if isinstance(value, datetime) else value


# -- the Content-Security-Policy in a browser ---------------------------------------------------------------


def netlify_headers(path: str) -> dict[str, str]:
    """The headers netlify.toml gives a path: every matching block in order, a later one replacing a header
    of an earlier one (Netlify's `headersForPath`); `:name` is one path segment, `*` the rest."""
    headers: dict[str, str] = {}
    for block in tomllib.loads((REPO / "netlify.toml").read_text("utf-8"))["headers"]:
        parts = [re.escape(p) for p in block["for"].split("/")]
        pattern = "/".join("[^/]+" if p.startswith(":") else ".*" if p == r"\*" else p for p in parts)
        if re.fullmatch(pattern, path):
            headers.update(block["values"])
    return {k: v for k, v in headers.items() if k != "Strict-Transport-Security"}


def test_no_page_breaks_the_content_security_policy(example: Path) -> None:
    chromium = require_tool("chromium")
    from playwright.sync_api import Route, sync_playwright

    base = "https://www.sterktechniekonderwijs.nl"  # the example's base_url: its absolute links stay on the site
    pages = sorted(p.relative_to(example).as_posix() for p in example.rglob("*.html"))
    assert any(p.endswith("email.html") for p in pages)
    violations: list[str] = []

    def serve(route: Route) -> None:
        path = route.request.url.removeprefix(base).split("?", 1)[0].split("#", 1)[0]
        file = example / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if not file.is_file():
            route.fulfill(status=404, body="")
            return
        kind = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript"}
        headers = {**netlify_headers(path), "Content-Type": kind.get(file.suffix, "application/octet-stream")}
        route.fulfill(status=200, headers=headers, body=file.read_bytes())

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route(f"{base}/**", serve)
        page.route(re.compile(r"^(?!https://www\.sterktechniekonderwijs\.nl/).*"), lambda r: r.abort())
        page.on("console", lambda m: violations.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
        )
        for rel in pages:
            url = f"{base}/{rel.removesuffix('index.html')}"
            page.goto(url, wait_until="load")
        browser.close()
    csp = [v for v in violations if "Content Security Policy" in v or "CSP violation" in v]
    assert csp == [], "\n".join(csp[:20])
