"""stogen serve: answers, injects the reload script, rebuilds on change, shows errors, recovers, stops cleanly."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sitekit import NOW


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
    except OSError:
        return 0, ""


def _wait_for(url: str, text: str, timeout: float = 20) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if text in body:
            return status, body
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout} s (last status {status})")


def test_serve_rebuilds_shows_errors_recovers_and_stops(site: Path) -> None:
    draft = "---\ntitle: Nog geheim\ndate: 2026-11-20\ndraft: true\n---\nConcepttekst.\n"
    (site / "content/nieuws/2026-11-20-nog-geheim.md").write_text(draft, "utf-8")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "STOGEN_NOW"}
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", NOW]
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        status, body = _wait_for(base + "/over-sto/", "Over STO")
        assert status == 200 and "livereload.js" in body
        assert not (site / "public").exists() and (site / ".stogen-serve/index.html").is_file()
        _, listing = _wait_for(base + "/nieuws/", "Nog geheim")  # drafts are previewed, with their marker
        assert re.search(r"Nog geheim</a>\s*<span class=\"marker\">concept</span>", listing), listing

        page = site / "content/over-sto.md"
        page.write_text("---\ntitle: Over STO vernieuwd\n---\nNieuwe tekst.\n", "utf-8")
        _wait_for(base + "/over-sto/", "Over STO vernieuwd")

        page.write_text("---\ntitle: Kapot\nsummary: [open\n---\nx\n", "utf-8")
        status, body = _wait_for(base + "/over-sto/", "The build failed")
        assert status == 500 and "<code>content/over-sto.md:" in body and "livereload.js" in body

        page.write_text("---\ntitle: Over STO hersteld\n---\nWeer goed.\n", "utf-8")
        status, _ = _wait_for(base + "/over-sto/", "Over STO hersteld")
        assert status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err and "stopped" in err


def test_error_page_escapes_what_the_content_wrote() -> None:
    from stogen.problems import Problems
    from stogen.serve import error_page

    problems = Problems()
    problems.error("regions/a/<b>.md", 3, "title", "bad <script>alert(1)</script>", 'use "quotes" & <i>')
    page = error_page(problems).decode("utf-8")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "regions/a/&lt;b&gt;.md:3" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
