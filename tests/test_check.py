"""stogen check: broken links and anchors reported at the source file and line; annotations; --external."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitekit import article, stogen


def test_a_valid_site_passes_without_touching_public(site: Path) -> None:
    checked = stogen(site, "check")
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert "check passed: 0 errors" in checked.stderr
    assert not (site / "public").exists()


def test_broken_link_and_anchor_point_at_the_source_line(site: Path) -> None:
    rel = "regions/alpha/nieuws/2026-11-06-kapot.md"
    body = "Eerste alinea.\n\nZie [dit](/bestaat-niet/) en [dat](/over-sto/#geen-anker).\n"
    (site / rel).write_text(article("Kapotte link", "2026-11-06", body), "utf-8")
    checked = stogen(site, "check")
    assert checked.returncode == 1
    assert f"{rel}:7: link: /bestaat-niet/ leads to a page that does not exist" in checked.stderr
    assert f"{rel}:7: link: /over-sto/#geen-anker: no anchor #geen-anker" in checked.stderr

    annotated = stogen(site, "check", "--format", "github")
    assert annotated.returncode == 1
    assert f"::error file={rel},line=7,title=link::/bestaat-niet/ leads" in annotated.stdout


def test_duplicate_titles_and_build_errors_are_reported(site: Path) -> None:
    (site / "content/over-sto-2.md").write_text("---\ntitle: Over STO\n---\nNog eens.\n", "utf-8")
    checked = stogen(site, "check")
    assert checked.returncode == 1
    assert "title: the title 'Over STO | " in checked.stderr
    (site / "content/kapot.md").write_text("---\ntitel: Fout\n---\nx\n", "utf-8")
    broken = stogen(site, "check")
    assert broken.returncode == 1 and "content/kapot.md:2: titel: unknown field" in broken.stderr


@pytest.fixture
def local_server() -> Iterator[str]:
    class Quiet(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200 if self.path == "/goed" else 404)
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_external_links_only_with_the_flag(site: Path, local_server: str) -> None:
    rel = "content/nieuws/2026-11-07-extern.md"
    body = f"Een [goede]({local_server}/goed) link.\n\nEen [slechte]({local_server}/weg) link.\n"
    (site / rel).write_text(article("Externe links", "2026-11-07", body), "utf-8")
    offline = stogen(site, "check")
    assert offline.returncode == 0, offline.stderr
    # The test server is on loopback, which `check --external` refuses unless told (test_hostile.py).
    online = stogen(site, "check", "--external", env={"STOGEN_CHECK_ALLOW_HOSTS": "127.0.0.1"})
    assert online.returncode == 1
    assert f"{rel}:7: link: {local_server}/weg: the server answered 404" in online.stderr
    assert "/goed" not in online.stderr
