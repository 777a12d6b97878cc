"""The pipeline: load -> check -> assemble -> render -> write aside -> swap."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from stogen import markdown
from stogen.config import Config, load_config
from stogen.content.fields import FieldError, parse_moment
from stogen.content.loader import load_sources
from stogen.outputs import OutputFile, RenderContext, pages, static
from stogen.outputs.pages import PageJob
from stogen.parallel import ordered_map
from stogen.problems import BuildFailed, Problems
from stogen.site import Item, Options, Site, assemble
from stogen.theme import Theme
from stogen.writer import NotOurs, write_site

NOW_ENV = "STOGEN_NOW"

# The HTML pages of the site: each planner returns PageJobs from the site model.
PLANNERS = [pages.plan]
# Everything written: each writer yields OutputFiles from the site, the theme and the planned pages.
WRITERS = [pages.write, static.write]


@dataclass
class BuildResult:
    site: Site
    problems: Problems
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    output: Path | None = None
    jobs: list[PageJob] = field(default_factory=list)


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
    root: Path, problems: Problems, now: str | None = None, drafts: bool = False, future: bool = False
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
    sources = load_sources(root, config.tz, problems)
    site = assemble(config, sources, Options(now=at, drafts=drafts, future=future), problems)
    theme = Theme(config)
    render_bodies(site, problems)
    return config, site, theme


def render_bodies(site: Site, problems: Problems) -> None:
    """Render every Markdown body once, resolving links against the site's URLs."""
    entry_urls = {i.entry.source.rel: i.url for i in site.items}
    entry_urls.update({i.entry.source.rel: i.url for i in site.region_intros.values()})
    if site.home:
        entry_urls[site.home.entry.source.rel] = "/"

    def resolve(kind: str, rel: str) -> str | None:
        return entry_urls.get(rel) if kind == "entry" else site.assets.get(rel)

    host = site.config.base_url.split("://", 1)[-1]
    items: list[Item] = [*site.items, *site.region_intros.values(), *([site.home] if site.home else [])]

    def render(item: Item) -> markdown.Rendered:
        entry = item.entry
        return markdown.render(entry.body, entry.source.rel, entry.body_line, resolve, host)

    for item, result in zip(items, ordered_map(render, items), strict=True):
        entry = item.entry
        item.html = result.html
        item.first_paragraph = result.first_paragraph
        for issue in result.issues:
            problems.error(entry.source.path, issue.line, "body", issue.message, issue.hint)


def build(root: Path, now: str | None = None, drafts: bool = False, future: bool = False) -> BuildResult:
    """Build the site into its output folder, or raise BuildFailed leaving the old output as it was."""
    started = time.perf_counter()
    problems = Problems(root)
    loaded = load_site(root, problems, now, drafts, future)
    if loaded is None:
        raise BuildFailed(problems)
    config, site, theme = loaded
    jobs = [job for planner in PLANNERS for job in planner(site, theme.strings)]
    for job in jobs:
        if job.item is None:
            site.claim(job.url, job.owner, problems)
    if problems.has_errors():
        raise BuildFailed(problems)
    ctx = RenderContext(site, theme, jobs)
    files: list[OutputFile] = [f for writer in WRITERS for f in writer(ctx)]
    try:
        count = write_site(config.output_path, files)
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
        files=count,
        seconds=time.perf_counter() - started,
        output=config.output_path,
        jobs=jobs,
    )
