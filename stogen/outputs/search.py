"""Site search: the /zoeken/ page and a Pagefind index of the pages whose kind is searchable.

The index is a bundle artifact (/pagefind/) that reads the pages it indexes from this build: the pipeline makes it
again only when one of those pages changed, or the set of pages did. Pagefind reads only elements marked
`data-pagefind-body` (the main content of those templates), so menus, footers and listings stay out.
`search: false` in stogen.yml skips both the page and the index (faster local builds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from stogen.core.artifacts import Artifact, Locator, Owner
from stogen.model.kinds import searchable_templates
from stogen.outputs import Plan
from stogen.outputs.jobs import PageJob, Planner
from stogen.outputs.pagefind_order import stabilise

URL = "/zoeken/"
BUNDLE = "pagefind/"  # the folder Pagefind writes, /pagefind/


class SearchIndexFailed(RuntimeError):
    """Pagefind could not index the site; the build is abandoned."""


def plan(planner: Planner) -> list[PageJob]:
    if not planner.site.config.search:
        return []
    t = planner.t
    return [planner.job(URL, "search.html", t["search_title"], "search page", t["search_description"], [planner.home])]


def artifacts(plan: Plan) -> Iterator[Artifact]:
    if not plan.site.config.search:
        return
    templates = searchable_templates()
    # Only pages whose template marks a body: Pagefind would read every other page and find nothing to index.
    pages = tuple(sorted({job.path for job in plan.jobs if job.template in templates}))
    language = plan.site.config.language

    def make(locate: Locator) -> dict[str, bytes]:
        return build_index(pages, locate, language)

    yield Artifact(BUNDLE, Owner.generator("the search index"), ("pagefind", language), make_bundle=make, needs=pages)


def build_index(pages: tuple[str, ...], locate: Locator, language: str) -> dict[str, bytes]:
    """Index the pages of this build, linked into a scratch folder; the bundle's files by name."""
    with tempfile.TemporaryDirectory(prefix="stogen-search-") as tmp:
        view, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
        for rel in pages:
            target = view / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _link(locate(rel), target)
        run_pagefind(view, bundle, language)
        stabilise(bundle)
        return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


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
