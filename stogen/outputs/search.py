"""Site search: the /zoeken/ page and a Pagefind index of the pages whose kind is searchable, in shards.

Pagefind cannot update an index, so the index is split into shards by a hash of each page's path, and every shard
is a bundle artifact that reads only its own pages: an edit re-indexes the one shard that holds the page (a few
hundred pages) instead of the whole site. The primary shard (/pagefind/) carries Pagefind's scripts; the others
(/pagefind-shards/<n>/) only their index, and the search page's script merges them (Pagefind's `mergeIndex`).
A page keeps its shard while the number of shards stays the same: that number is a power of two chosen from the
number of pages (`search_shard_pages` in stogen.yml), so it changes only when the site doubles or halves.

Pagefind reads only elements marked `data-pagefind-body` (the main content of those templates), so menus, footers
and listings stay out. Region homes are indexed too (REGION_TEMPLATE): their schools, towns and hotspots are what a
visitor types, and a school's name must find its region. `search: false` in stogen.yml skips both the page and
the index (faster local builds).

Pagefind answers a query in each shard on its own, matching its words against that shard's words only: merged as
they are, a shard without the query's rarer word answered with its pages that have the other words (or a shorter
word that begins the rarer one). The search page therefore loads Pagefind through a module of stogen's
(search_shards.js, published as /zoeken/pagefind.js) that searches only the shards that match every word of the
query as one index over every page would.

An edit's shard is indexed while the build plans and makes its pages, not after them: its pages are the last
build's files and the edited pages, which can be rendered alone as soon as the site is loaded
(`expected_shards`). The pipeline starts Pagefind on those (stogen/build/ahead.py), and a shard takes that index
only if the build gives it the same files byte for byte.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pagefind_bin import get_executable

from stogen.core.artifacts import Artifact, Locator, MadeAhead, Owner
from stogen.model import urls
from stogen.model.kinds import KINDS, searchable_templates
from stogen.model.site import Site
from stogen.outputs import Plan
from stogen.outputs.jobs import PageJob, Planner
from stogen.outputs.pagefind_order import stabilise
from stogen.outputs.pages import render_item_page
from stogen.render.theme import Theme

URL = "/zoeken/"
BUNDLE = "pagefind/"  # the primary shard, with Pagefind's scripts: /pagefind/
SHARDS = "pagefind-shards/"  # the other shards: /pagefind-shards/<n>/
REGION_TEMPLATE = "region.html"  # a region's home: indexed for its schools, places and hotspots
MAX_SHARDS = 64  # a search fetches a little of every shard
# Pagefind's API over the shards, next to the search page: Pagefind UI's bundlePath is the page's own URL.
MODULE = URL.lstrip("/") + "pagefind.js"
MODULE_SOURCE = Path(__file__).with_name("search_shards.js")
# What a merged shard needs; the scripts and the WebAssembly come from the primary shard.
SHARD_FILES = ("pagefind-entry.json", "pagefind.", "index/", "fragment/", "filter/")
# Indexed ahead (see expected_shards): after an edit of at most this many files, at most this many shards.
AHEAD_FILES = 20
AHEAD_SHARDS = 2


class SearchIndexFailed(RuntimeError):
    """Pagefind could not index the site; the build is abandoned."""


def plan(planner: Planner) -> list[PageJob]:
    if not planner.site.config.search:
        return []
    t = planner.t
    count = len(shards_of(searchable_paths(planner.site), planner.site.config.search_shard_pages))
    merged = [_bundle_of(n)[:-1] for n in range(1, count)]
    # The page lists the shards it merges, so it changes (and only then) when their number does.
    context = {"merge": " ".join("/" + path + "/" for path in merged), "bundle": URL}
    crumbs = [planner.home]
    return [planner.job(URL, "search.html", t["search_title"], "search page", t["search_description"], crumbs, context)]


def searchable_paths(site: Site) -> list[str]:
    """The output paths of the pages the index holds: the pages of items of a searchable kind, and region homes."""
    items = [urls.output_path(item.url) for item in site.items if KINDS[item.kind].searchable]
    return items + [urls.output_path(urls.region_home(slug)) for slug in site.regions]


def shards_of(paths: list[str], per_shard: int) -> list[list[str]]:
    """The pages of each shard, each sorted. A shard holds the pages whose path hashes to its number; the number
    of shards is a power of two, about one per `per_shard` pages, halved until no shard is empty (Pagefind cannot
    make an empty index)."""
    wanted = max(1, len(paths) // per_shard)
    count = min(MAX_SHARDS, 1 << (wanted.bit_length() - 1))  # the largest power of two <= wanted
    hashes = sorted((_hash(path), path) for path in paths)
    while True:
        shards: list[list[str]] = [[] for _ in range(count)]
        for h, path in hashes:
            shards[h % count].append(path)
        if count == 1 or all(shards):
            return [sorted(shard) for shard in shards]
        count //= 2


@functools.lru_cache(maxsize=1 << 16)
def _hash(path: str) -> int:
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big")


def _bundle_of(n: int) -> str:
    return BUNDLE if n == 0 else f"{SHARDS}{n}/"


# Context a template shows only inside `data-pagefind-ignore`, which the index of its pages therefore cannot
# depend on: a region's home lists the region's latest news and events, which change with every new article, but
# Pagefind skips those sections (its `pages` are not here: their heading is indexed). A shard depends on such a
# page through the page's job without these values, not through the whole page, so a new article re-indexes its own
# shard and not its region home's too (tests/test_search.py checks both ways).
UNINDEXED = {REGION_TEMPLATE: frozenset({"news", "events"})}


def artifacts(plan: Plan) -> Iterator[Artifact]:
    if not plan.site.config.search:
        return
    templates = searchable_templates() | {REGION_TEMPLATE}
    # Only pages whose template marks a body: Pagefind would read every other page and find nothing to index.
    jobs = {job.path: job for job in plan.jobs if job.template in templates}
    language = plan.site.config.language
    for n, shard in enumerate(shards_of(sorted(jobs), plan.site.config.search_shard_pages)):
        yield _shard(n, tuple(shard), language, jobs, plan.ahead)
    yield Artifact(MODULE, Owner.generator("the search page"), copy_from=str(MODULE_SOURCE))


def _indexed_view(job: PageJob) -> PageJob:
    """The page's job without the context its index cannot see (UNINDEXED)."""
    hidden = UNINDEXED[job.template]
    return dataclasses.replace(job, context={k: v for k, v in job.context.items() if k not in hidden})


def _shard(
    n: int, pages: tuple[str, ...], language: str, jobs: dict[str, PageJob], ahead: MadeAhead | None
) -> Artifact:
    def make(locate: Locator, folder: Path) -> None:
        if ahead is not None and ahead.take(_bundle_of(n), pages, locate, folder):
            stabilise(folder)
        else:
            build_index(pages, locate, language, folder)
        if n:  # a merged shard: its index only
            for entry in folder.iterdir():
                if not (entry.name + "/" * entry.is_dir()).startswith(SHARD_FILES):
                    shutil.rmtree(entry) if entry.is_dir() else entry.unlink()

    owner = Owner.generator("the search index" if n == 0 else f"the search index (shard {n})")
    views = tuple(_indexed_view(jobs[p]) for p in pages if jobs[p].template in UNINDEXED)
    needs = tuple(p for p in pages if jobs[p].template not in UNINDEXED)
    return Artifact(_bundle_of(n), owner, ("pagefind", language, n, views), make_bundle=make, needs=needs)


def build_index(pages: tuple[str, ...], locate: Locator, language: str, folder: Path) -> None:
    """Index the pages of this build, linked into a scratch folder; Pagefind writes the bundle into `folder`."""
    with tempfile.TemporaryDirectory(prefix="stogen-search-") as tmp:
        view = Path(tmp) / "site"
        for rel in pages:
            target = view / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(locate(rel), target)
        run_pagefind(view, folder, language)
    stabilise(folder)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)  # cheap, and the view is only read
    except OSError:
        shutil.copyfile(source, target)


def pagefind_argv(site_dir: Path, bundle: Path, language: str) -> list[str]:
    """Pagefind's own binary (from the pagefind[bin] package), started directly: no Python in between."""
    argv = [str(get_executable()), "--site", str(site_dir), "--output-path", str(bundle)]
    return [*argv, "--force-language", language, "--silent"]


def run_pagefind(site_dir: Path, bundle: Path, language: str) -> None:
    done = subprocess.run(pagefind_argv(site_dir, bundle, language), capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexFailed((done.stderr or done.stdout).strip() or f"pagefind exited with {done.returncode}")


def expected_shards(site: Site, theme: Theme) -> dict[str, tuple[tuple[str, ...], dict[str, bytes]]]:
    """The shards this build is expected to index again, before it plans: those holding the pages of the
    searchable items it read afresh. Per shard (by its bundle's path): its pages, and the edited pages rendered
    alone. Empty after a bulk change (indexed the usual way), or when an edited page cannot be placed or rendered
    (the build reports it)."""
    if not site.config.search or not site.fresh or len(site.fresh) > AHEAD_FILES:
        return {}
    edited = [item for item in site.items if item.entry.source.rel in site.fresh and KINDS[item.kind].searchable]
    if not edited:
        return {}
    shards = shards_of(searchable_paths(site), site.config.search_shard_pages)
    shard_of = {path: n for n, shard in enumerate(shards) for path in shard}
    made: dict[int, dict[str, bytes]] = {}
    try:
        for item in edited:
            path, page = render_item_page(site, theme, item)
            made.setdefault(shard_of.get(path, -1), {})[path] = page
    except Exception:  # the build renders the page again, and reports what is wrong with it there
        return {}
    if -1 in made or len(made) > AHEAD_SHARDS:
        return {}
    return {_bundle_of(n): (tuple(shards[n]), pages) for n, pages in sorted(made.items())}
