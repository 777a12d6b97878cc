"""Site search: the /zoeken/ page and a Pagefind index of article, event, webinar and page bodies.

The index is made from the staging folder, before the build is put in place (the writer's `before_swap`
hook), so a failed indexing run leaves the published site as it was. Pagefind reads only elements marked
`data-pagefind-body` (the main content of those templates), so menus, footers and listings stay out.
`search: false` in stogen.yml skips both the page and the index (faster local builds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stogen.model.site import Site
from stogen.outputs import RenderContext
from stogen.outputs.pagefind_order import stabilise
from stogen.outputs.pages import Crumb, PageJob

URL = "/zoeken/"
BUNDLE = "pagefind"  # the folder Pagefind writes, /pagefind/
# The templates whose main content carries data-pagefind-body.
INDEXED_TEMPLATES = frozenset({"article.html", "page.html", "event.html", "webinar.html"})


class SearchIndexFailed(RuntimeError):
    """Pagefind could not index the site; the build is abandoned."""


def plan(site: Site, t: dict[str, Any]) -> list[PageJob]:
    if not site.config.search:
        return []
    return [
        PageJob(URL, "search.html", t["search_title"], "search page", t["search_description"], [Crumb(t["home"], "/")])
    ]


def indexer(ctx: RenderContext, out: Path) -> Callable[[Path, bool], None] | None:
    """The writer's before_swap hook: index the pages of this build, written to `staging` or kept in `out`."""
    if not ctx.site.config.search:
        return None
    # Only pages whose template marks a body: Pagefind would read every other page and find nothing to index.
    pages = sorted({job.path for job in ctx.jobs if job.template in INDEXED_TEMPLATES})
    language = ctx.site.config.language
    all_pages = {job.path for job in ctx.jobs}
    removed = any(p.endswith(".html") and p not in all_pages for p in ctx.previous)

    def index(staging: Path, incremental: bool) -> None:
        if incremental and not removed and (out / BUNDLE).is_dir() and not any((staging / p).is_file() for p in pages):
            return  # no indexed page changed: the published index is still right
        with tempfile.TemporaryDirectory(prefix="stogen-search-") as tmp:
            view = Path(tmp)
            for rel in pages:  # the whole new site: changed pages from staging, unchanged ones still in out
                source = staging / rel if (staging / rel).is_file() else out / rel
                target = view / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                _link(source, target)
            run_pagefind(view, staging / BUNDLE, language)
        stabilise(staging / BUNDLE)

    return index


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # cheap, and the view is only read
    except OSError:
        shutil.copyfile(source, target)


def run_pagefind(site_dir: Path, bundle: Path, language: str) -> None:
    """Pagefind's own binary (from the pagefind[bin] package): faster than its Python service API."""
    argv = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(bundle)]
    argv += ["--force-language", language, "--silent"]
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexFailed((done.stderr or done.stdout).strip() or f"pagefind exited with {done.returncode}")
