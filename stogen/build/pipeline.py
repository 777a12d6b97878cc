"""The pipeline, top to bottom: load -> check -> assemble -> plan -> claim -> make what is stale -> swap.

Every output is declared as an Artifact by the output modules (stogen/outputs/), claimed once in the route table,
fingerprinted here, and made only when its fingerprint differs from what the output folder holds; the writer puts
the made files in place, or nothing when any problem was found.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import os
import posixpath
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from stogen.build import lost_urls, quick
from stogen.build.ahead import start as started_ahead
from stogen.build.freshness import Fingerprints
from stogen.build.routes import RouteTable
from stogen.build.writer import NotOurs, Staging, WriteStats, previous_outputs
from stogen.core.artifacts import Artifact, MadeAhead
from stogen.core.cache import Cache
from stogen.core.messages import Msg, msg
from stogen.core.parallel import MIN_PARALLEL, ordered_map, workers
from stogen.core.photos import PhotoError
from stogen.core.problems import BuildFailed, Problems
from stogen.model import urls, webinars
from stogen.model.config import Config, load_config
from stogen.model.fields import FieldError, parse_moment
from stogen.model.issues import Texts, published_issues, texts_of
from stogen.model.links import LinkTable
from stogen.model.loader import load_sources
from stogen.model.newsletters import NewsletterSource
from stogen.model.photos import report_unreadable, survey
from stogen.model.site import Options, Site, assemble, place
from stogen.model.turns import turns
from stogen.model.webinars import recording_of
from stogen.outputs import (
    Plan,
    admin,
    calendar,
    cards,
    events_ld,
    feeds,
    finder,
    hotspots,
    pages,
    photos,
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
from stogen.render import pictures
from stogen.render.bodies import render_bodies, render_text
from stogen.render.theme import Theme

NOW_ENV = "STOGEN_NOW"

# The HTML pages of the site: each planner makes PageJobs from the site model.
PLANNERS = [pages.plan, timetable.plan, topics.plan, hotspots.plan, newsletter_output.plan, search.plan]
# Everything written: each output module declares Artifacts from the site, the theme and the planned pages.
OUTPUTS = [
    pages,
    static,
    photos,
    cards,
    calendar,
    webinar_feed,
    newsletter_output,
    feeds,
    sitemap,
    redirects,
    finder,
    search,
    admin,
]
# Outputs whose files depend on no Markdown body's text (only on front matter, places, photos, the theme and the
# configuration): a quick build (stogen/build/quick.py), which changes only bodies, keeps their fingerprints rather
# than declaring them again. tests/test_quick.py changes every body of the example site and checks that these
# outputs, and only these, keep every fingerprint.
TEXT_FREE = (static, photos, cards, sitemap, redirects, finder, admin)


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
        "picture": pictures.picture,
        "social_image": cards.social_image,
        "finder_url": lambda: finder.URL,
        "profile_url": urls.profile_url,
        "audience_url": urls.audience_url,
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
    quick: bool = False  # built from the last build's model (stogen/build/quick.py)


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
    photo_store: Path | None = None,
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
    rasters = functools.partial(survey, cache=cache or Cache(root, enabled=False), store=photo_store)
    placement = place(config, sources, Options(now=at, drafts=drafts, future=future), problems, rasters)
    report_unreadable(placement.photos, root, problems)
    webinars.check(placement, problems)
    theme = make_theme(config, cache)
    links = LinkTable.of(placement, {e.source.rel for e in sources.entries})  # drafts too: see render/markdown.py
    bodies = render_bodies(placement, links, problems, cache)
    site = assemble(placement, bodies, (), problems)
    texts = newsletter_texts(sources.newsletters, links, problems)
    issues = published_issues(site, sources.newsletters, theme.strings["months"], texts, problems)
    turning = turns(sources.entries, sources.newsletters, config.tz)
    site = dataclasses.replace(site, newsletters=issues, fresh=frozenset(sources.read), links=links, turns=turning)
    return config, site, theme


def make_theme(config: Config, cache: Cache | None) -> Theme:
    theme = Theme(config, cache)
    theme.register(template_functions())
    theme.remember_cards()
    return theme


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
    photo_store: bool | None = None,
) -> BuildResult:
    """Build the site into its output folder (or `output`), or raise BuildFailed leaving the old output as it was.

    `photo_store`: keep and reuse made photo files in .stogen-cache/ (keyed by content: never stale); by default
    when the cache is used. `stogen check` uses it without the rest of the cache.
    """
    root = root.resolve()  # sources are named relative to the root by cutting its path off theirs
    store = Cache(root, enabled=use_cache if photo_store is None else photo_store).photo_store()
    cache = Cache(root, enabled=use_cache)
    # A full build's parse caches are written while its workers make the outputs (_make), or at its end.
    with _few_collections(), cache.saving_later():
        return _build(root, now, drafts, future, cache, output, progress, store)


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
    cache: Cache,
    output: Path | None,
    progress: Callable[[str, int, int], None] | None,
    photo_store: Path | None = None,
) -> BuildResult:
    started = time.perf_counter()
    published = output is None and not (drafts or future) and cache.enabled  # its model is kept: quick.py
    begun = time.time_ns()
    scan = quick.Scan(root, begun) if published else None  # the sources as they are before anything is read
    gc.disable()  # loading builds the model, which lives until the end: there is nothing to collect yet
    if scan is not None:
        result = _quick(root, now, cache, scan, progress, started)
        if result is not None:
            return result
        gc.disable()  # a quick build given up after it loaded the model turned the collector on
    files = scan.files() if scan is not None else None
    problems = Problems(root)
    loaded = load_site(root, problems, now, drafts, future, cache, photo_store)
    if loaded is None:
        raise BuildFailed(problems)
    config, site, theme = loaded
    gc.freeze()  # the model lives until the end of the build: no collection needs to look at it again
    gc.enable()
    out = output or config.output_path  # serve and check build elsewhere, never over public/
    previous = previous_outputs(out, cache)
    ahead = started_ahead(site, theme, out, previous)  # the search index of an edit, while the build plans
    keeping: quick.Keeping | None = None
    try:
        if files is not None:  # the model is kept for the next build's quick build, by a process of its own
            keeping = quick.Keeping(root, cache, files, begun, site, theme, functools.partial(plan_pages, site, theme))
        staging: Staging | None = None
        try:
            staging = Staging(out, cache, previous)
        except NotOurs:
            problems.error(
                config.output_dir,
                None,
                "output_dir",
                msg(
                    "{output_dir}/ exists and was not made by stogen; refusing to replace it",
                    output_dir=config.output_dir,
                ),
                msg("move the folder away, or set output_dir in stogen.yml to another folder"),
            )
        try:
            if staging is not None:  # the folders of the item pages (16,000 of 21,000), made while the build plans
                staging.prepare(lambda: (posixpath.dirname(urls.output_path(item.url)) for item in site.items))
            jobs, artifacts = plan_outputs(site, theme, problems, ahead)
            if problems.has_errors() or staging is None:
                raise BuildFailed(problems)
            fingerprints = Fingerprints(site, theme, cache)
            stats = _make(artifacts, fingerprints, staging, problems, progress)
        except BaseException:
            if staging is not None:
                staging.abandon()
            raise
        if output is None and not (drafts or future):  # the published site, not a preview or a check
            lost_urls.check_and_remember(cache, jobs, redirects.rules(site), problems)
        if keeping is not None and not list(problems):
            keeping.keep(stats.manifest)
        elif keeping is not None:  # a quick build would not report this build's problems again
            keeping.drop()
            quick.forget(cache)
        keeping = None
        return _result(site, theme, problems, jobs, artifacts, stats, out, started)
    finally:
        if keeping is not None:  # the build failed: the output, and the last model kept, are as they were
            keeping.drop()
        if ahead is not None:
            ahead.close()


def _quick(
    root: Path,
    now: str | None,
    cache: Cache,
    scan: quick.Scan,
    progress: Callable[[str, int, int], None] | None,
    started: float,
) -> BuildResult | None:
    """The published site built from the last build's model and the edits since (stogen/build/quick.py); None
    when the full build must run."""
    problems = Problems(root)
    config = load_config(root, problems)
    if config is None or list(problems):
        return None
    try:
        at = resolve_now(now, config.tz)
    except FieldError:
        return None
    restored = quick.restore(root, config, at, cache, scan)
    if restored is None:
        return None
    gc.freeze()  # as in a full build: the model lives until the end, no collection needs to look at it
    gc.enable()
    out = config.output_path
    previous = previous_outputs(out, cache)  # what the output holds, file by file: all but what is made again
    if not previous:
        return None
    site = restored.site
    theme = make_theme(config, cache)
    ahead = started_ahead(site, theme, out, previous)
    try:
        jobs = restored.plan(theme)
        plan = Plan(site, theme, jobs, ahead)
        others = [a for o in OUTPUTS if o is not pages and o not in TEXT_FREE for a in o.artifacts(plan)]
        if any(a.path not in previous for a in others):  # a body cannot add an output (tests/test_quick.py)
            return None
        artifacts = [pages.artifact(plan, jobs[n]) for n in restored.again] + others
        fingerprints = Fingerprints(site, theme, cache, restored.known, restored.base)
        try:
            staging = Staging(out, cache, previous)
        except NotOurs:
            return None
        try:
            stats = _make(artifacts, fingerprints, staging, problems, progress, kept=previous)
        except BaseException:
            staging.abandon()
            raise
        restored.remember(cache, stats.manifest)
        return _result(site, theme, problems, jobs, artifacts, stats, out, started, quick=True)
    finally:
        if ahead is not None:
            ahead.close()


def _result(
    site: Site,
    theme: Theme,
    problems: Problems,
    jobs: list[PageJob],
    artifacts: list[Artifact],
    stats: WriteStats,
    out: Path,
    started: float,
    quick: bool = False,
) -> BuildResult:
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
        quick=quick,
    )


def plan_pages(site: Site, theme: Theme, previous: Sequence[PageJob] = ()) -> list[PageJob]:
    """Every HTML page of the site, in a fixed order. `previous`: the jobs of an earlier plan of a site with the
    same configuration, theme and "now" (the live preview's), whose item pages are kept for the items that are
    still the same objects."""
    planner = Planner(site, theme.strings, previous)
    return [job for planner_of in PLANNERS for job in planner_of(planner)]


def plan_outputs(
    site: Site, theme: Theme, problems: Problems, ahead: MadeAhead | None = None
) -> tuple[list[PageJob], list[Artifact]]:
    """Every page planned and every output declared, each path claimed once; redirects checked against them.
    `ahead`: bundles the build started making before it planned (stogen/build/ahead.py)."""
    jobs = plan_pages(site, theme)
    plan = Plan(site, theme, jobs, ahead)
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
    kept: dict[str, str] | None = None,
) -> WriteStats:
    """Fingerprint every artifact, make the stale ones (on every core), then put the build in place. `kept`: the
    fingerprints of outputs not among `artifacts` that stay as they are (a quick build's)."""
    files = [a for a in artifacts if not a.is_bundle]
    current = dict(kept or {})
    previous = staging.previous
    # A clean build makes every file: each is fingerprinted by the worker that makes it, not in a pass of its own.
    fused: dict[str, str] | None = {} if not previous else None
    if fused is None:
        # On every core for a full build's tens of thousands; a quick build's thousand are done before workers start.
        prints = ordered_map(fingerprints.of_artifact, files, chunk=1024, min_parallel=4096)
        current.update(zip((a.path for a in files), prints, strict=True))
    stale = files if fused is not None else [a for a in files if previous.get(a.path) != current[a.path]]

    def make(artifact: Artifact) -> tuple[str | None, str | None]:
        """Make one artifact into the staging folder (in a worker): its fingerprint when the worker takes it
        (a clean build's), and what went wrong, or None."""
        made = fingerprints.of_artifact(artifact) if fused is not None else None
        return made, _make_one(artifact)

    def _make_one(artifact: Artifact) -> str | None:
        try:
            if artifact.copy_from is not None:
                staging.copy(artifact.path, artifact.copy_from)
            else:
                assert artifact.make is not None
                staging.put(artifact.path, artifact.make())
        except PhotoError as exc:  # pixels the probe could not see were broken: the editor's to fix
            return f"{PhotoError.__name__}: " + json.dumps([exc.message.dump(), exc.hint.dump()])
        except jinja2.TemplateError as exc:  # the theme's, not the content's: reported once, at the template
            return f"{TEMPLATE_FAILURE}: " + json.dumps(_template_failure(exc, artifact))
        except Exception as exc:  # a content value a writer refuses: reported at its source, never a traceback
            return f"{type(exc).__name__}: {exc}"
        return None

    pages = sum(type(a.inputs) is PageJob for a in stale)
    done = 0
    refused: set[str] = set()  # photos whose pixels could not be decoded: one problem each, not one per variant
    broken_templates: set[tuple[str, int | None, str]] = set()
    groups: dict[str, list[Artifact]] = {}
    units: list[list[Artifact]] = []  # what one worker makes at a time: a light artifact, or a group
    for artifact in stale:
        if artifact.group is None:
            units.append([artifact])
        elif artifact.group in groups:
            groups[artifact.group].append(artifact)
        else:
            units.append(groups.setdefault(artifact.group, [artifact]))

    def make_unit(unit: list[Artifact]) -> list[tuple[str | None, str | None]]:
        return [make(artifact) for artifact in unit]

    # One pool for everything. A group (a photo's ladder: about two seconds, one decode for all its files) is a
    # task of its own, handed out early so that groups spread over the cores however few there are; the listing
    # pages are one worker's (each card rendered by one worker, not by each); the rest goes in chunks.
    made = ordered_map(
        make_unit,
        units,
        min_parallel=2 if groups else MIN_PARALLEL,
        together=lambda unit: unit[0].group is None and _shows_cards(unit[0]),
        alone=lambda unit: unit[0].group is not None,
    )
    results = ((a, r) for unit, out in zip(units, made, strict=True) for a, r in zip(unit, out, strict=True))
    waiting: Cache | None = staging.cache  # what it keeps back is written once the workers are at work
    for artifact, (made_print, failure) in results:
        if waiting is not None:  # the first result is in: from here this process only waits for the workers
            waiting.flush()
            waiting = None
        staging.mark(artifact.path)
        if fused is not None and made_print is not None:
            fused[artifact.path] = made_print
        if failure is not None and failure.startswith(f"{PhotoError.__name__}: "):
            if artifact.owner.name not in refused:
                refused.add(artifact.owner.name)
                message, hint = (Msg.load(m) for m in json.loads(failure.split(": ", 1)[1]))
                _photo_refused(fingerprints.site, artifact.owner.source or "stogen", message, hint, problems)
        elif failure is not None and failure.startswith(f"{TEMPLATE_FAILURE}: "):
            where, line, error = json.loads(failure.split(": ", 1)[1])
            if (where, line, error) not in broken_templates:  # one problem, not one per page of the template
                broken_templates.add((where, line, error))
                hint = msg("fix the template; nothing is published until every page renders")
                problems.error(where, line, "template", msg("{error}", error=error), hint)
        elif failure is not None:
            _cannot_make(artifact, failure, problems)
        if progress is not None and type(artifact.inputs) is PageJob:
            done += 1
            if done % 50 == 0 or done == pages:
                progress("rendering pages", done, pages)
    if problems.has_errors():  # the search index is never made of a build that is not published
        raise BuildFailed(problems)
    if fused is not None:
        current.update((a.path, fused[a.path]) for a in files)
    for bundle in (a for a in artifacts if a.is_bundle):
        current[bundle.path] = fingerprints.of_artifact(bundle, tuple(current[n] for n in bundle.needs))
    _make_bundles([a for a in artifacts if a.is_bundle and previous.get(a.path) != current[a.path]], staging, problems)
    if problems.has_errors():
        raise BuildFailed(problems)
    return staging.commit(current)


def _shows_cards(artifact: Artifact) -> bool:
    """A page that is not an item's own: a listing (news, a topic, a profile, a region's home), which shows items'
    cards. A worker renders each card once (render/theme.py, remember_cards); spread over every worker, each
    card was rendered by each (0.9 s of CPU at 78 x 200)."""
    job = artifact.inputs
    return type(job) is PageJob and job.item is None


def _make_bundles(bundles: list[Artifact], staging: Staging, problems: Problems) -> None:
    """Make the stale bundles (the search index's shards), as many at once as there are cores, each into its
    folder in the staging folder.

    Each shard is indexed by a Pagefind process of its own, so threads suffice to keep the cores busy.
    """

    def make(bundle: Artifact) -> None:
        assert bundle.make_bundle is not None
        bundle.make_bundle(staging.locate, staging.bundle_folder(bundle.path))

    failed: dict[str, str] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers())) as pool:
        made = {pool.submit(make, bundle): bundle for bundle in bundles}
        for future in as_completed(made):
            bundle = made[future]
            try:
                future.result()
                staging.mark(bundle.path)
            except search.SearchIndexFailed as exc:
                failed[bundle.path] = str(exc)
    for path in sorted(failed):  # reported in a fixed order, whichever finished first
        hint = msg("set search: false to build without it")
        problems.error(
            "pagefind", None, "search", msg("indexing {path} failed: {failed}", path=path, failed=failed[path]), hint
        )


def _photo_refused(site: Site, rel: str, message: Msg, hint: Msg, problems: Problems) -> None:
    """Pixels broken past the headers (the survey could not see it): at the photo, and at each `image:` naming it."""
    problems.error(rel, None, "image", message, hint)
    for item in site.every():
        if item.photo is not None and item.photo.rel == rel:
            entry = item.entry
            where = site.config.root / entry.source.rel
            problems.error(
                where,
                entry.lines.get("image"),
                "image",
                msg("{image!r} {message}", image=entry.image, message=message),
                hint,
            )


TEMPLATE_FAILURE = "TemplateError"


def _template_failure(exc: jinja2.TemplateError, artifact: Artifact) -> tuple[str, int | None, str]:
    """Where a template went wrong (its file and line when Jinja knows them, else the page's template) and what."""
    where, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)  # a syntax error knows them
    if where is None:  # a rendering error: Jinja gives its frames the template's file; the innermost is the place
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml", ".txt")):
                where, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    if where is None:
        job = artifact.inputs
        where = f"templates/{job.template}" if isinstance(job, PageJob) else artifact.owner.name
    return str(where), line, str(exc.message or exc)


def _cannot_make(artifact: Artifact, failure: str, problems: Problems) -> None:
    where = artifact.owner.source or "stogen"
    problems.error(
        where,
        None,
        None,
        msg("could not make {url} ({name}): {failure}", url=artifact.url, name=artifact.owner.name, failure=failure),
        msg("check this file for unusual characters (control characters, very long lines), or report a bug in stogen"),
    )
