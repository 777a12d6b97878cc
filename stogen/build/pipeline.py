"""The pipeline, top to bottom: load -> check -> assemble -> plan -> claim -> make what is stale -> swap.

Every output is declared as an Artifact by the output modules (stogen/outputs/), claimed once in the route table,
fingerprinted here, and made only when its fingerprint differs from what the output folder holds; the writer puts
the made files in place, or nothing when any problem was found.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from stogen.build.freshness import Fingerprints
from stogen.build.routes import RouteTable
from stogen.build.writer import NotOurs, Staging, WriteStats
from stogen.core.artifacts import Artifact
from stogen.core.cache import Cache
from stogen.core.parallel import ordered_map
from stogen.core.problems import BuildFailed, Problems
from stogen.model import urls, webinars
from stogen.model.config import Config, load_config
from stogen.model.fields import FieldError, parse_moment
from stogen.model.issues import Texts, published_issues, texts_of
from stogen.model.links import LinkTable
from stogen.model.loader import load_sources
from stogen.model.newsletters import NewsletterSource
from stogen.model.site import Options, Site, assemble, place
from stogen.model.webinars import recording_of
from stogen.outputs import (
    Plan,
    calendar,
    events_ld,
    feeds,
    finder,
    pages,
    redirects,
    search,
    sitemap,
    static,
    structured,
    timetable,
    topics,
    webinar_feed,
)
from stogen.outputs import newsletter as newsletter_output
from stogen.outputs.jobs import PageJob, Planner
from stogen.render.bodies import render_bodies, render_text
from stogen.render.theme import Theme

NOW_ENV = "STOGEN_NOW"

# The HTML pages of the site: each planner makes PageJobs from the site model.
PLANNERS = [pages.plan, timetable.plan, topics.plan, newsletter_output.plan, search.plan]
# Everything written: each output module declares Artifacts from the site, the theme and the planned pages.
OUTPUTS = [pages, static, calendar, webinar_feed, newsletter_output, feeds, sitemap, redirects, finder, search]


def template_functions() -> dict[str, Any]:
    """The functions templates may call, registered on the theme by the pipeline (the theme defines none)."""
    return {
        "recording_of": recording_of,
        "webinar_ld": events_ld.webinar_ld,
        "event_ld": events_ld.event_ld,
        "ics_url": calendar.item_ics_url,
        "calendar_url": calendar.listing_ics_url,
        "webinar_feed_url": urls.webinar_feed_url,
        "agenda_archive_url": timetable.archive_url,
        "page_ld": structured.page_ld,
        "finder_url": lambda: finder.URL,
        "profile_url": urls.profile_url,
        "topic_url": urls.topic_url,
    }


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
    artifacts: list[Artifact] = field(default_factory=list)


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
    """Everything up to a checked site model with rendered bodies; None when the configuration is unusable.

    sources -> placement (what is published where) -> bodies (rendered with the one link table) -> site.
    """
    config = load_config(root, problems)
    if config is None:
        return None
    try:
        at = resolve_now(now, config.tz)
    except FieldError as exc:
        problems.error("--now", None, None, exc.message, exc.hint)
        return None
    sources = load_sources(root, config.tz, problems, cache)
    placement = place(config, sources, Options(now=at, drafts=drafts, future=future), problems)
    webinars.check(placement, problems)
    theme = Theme(config, cache)
    theme.register(template_functions())
    links = LinkTable.of(placement)
    bodies = render_bodies(placement, links, problems, cache)
    site = assemble(placement, bodies, (), problems)
    texts = newsletter_texts(sources.newsletters, links, problems)
    issues = published_issues(site, sources.newsletters, theme.strings["months"], texts, problems)
    return config, dataclasses.replace(site, newsletters=issues), theme


def newsletter_texts(sources: list[NewsletterSource], links: LinkTable, problems: Problems) -> Texts:
    """Every newsletter's intro and blocks rendered with the site's link table (as any other body)."""
    return {
        (source.rel, line): render_text(text, source.rel, line, links, problems).html
        for source in sources
        for text, line in texts_of(source)
    }


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
    jobs, artifacts = plan_outputs(site, theme, problems)
    if problems.has_errors():
        raise BuildFailed(problems)
    out = output or config.output_path  # serve and check build elsewhere, never over public/
    try:
        staging = Staging(out, cache)
    except NotOurs:
        problems.error(
            config.output_dir,
            None,
            "output_dir",
            f"{config.output_dir}/ exists and was not made by stogen; refusing to replace it",
            "move the folder away, or set output_dir in stogen.yml to another folder",
        )
        raise BuildFailed(problems) from None
    try:
        stats = _make(artifacts, Fingerprints(site, theme, cache), staging, problems, progress)
    except BaseException:
        staging.abandon()
        raise
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
        artifacts=artifacts,
    )


def plan_pages(site: Site, theme: Theme) -> list[PageJob]:
    """Every HTML page of the site, in a fixed order."""
    planner = Planner(site, theme.strings)
    return [job for planner_of in PLANNERS for job in planner_of(planner)]


def plan_outputs(site: Site, theme: Theme, problems: Problems) -> tuple[list[PageJob], list[Artifact]]:
    """Every page planned and every output declared, each path claimed once; redirects checked against them."""
    jobs = plan_pages(site, theme)
    plan = Plan(site, theme, jobs)
    table = RouteTable()
    artifacts = table.claim_all((a for output in OUTPUTS for a in output.artifacts(plan)), site.config.root, problems)
    redirects.check(site, table.urls(), problems)  # a redirect may not hide anything the build writes
    structured.check_summaries(site, problems)
    return jobs, artifacts


def _make(
    artifacts: list[Artifact],
    fingerprints: Fingerprints,
    staging: Staging,
    problems: Problems,
    progress: Callable[[str, int, int], None] | None,
) -> WriteStats:
    """Fingerprint every artifact, make the stale ones (on every core), then put the build in place."""
    files = [a for a in artifacts if not a.is_bundle]
    current = dict(zip((a.path for a in files), ordered_map(fingerprints.of_artifact, files, chunk=1024), strict=True))
    for bundle in (a for a in artifacts if a.is_bundle):
        current[bundle.path] = fingerprints.of_artifact(bundle, tuple(current[n] for n in bundle.needs))
    previous = staging.previous
    stale = [a for a in files if previous.get(a.path) != current[a.path]]

    def make(artifact: Artifact) -> str | None:
        """Make one artifact into the staging folder (in a worker); what went wrong, or None."""
        try:
            if artifact.copy_from is not None:
                staging.copy(artifact.path, artifact.copy_from)
            else:
                assert artifact.make is not None
                staging.put(artifact.path, artifact.make())
        except Exception as exc:  # a content value a writer refuses: reported at its source, never a traceback
            return f"{type(exc).__name__}: {exc}"
        return None

    pages = sum(type(a.inputs) is PageJob for a in stale)
    done = 0
    for artifact, failure in zip(stale, ordered_map(make, stale), strict=True):
        staging.mark(artifact.path)
        if failure is not None:
            _cannot_make(artifact, failure, problems)
        if progress is not None and type(artifact.inputs) is PageJob:
            done += 1
            if done % 50 == 0 or done == pages:
                progress("rendering pages", done, pages)
    for bundle in (a for a in artifacts if a.is_bundle and previous.get(a.path) != current[a.path]):
        assert bundle.make_bundle is not None
        try:
            staging.put_bundle(bundle.path, bundle.make_bundle(staging.locate))
        except search.SearchIndexFailed as exc:
            hint = "set search: false to build without it"
            problems.error("pagefind", None, "search", f"indexing failed: {exc}", hint)
    if problems.has_errors():
        raise BuildFailed(problems)
    return staging.commit(current)


def _cannot_make(artifact: Artifact, failure: str, problems: Problems) -> None:
    where = artifact.owner.source or "stogen"
    problems.error(
        where,
        None,
        None,
        f"could not make {artifact.url} ({artifact.owner.name}): {failure}",
        "check this file for unusual characters (control characters, very long lines), or report a bug in stogen",
    )
