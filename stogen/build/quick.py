"""The quick build: the last build's site model, kept in the cache, with the edited Markdown bodies swapped in.

The change a site sees most is an editor's fix to the text of an article. A full build after it loads every
source, plans every page and fingerprints every output (about 2 s at 78 regions x 200 articles) to find the nine
files that change. So a build that found no problems keeps what it planned (save()): the site model, its pages
(PageJobs), every item's fingerprint and, per item, the pages whose fingerprints include it. The next build
starts from there (build()) when every file that changed since is a published Markdown file whose front matter
is the same (only its text changed) and nothing else is different: the configuration, the theme, stogen itself,
the output folder, and the site at "now" (no moment at which the site changes with "now" alone lies between the
saved build's "now" and this one's: stogen/model/turns.py). Then it
- reads those files again and renders their bodies with the same link table (nothing else can have moved);
- fingerprints the pages that show one of them, and the pages whose template reads the whole site;
- declares every output that is not a page (feeds, calendars, the sitemap, the search index, ...) again from
  the patched model and fingerprints them, as the full build does;
- keeps the manifest's fingerprint for every other page, and makes and writes what is stale as the full build
  does (pipeline._make), the search index included.
The files are the same, byte for byte, as a full build of the same sources makes (tests/test_quick.py). Whenever
that cannot be shown this cheaply (any other change, a problem in an edited file, a cache that does not match
the output folder), build() returns None and the full build runs.

The model is saved once per full build (cache entries quick and quick-model); a quick build saves only the
entries it changed (quick-edits), which the next quick build applies before its own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from stogen.build.freshness import Fingerprints
from stogen.build.writer import marker_stamp
from stogen.core.cache import Cache
from stogen.core.problems import Problems
from stogen.model.config import Config
from stogen.model.loader import RACY_NS, load_markdown_file
from stogen.model.records import Entry
from stogen.model.site import Body, Item, Site
from stogen.model.turns import same_between
from stogen.outputs import pages
from stogen.outputs.jobs import PageJob, Planner
from stogen.render import markdown
from stogen.render.theme import Theme

INDEX, MODEL, EDITS = "quick", "quick-model", "quick-edits"
# Every file a build reads, as far as the quick build is concerned: a change to any but an item's Markdown file
# means a full build.
FOLDERS = ("content", "regions", "newsletters", "themes")
FILES = ("stogen.yml", "netlify.toml")
# More edited files than this at once: a full build (it fingerprints everything anyway).
MOST = 20

Signature = tuple[int, ...] | None


def signatures(root: Path, trusted_before: int) -> dict[str, Signature]:
    """Every file (and folder) a build can read, by repository-relative path: its stat signature, or None for a
    file changed at or after `trusted_before` (a signature taken so soon after a change might not show the
    next one, as in the loader's cache: stogen/model/loader.py)."""
    found: dict[str, Signature] = {}
    prefix = len(str(root)) + 1

    def sign(st: os.stat_result) -> Signature:
        if st.st_mtime_ns >= trusted_before or st.st_ctime_ns >= trusted_before:
            return None
        return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)

    for name in FILES:
        with contextlib.suppress(OSError):
            found[name] = sign(os.stat(root / name))
    stack = [str(root / folder) for folder in FOLDERS if (root / folder).is_dir()]
    while stack:
        here = stack.pop()
        found[here[prefix:] + "/"] = ()
        with os.scandir(here) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                else:
                    try:
                        found[e.path[prefix:]] = sign(e.stat())
                    except OSError:  # a symlink to nothing: the build reports it
                        found[e.path[prefix:]] = None
    return found


def settled(root: Path, found: dict[str, Signature], started: int) -> dict[str, Signature]:
    """The signatures taken as a build started (at `started`, time.time_ns()), with those that were too recent
    to trust taken again at its end: a file unchanged since before the start (so as the build read it), now long
    enough ago to be trusted. A site generated or a stogen.yml written just before a build is known by the next."""
    trusted_before = min(started, time.time_ns() - RACY_NS)
    again = dict(found)
    for rel, signature in found.items():
        if signature is None:
            try:
                st = os.stat(root / rel)
            except OSError:
                continue
            if st.st_mtime_ns < trusted_before and st.st_ctime_ns < trusted_before:
                again[rel] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    return again


def _key(config: Config) -> str:
    """What else the model depends on: every setting (the environment's too, e.g. robots) and stogen.yml's bytes."""
    return hashlib.sha256(repr(config).encode("utf-8")).hexdigest()


def save(
    root: Path,
    cache: Cache,
    files: dict[str, Signature],
    started: int,
    site: Site,
    jobs: list[PageJob],
    fingerprints: Fingerprints,
    manifest: str,
) -> None:
    """Keep a build's model for the next build (see the module's docstring). `files`: the signatures taken at
    `started`, before the build read anything; `manifest`: the digest of the output folder's manifest the build left."""
    index: dict[int, int] = {id(job): n for n, job in enumerate(jobs)}
    rel_of = {id(item): item.entry.source.rel for item in site.every()}
    items = {id(item) for item in site.items}
    shown: dict[str, list[int]] = {}
    whole: list[int] = []
    own: dict[str, int] = {}
    for job in jobs:
        n = index[id(job)]
        found, reads_site = fingerprints.shown(job)
        if reads_site:
            whole.append(n)
        for key in found:
            rel = rel_of.get(key)
            if rel is not None:
                shown.setdefault(rel, []).append(n)
        if job.item is not None and id(job.item) in items and job.url == job.item.url:
            own[job.item.entry.source.rel] = n
    cache.save(EDITS, {})
    cache.save(
        MODEL,
        {
            "manifest": manifest,
            "site": site,
            "jobs": jobs,
            "items": fingerprints.items(),
            "base": fingerprints.base,
            "shown": shown,
            "whole": whole,
            "own": own,
        },
    )
    cache.save(
        INDEX,
        {
            "manifest": manifest,
            "key": _key(site.config),
            "now": site.now,
            "turns": site.turns,
            "files": settled(root, files, started),
            "entries": frozenset(rel_of.values()),
        },
    )


def forget(cache: Cache) -> None:
    """No model to start from: the last build's was not kept (it found problems, or no model was asked for)."""
    cache.save(INDEX, {})


@dataclasses.dataclass
class Restored:
    """The saved model with the edits applied: what a quick build plans from."""

    site: Site
    jobs: list[PageJob]
    again: list[int]  # the jobs whose pages are fingerprinted again (the others keep the manifest's)
    known: dict[str, str]  # item fingerprints that still hold, by source path
    base: str  # the fingerprints' base (freshness.py): the theme, configuration and figures are the same
    edits: dict[str, Any]  # what quick-edits holds after this build
    fresh: dict[str, tuple[Signature, Entry, Body]]  # the files this build read again
    own: dict[str, int]  # the jobs of their own pages, planned again (plan())

    def plan(self, theme: Theme) -> list[PageJob]:
        """The saved pages, with the own page of each edited item planned again (its description may come from
        its text)."""
        planner = Planner(self.site, theme.strings)
        item_of = {item.entry.source.rel: item for item in self.site.items}
        for rel, n in self.own.items():
            self.jobs[n] = pages.item_job(planner, item_of[rel])
        return self.jobs

    def remember(self, cache: Cache, manifest: str) -> None:
        """After the build is in place: the edits so far, on top of the saved model."""
        edits = {**self.edits["edits"], **self.fresh}
        cache.save(EDITS, {"base": self.edits["base"], "manifest": manifest, "edits": edits})


def restore(root: Path, config: Config, now: datetime, cache: Cache, found: dict[str, Signature]) -> Restored | None:
    """The saved model, with every Markdown file changed since read again and its body rendered, or None when
    a full build must run. `found`: signatures() as this build started."""
    index = cache.load(INDEX)
    if not index or index.get("key") != _key(config) or not same_between(index["turns"], index["now"], now):
        return None
    edits = cache.load(EDITS)
    if edits.get("base") != index["manifest"]:
        edits = {"base": index["manifest"], "manifest": index["manifest"], "edits": {}}
    if marker_stamp(config.output_path) != edits["manifest"]:  # previous_outputs() checks it is the manifest's
        return None
    files = dict(index["files"])
    files.update({rel: edit[0] for rel, edit in edits["edits"].items()})
    if found.keys() != files.keys():
        return None
    changed = sorted(rel for rel, signature in found.items() if signature is None or signature != files[rel])
    if len(changed) > MOST or any(rel not in index["entries"] for rel in changed):
        return None
    model = _load(cache)
    if model.get("manifest") != index["manifest"]:
        return None
    site: Site = model["site"]
    item_of = {item.entry.source.rel: item for item in site.every()}
    for rel, (_signature, entry, body) in edits["edits"].items():
        _patch(item_of[rel], entry, body)
    fresh: dict[str, tuple[Signature, Entry, Body]] = {}
    for rel in changed:
        edit = _edited(root, rel, item_of[rel], site, config)
        if edit is None:
            return None
        fresh[rel] = (found[rel], *edit)
        _patch(item_of[rel], *edit)
    object.__setattr__(site, "options", dataclasses.replace(site.options, now=now))
    object.__setattr__(site, "fresh", frozenset(changed))
    again = set(model["whole"])
    for rel in changed:
        again.update(model["shown"].get(rel, ()))
    gone = set(edits["edits"]) | set(fresh)
    known = {rel: fp for rel, fp in model["items"].items() if rel not in gone}
    own = {rel: model["own"][rel] for rel in changed if rel in model["own"]}
    return Restored(site, model["jobs"], sorted(again | set(own.values())), known, model["base"], edits, fresh, own)


def _load(cache: Cache) -> dict[str, Any]:
    return cache.load(MODEL)


def _edited(root: Path, rel: str, item: Item, site: Site, config: Config) -> tuple[Entry, Body] | None:
    """An edited file read again, kept as the full build keeps entries (without the body, which the Body holds),
    with its body rendered; None when its front matter changed or it has a problem (the full build reports it)."""
    problems = Problems(root)
    entry = load_markdown_file(root, rel, config.tz, problems)
    if entry is None or list(problems):
        return None
    kept = dataclasses.replace(entry, body="")
    if dataclasses.replace(kept, source=item.entry.source) != item.entry:
        return None  # its front matter changed: where it is shown, and how, may change
    links = site.links
    done = markdown.render(entry.body, rel, entry.body_line, links.resolve, links.host)
    if done.issues:
        return None
    return kept, Body(done.html, done.first_paragraph, done.digest)


def _patch(item: Item, entry: Entry, body: Body) -> None:
    """Give a thawed item its edited entry and body. Items are frozen for the build that uses them; this runs on
    the model just loaded, before anything has seen it."""
    object.__setattr__(item, "entry", entry)
    object.__setattr__(item, "body", body)
