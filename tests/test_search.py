"""Site search: the /zoeken/ page, the Pagefind index of bodies only, and a query answered in Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
import tomllib
from pathlib import Path

from sitekit import (
    CHROMIUM_ARGS,
    CONFIG_WITH_SEARCH,
    REPO,
    article,
    base_files,
    make_site,
    require_tool,
    soup,
    stogen,
    tree_digest,
)


def _site(tmp_path: Path) -> Path:
    files = base_files()
    files["stogen.yml"] = CONFIG_WITH_SEARCH  # a site's default: search on
    files["regions/alpha/nieuws/2026-11-06-lasrobot.md"] = article(
        "Lasrobot in de werkplaats", "2026-11-06", "Leerlingen programmeren een lasrobot voor de metaalopleiding."
    )
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def test_search_page_and_index(tmp_path: Path) -> None:
    root = _site(tmp_path)
    page = soup(root, "/zoeken/")
    assert page.find("noscript").get_text(strip=True).startswith("Zoeken werkt met JavaScript")
    assert page.find("script", src="/pagefind/pagefind-ui.js")
    assert not [s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
    bundle = root / "public/pagefind"
    assert (bundle / "pagefind-entry.json").is_file() and (bundle / "pagefind-ui.js").is_file()
    body = soup(root, "/regio/alpha/nieuws/lasrobot/").find(attrs={"data-pagefind-body": True})
    assert body["data-pagefind-filter"] == "regio:Alpha"
    assert soup(root, "/nieuws/").find(attrs={"data-pagefind-body": True}) is None  # listings are not indexed
    first = tree_digest(root / "public")
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(root / "public") == first  # the index is deterministic too


def test_an_incremental_build_updates_the_index_as_a_clean_build_does(tmp_path: Path) -> None:
    root = _site(tmp_path)
    bundle = tree_digest(root / "public/pagefind")
    article_file = root / "regions/alpha/nieuws/2026-11-06-lasrobot.md"
    article_file.write_text(article_file.read_text("utf-8").replace("lasrobot voor", "snijrobot voor"), "utf-8")
    assert stogen(root, "build").returncode == 0
    incremental = tree_digest(root / "public")
    assert tree_digest(root / "public/pagefind") != bundle  # the edited page was indexed again
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(root / "public") == incremental
    entry = root / "public/pagefind/pagefind-entry.json"
    written = entry.stat().st_mtime_ns
    assert stogen(root, "build").returncode == 0  # nothing changed: the index is not made again
    assert entry.stat().st_mtime_ns == written


def test_search_can_be_turned_off(tmp_path: Path) -> None:
    files = base_files()
    assert "search: false" in files["stogen.yml"]
    root = make_site(tmp_path / "s", files)
    assert stogen(root, "build").returncode == 0
    assert not (root / "public/pagefind").exists()
    assert not (root / "public/zoeken").exists()


def test_query_answered_in_chromium(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    root = _site(tmp_path)
    # Served with the headers Netlify sends (netlify.toml), so the Content-Security-Policy is tested too.
    headers = tomllib.loads((REPO / "netlify.toml").read_text("utf-8"))["headers"]
    site_headers = next(h["values"] for h in headers if h["for"] == "/*")
    site_headers = {k: v for k, v in site_headers.items() if k != "Strict-Transport-Security"}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in site_headers.items():
                self.send_header(name, value.replace(" upgrade-insecure-requests", "").replace(";;", ";"))
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Handler, directory=str(root / "public"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            refused: list[str] = []
            page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"http://127.0.0.1:{server.server_port}/zoeken/")
            page.fill(".pagefind-ui__search-input", "lasrobot")
            link = page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
            assert link.get_attribute("href") == "/regio/alpha/nieuws/lasrobot/"
            assert refused == []
            browser.close()
    finally:
        server.shutdown()


def test_the_header_search_field_opens_the_search_page_with_the_query(tmp_path: Path) -> None:
    root = _site(tmp_path)
    form = soup(root, "/nieuws/").find("form", role="search")
    assert form["action"] == "/zoeken/" and form["method"] == "get"
    field = form.find("input", type="search")
    assert field["name"] == "q" and form.find("label", attrs={"for": field["id"]})
    assert soup(root, "/404.html").find("form", role="search")
    assert not soup(root, "/zoeken/").find("form", role="search")  # the search page has its own field
    script = (root / "public/static/search.js").read_text("utf-8")
    assert 'get("q")' in script and "triggerSearch" in script
