"""The pipeline: load -> check -> assemble -> render -> write aside -> swap."""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from stogen.build.freshness import Fingerprints
from stogen.build.writer import NotOurs, previous_outputs, staging_for, write_site
from stogen.core.cache import Cache
from stogen.core.problems import BuildFailed, Problems
from stogen.model.config import Config, load_config
from stogen.model.fields import FieldError, parse_moment
from stogen.model.issues import published_issues
from stogen.model.loader import load_sources
from stogen.model.site import Options, Site, assemble
from stogen.outputs import (
    OutputFile,
    RenderContext,
    calendar,
    feeds,
    pages,
    redirects,
    search,
    sitemap,
    static,
    structured,
    timetable,
    webinar_feed,
)
from stogen.outputs import newsletter as newsletter_output
from stogen.outputs.pages import PageJob
from stogen.render.bodies import render_bodies
from stogen.render.theme import Theme

NOW_ENV = "STOGEN_NOW"

# The HTML pages of the site: each planner returns PageJobs from the site model.
PLANNERS = [pages.plan, timetable.plan, newsletter_output.plan, search.plan]
# Everything written: each writer yields OutputFiles from the site, the theme and the planned pages.
WRITERS = [
    pages.write,
    static.write,
    calendar.write,
    webinar_feed.write,
    newsletter_output.write,
    feeds.write,
    sitemap.write,
    redirects.write,
]


@dataclass
class BuildResult:
    site: Site
    problems: Problems
    pages: int = 0
    files: int = 0
    written: int = 0
    feeds: int = 0
    seconds: float = 0.0
    output: Path | None = None
    jobs: list[PageJob] = field(default_factory=list)
    theme: Theme | None = None


def resolve_now(value: str | None, tz: ZoneInfo) -> datetime:
    """The build's "now": --now, else STOGEN_NOW, else SOURCE_DATE_EPOCH, else the clock."""
    value = value or os.environ.get(NOW_ENV)
    if value:
        return parse_moment(value, tz).at
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz)
    return datetime.now(tz).replace(microsecond=0)


def load_site(
    root: Path,
    problems: Problems,
    now: str | None = None,
    drafts: bool = False,
    future: bool = False,
    cache: Cache | None = None,
) -> tuple[Config, Site, Theme] | None:
    """Everything up to a checked, rendered site model; None when the configuration is unusable."""
    config = load_config(root, problems)
    if config is None:
        return None
    try:
        at = resolve_now(now, config.tz)
    except FieldError as exc:
        problems.error("--now", None, None, exc.message, exc.hint)
        return None
    sources = load_sources(root, config.tz, problems, cache)
    site = assemble(config, sources, Options(now=at, drafts=drafts, future=future), problems)
    theme = Theme(config, cache)
    render_bodies(site, problems, cache)
    site.newsletters = published_issues(site, sources.newsletters, theme.strings["months"], problems)
    return config, site, theme


def build(
    root: Path,
    now: str | None = None,
    drafts: bool = False,
    future: bool = False,
    use_cache: bool = True,
    output: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> BuildResult:
    """Build the site into its output folder (or `output`), or raise BuildFailed leaving the old output as it was."""
    root = root.resolve()  # sources are named relative to the root by cutting its path off theirs
    with _few_collections():
        return _build(root, now, drafts, future, use_cache, output, progress)


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Keep Python's cycle collector from walking the site model over and over.

    A build allocates millions of objects that live until its end, so the default thresholds trigger a full
    collection every few thousand pages, each walking everything. The collector is off while the model is
    loaded; then the model is frozen (see _build), and young collections run ten times less often.
    """
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        if enabled:
            gc.enable()


def _build(
    root: Path,
    now: str | None,
    drafts: bool,
    future: bool,
    use_cache: bool,
    output: Path | None,
    progress: Callable[[str, int, int], None] | None,
) -> BuildResult:
    started = time.perf_counter()
    problems = Problems(root)
    cache = Cache(root, enabled=use_cache)
    gc.disable()  # loading builds the model, which lives until the end: there is nothing to collect yet
    loaded = load_site(root, problems, now, drafts, future, cache)
    if loaded is None:
        raise BuildFailed(problems)
    config, site, theme = loaded
    gc.freeze()  # the model lives until the end of the build: no collection needs to look at it again
    gc.enable()
    jobs = [job for planner in PLANNERS for job in planner(site, theme.strings)]
    feeds.link_feeds(site, jobs, theme.strings)  # before fingerprints: the links are part of each page
    for job in jobs:
        if job.item is None:
            site.claim(job.url, job.owner, problems)
    redirects.check(site, problems)  # after every URL is claimed: a redirect may not hide a page
    structured.check_summaries(site, problems)
    if problems.has_errors():
        raise BuildFailed(problems)
    out = output or config.output_path  # serve and check build elsewhere, never over public/
    ctx = RenderContext(
        site, theme, jobs, Fingerprints(site, theme, cache), previous_outputs(out, cache), staging=staging_for(out)
    )
    files: Iterator[OutputFile] = (f for writer in WRITERS for f in writer(ctx))
    if progress is not None:
        files = _counting(files, progress, len(jobs))
    try:
        stats = write_site(out, files, cache, before_swap=search.indexer(ctx, out), previous=ctx.previous)
    except search.SearchIndexFailed as exc:
        problems.error("pagefind", None, "search", f"indexing failed: {exc}", "set search: false to build without it")
        raise BuildFailed(problems) from None
    except NotOurs:
        problems.error(
            config.output_dir,
            None,
            "output_dir",
            f"{config.output_dir}/ exists and was not made by stogen; refusing to replace it",
            "move the folder away, or set output_dir in stogen.yml to another folder",
        )
        raise BuildFailed(problems) from None
    return BuildResult(
        site,
        problems,
        pages=len(jobs),
        files=stats.files,
        feeds=stats.feeds,
        written=stats.written,
        seconds=time.perf_counter() - started,
        output=out,
        jobs=jobs,
        theme=theme,
    )


def _counting(
    files: Iterator[OutputFile], progress: Callable[[str, int, int], None], pages: int
) -> Iterator[OutputFile]:
    """Report "rendering n/N pages" as the writers yield them; the library itself never prints."""
    done = 0
    for f in files:
        if done < pages and f.path.endswith(".html"):
            done += 1
            if done % 50 == 0 or done == pages:
                progress("rendering pages", done, pages)
        yield f
