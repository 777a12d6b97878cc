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

from sitekit import NOW, REPO, stogen

# The server imports stogen from this repository, as sitekit.run does for every other command.
SERVE_ENV = {**os.environ, "PYTHONPATH": str(REPO)}


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
    # messages in Dutch (the default); the code next to these tests
    env = {k: v for k, v in os.environ.items() if k not in ("STOGEN_NOW", "STOGEN_LANG")} | {"PYTHONPATH": str(REPO)}
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", NOW]
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        status, body = _wait_for(base + "/over-sto/", "Over STO")
        assert status == 200 and "new EventSource('/_stogen/events')" in body
        assert not (site / "public").exists() and (site / ".stogen-serve/index.html").is_file()
        _, listing = _wait_for(base + "/nieuws/", "Nog geheim")  # drafts are previewed, with their marker
        assert re.search(r"Nog geheim</a>\s*<span class=\"marker\">concept</span>", listing), listing

        page = site / "content/over-sto.md"
        page.write_text("---\ntitle: Over STO vernieuwd\n---\nNieuwe tekst.\n", "utf-8")
        _wait_for(base + "/over-sto/", "Over STO vernieuwd")

        page.write_text("---\ntitle: Kapot\nsummary: [open\n---\nx\n", "utf-8")
        status, body = _wait_for(base + "/over-sto/", "Het bouwen is mislukt: 2 fouten, 0 waarschuwingen")
        assert status == 500 and "<code>content/over-sto.md:" in body and "/_stogen/events" in body
        assert '<html lang="nl">' in body and "Verbeter deze fouten" in body
        assert "de gegevens bovenaan het bestand (front matter) kloppen niet" in body and "<em>tip: " in body

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
    from stogen.core.messages import msg
    from stogen.core.problems import Problems
    from stogen.tools.serve import error_page

    problems = Problems()
    problems.error("regions/a/<b>.md", 3, "title", msg("{title!r} is not a date", title="<script>alert(1)</script>"))
    problems.error("regions/a/<b>.md", 4, "x", msg("{error}", error='use "quotes" & <i>'))
    page = error_page(problems).decode("utf-8")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "regions/a/&lt;b&gt;.md:3" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


class _Events:
    """A browser tab's view of the reload stream: counts the reload events it receives."""

    def __init__(self, url: str) -> None:
        import threading

        self.reloads = 0
        self.connected = threading.Event()
        self._thread = threading.Thread(target=self._listen, args=(url,), daemon=True)
        self._thread.start()
        assert self.connected.wait(10), "the event stream did not open"

    def _listen(self, url: str) -> None:
        with urllib.request.urlopen(url, timeout=60) as stream:
            for line in stream:
                if line.startswith(b": connected"):
                    self.connected.set()
                elif line.startswith(b"data: reload"):
                    self.reloads += 1

    def wait(self, count: int, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.reloads < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.reloads >= count, f"{self.reloads} reload events, expected {count}"


def test_a_body_edit_is_shown_at_once_and_the_files_follow(site: Path) -> None:
    """Editing an article's text patches the model in memory: the reload event and the new page come before any
    build; the build that follows updates the files on disk (the feed). So does an edit to its title and date,
    and what is shown before the build equals what the build makes."""
    port = _free_port()
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", NOW]
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=SERVE_ENV)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/", "</html>")
        events = _Events(base + "/_stogen/events")
        article = site / "regions/alpha/nieuws/2026-11-05-open-dag.md"
        article.write_text(article.read_text("utf-8") + "\nEen zin die er net bij kwam.\n", "utf-8")
        events.wait(1)
        status, page = _get(base + "/regio/alpha/nieuws/open-dag/")
        assert status == 200 and "Een zin die er net bij kwam." in page
        assert "/_stogen/events" in page
        feed = site / ".stogen-serve/regio/alpha/feed.xml"
        deadline = time.monotonic() + 20
        while "Een zin die er net bij kwam." not in feed.read_text("utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Een zin die er net bij kwam." in feed.read_text("utf-8"), "the follow-up build did not run"

        text = article.read_text("utf-8").replace("Open dag in Alpha", "Open huis in Alpha")
        article.write_text(text.replace("date: 2026-11-05", "date: 2026-11-04"), "utf-8")
        events.wait(2)
        # A new title and date reach the listings and the page before any build (the quick path) ...
        quick = {url: _get(base + url)[1] for url in ("/regio/alpha/nieuws/", "/regio/alpha/nieuws/open-dag/")}
        assert "Open huis in Alpha" in quick["/regio/alpha/nieuws/"]
        assert 'datetime="2026-11-04' in quick["/regio/alpha/nieuws/open-dag/"]
        while "Open huis in Alpha" not in feed.read_text("utf-8") and time.monotonic() < deadline + 20:
            time.sleep(0.1)
        time.sleep(0.5)  # the build's model replaces the quick one just after its files are in place
        # ... and are what the build that follows makes of them.
        assert {url: _get(base + url)[1] for url in quick} == quick
        assert _get(base + "/bestaat-niet/")[0] == 404
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert out.count("updated regions/alpha/nieuws/2026-11-05-open-dag.md in") == 2, out
    assert "Traceback" not in err


def _settled(path: Path, exists: bool) -> None:
    """Wait for the build that follows a quick update to have put its files in place (and its model, just after)."""
    deadline = time.monotonic() + 30
    while path.exists() != exists and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.exists() == exists, f"the follow-up build did not {'write' if exists else 'remove'} {path}"
    time.sleep(0.5)


def test_a_new_file_a_deleted_one_and_region_yml_are_shown_at_once_as_the_build_makes_them(site: Path) -> None:
    port = _free_port()
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", NOW]
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=SERVE_ENV)
    urls = ("/regio/alpha/nieuws/", "/regio/alpha/nieuws/nieuwe-werkplaats/", "/regio/alpha/")
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/", "</html>")
        events = _Events(base + "/_stogen/events")
        new = site / "regions/alpha/nieuws/2026-11-10-nieuwe-werkplaats.md"
        new.write_text("---\ntitle: Een nieuwe werkplaats\ndate: 2026-11-10\n---\nDe werkplaats is open.\n", "utf-8")
        events.wait(1)
        quick = {url: _get(base + url) for url in urls}
        assert quick[urls[1]][0] == 200 and "De werkplaats is open." in quick[urls[1]][1]
        assert "Een nieuwe werkplaats" in quick[urls[0]][1]
        _settled(site / ".stogen-serve/regio/alpha/nieuws/nieuwe-werkplaats/index.html", True)
        assert {url: _get(base + url) for url in urls} == quick  # what the build makes of it

        new.unlink()
        events.wait(2)
        quick = {url: _get(base + url) for url in urls}
        assert quick[urls[1]][0] == 404 and "Een nieuwe werkplaats" not in quick[urls[0]][1]
        _settled(site / ".stogen-serve/regio/alpha/nieuws/nieuwe-werkplaats/index.html", False)
        assert {url: _get(base + url) for url in urls} == quick

        region = site / "regions/alpha/region.yml"
        region.write_text(region.read_text("utf-8").replace("description: ", "description: Vernieuwd. ", 1), "utf-8")
        events.wait(3)
        urls = ("/regio/alpha/", "/regio/", "/regio/alpha/nieuws/open-dag/")
        quick = {url: _get(base + url) for url in urls}
        assert "Vernieuwd. " in quick["/regio/alpha/"][1]
        on_disk = site / ".stogen-serve/regio/alpha/index.html"
        deadline = time.monotonic() + 30
        while "Vernieuwd. " not in on_disk.read_text("utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        assert {url: _get(base + url) for url in urls} == quick
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert out.count("updated regions/alpha/nieuws/2026-11-10-nieuwe-werkplaats.md in") == 2, out
    assert "updated regions/alpha/region.yml in" in out, out


def test_a_preview_leaves_the_next_build_incremental(site: Path) -> None:
    """`stogen serve` builds into .stogen-serve/ with the same cache as `stogen build`; each folder keeps its own
    manifest, so the build after a preview session writes nothing that did not change (it used to build all)."""
    draft = "---\ntitle: Nog geheim\ndate: 2026-11-20\ndraft: true\n---\nConcepttekst.\n"
    (site / "content/nieuws/2026-11-20-nog-geheim.md").write_text(draft, "utf-8")  # the preview shows more
    assert stogen(site, "build").returncode == 0
    page = site / "public/over-sto/index.html"
    before = page.stat().st_mtime_ns
    port = _free_port()
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", NOW]
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=SERVE_ENV)
    try:
        _wait_for(f"http://127.0.0.1:{port}/over-sto/", "Over STO")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert (site / ".stogen-serve/over-sto/index.html").is_file()
    assert stogen(site, "build").returncode == 0
    assert page.stat().st_mtime_ns == before  # not written again: the build stayed incremental


# Run apart: with the old workers this hung for good, so the test gives it a minute and then fails.
SIGNALS_CHECK = """
import signal
from stogen.core.parallel import ordered_map

def handlers(_):
    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, signal.getsignal(signal.SIGINT) is signal.SIG_IGN

signal.signal(signal.SIGTERM, lambda *_: None)  # as stogen serve does: stop after the build
print(sorted(set(ordered_map(handlers, list(range(400)), chunk=10))))
"""


def test_build_workers_do_not_keep_the_servers_signal_handlers() -> None:
    """`stogen serve` answers SIGTERM by stopping after its build. A forked build worker that kept that handler
    outlived Pool.terminate(), and the preview hung after a change (seen in the benchmark's serve run); workers
    now die on SIGTERM and leave Ctrl-C to the server, and a pool that finished is closed, not terminated."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "STOGEN_JOBS": "2"}
    done = subprocess.run([sys.executable, "-c", SIGNALS_CHECK], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(True, True)]"


def test_the_build_after_a_change_waits_for_an_open_tab_to_load_the_page(tmp_path: Path) -> None:
    """`stogen serve` announces a change, then waits (at most RELOAD_FIRST) until a page is answered before it
    builds, when a tab listens: the page is rendered before the build takes the interpreter and the cores."""
    import threading

    from stogen.tools.serve import Preview

    preview = Preview(tmp_path)
    preview.announce()
    started = time.perf_counter()
    assert preview.wait_for_reload(5) is False  # nobody listens: no wait
    assert time.perf_counter() - started < 1
    preview.listening = 1
    assert preview.wait_for_reload(0.05) is False  # a tab that does not reload: at most the timeout
    threading.Timer(0.1, preview.served.set).start()
    started = time.perf_counter()
    assert preview.wait_for_reload(5) is True
    assert time.perf_counter() - started < 2
    preview.announce()  # the next change waits for the next page
    assert preview.wait_for_reload(0.05) is False
