"""Progress and the one-line summary of a build."""

from __future__ import annotations

import io
import re
from pathlib import Path

from sitekit import stogen

from stogen.commands.console import Progress


def test_build_ends_with_pages_feeds_files_and_time(site: Path) -> None:
    built = stogen(site, "build")
    assert built.returncode == 0, built.stderr
    last = built.stdout.strip().splitlines()[-1]
    assert re.match(r"built \d+ pages, \d+ feeds, \d+ files in \d+\.\d\d s \(0 errors, 0 warnings\)", last), last
    assert "rendering pages" in built.stderr  # not a terminal: a plain line per stage


def test_progress_is_one_line_per_stage_without_a_terminal() -> None:
    out = io.StringIO()
    progress = Progress(out)
    for n in range(1, 101):
        progress("rendering pages", n, 100)
    for n in range(1, 4):
        progress("checking links", n, 3)
    assert out.getvalue() == "rendering pages (100)\nchecking links (3)\n"
