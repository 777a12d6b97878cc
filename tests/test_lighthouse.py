"""Lighthouse (mobile) over the example site as Netlify serves it (netlify.toml's headers): accessibility, SEO and
best practices 1.0, performance 0.95 or more on the home, region, article, event and webinar pages."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitekit import NOW, REPO, copy_example, require_tool, stogen
from test_clients import netlify_headers

RUNNER = Path(__file__).with_name("lighthouse_scores.mjs")
PAGES = (
    "/",
    "/regio/twente/",
    "/regio/twente/nieuws/vernieuwde-werkplaats-fictief-lyceum-oost/",
    "/agenda/landelijke-sto-dag-2027/",
    "/webinars/techniekpact-en-sto/",
)
CONTROL = "/lighthouse-control.html"
MINIMUM = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


class NetlifyHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the headers netlify.toml gives their path, and the site's own 404 page."""

    def end_headers(self) -> None:
        for name, value in netlify_headers(self.path.split("?", 1)[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site built for, and served at, a local address (its links and canonical URLs on that host)."""
    root = tmp_path_factory.mktemp("lighthouse")
    copy_example(root)
    handler = functools.partial(NetlifyHandler, directory=str(root / "public"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    config = root / "stogen.yml"
    lines = config.read_text("utf-8").splitlines()
    config.write_text("\n".join(f"base_url: {base}" if x.startswith("base_url:") else x for x in lines) + "\n")
    built = stogen(root, "build", now=NOW)
    assert built.returncode == 0, built.stderr
    (root / "public" / CONTROL.lstrip("/")).write_text("<!doctype html><p>Zonder titel</p><img src='/x.png'>")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_lighthouse_scores_the_main_pages_as_the_issue_asks(served: str) -> None:
    chromium = require_tool("chromium")
    node = require_tool("node")
    if not (REPO / "node_modules" / "lighthouse").is_dir():
        pytest.fail("lighthouse missing: run npm ci")
    # A control page Lighthouse must fault (no language, no title, an image without alt text): the test can fail.
    urls = [served + p for p in (*PAGES, CONTROL)]
    run = subprocess.run([node, str(RUNNER), chromium, *urls], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(run.stdout)
    control = results.pop(served + CONTROL)
    assert control["scores"]["accessibility"] < 1 and control["scores"]["seo"] < 1, control
    short = []
    for url, result in results.items():
        assert result["error"] is None, f"{url}: {result['error']}"
        for category, minimum in MINIMUM.items():
            if result["scores"][category] < minimum:
                why = [f for f in result["failing"] if f.startswith(category + "/")]
                short.append(f"{url}: {category} {result['scores'][category]} < {minimum}: {why}")
    print(json.dumps(results, indent=1))
    assert short == [], "\n".join(short)
