"""The preview behind `stogen serve`: build, serve, watch, update, reload the browser.

The preview is built with drafts and future items into `.stogen-serve/` in the repository (never into
public/, so serving cannot clobber a production build). HTML pages are rendered on request from the site
model held in memory, so a page is always as fresh as the model; every other file (feeds, calendars, images,
the search index) is served from the built folder.

When a file changes:
- an edit to a Markdown file that leaves it where it was (the same URL, publication state, image and slides:
  its text, title, date or tags may change) is applied to a new model made from the old one: the item is
  replaced, its body rendered again when it changed, the collections sorted and the pages planned again, and
  the browser reloads at once. A full incremental build then follows, to bring the files on disk (feeds, search
  index) up to date and to check what only the whole build checks;
- any other change (a new, moved or deleted file, region.yml, the theme, stogen.yml) runs the incremental build
  first, then reloads.
A failed build does not stop the server: every page then shows the list of problems (file, line, message)
until the next build succeeds.

Browsers are told to reload over Server-Sent Events (/_stogen/events); the script that listens is added
to every HTML page served.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import mimetypes
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from jinja2 import TemplateError

from stogen.build.pipeline import BuildResult, build, plan_pages
from stogen.core.messages import language, msg
from stogen.core.problems import BuildFailed, Problems
from stogen.model import urls
from stogen.model.links import LinkTable
from stogen.model.loader import REGION_FILE, REGIONS_DIR, load_markdown_file
from stogen.model.records import Entry, Page, Region
from stogen.model.regions import check_regions_together, load_region
from stogen.model.site import Body, Item, Site, is_published
from stogen.outputs.jobs import PageJob
from stogen.outputs.pages import render_job
from stogen.render.bodies import rendered_body

SERVE_DIR = ".stogen-serve"
WATCHED = ("content", "regions", "themes", "newsletters", "stogen.yml")
EVENTS_PATH = "/_stogen/events"
RELOAD_SCRIPT = (
    b"<script>new EventSource('" + EVENTS_PATH.encode() + b"').onmessage = () => location.reload();</script>"
)


@dataclass
class Preview:
    root: Path
    now: str | None = None
    failed: Problems | None = None
    result: BuildResult | None = None
    pages: dict[str, PageJob] = field(default_factory=dict)  # output path -> the job that renders it
    gone: set[str] = field(default_factory=set)  # pages deleted since the last build, still on disk until it ends
    generation: int = 0  # goes up on every change the browser should see
    changed: threading.Condition = field(default_factory=threading.Condition)
    listening: int = 0  # browser tabs with the reload stream open (under `changed`)
    served: threading.Event = field(default_factory=threading.Event)  # a page answered since the last announce()
    lock: threading.RLock = field(default_factory=threading.RLock)  # the model is replaced or patched under it

    @property
    def out(self) -> Path:
        return self.root / SERVE_DIR

    def rel(self, path: Path) -> str:
        """A changed path as a repository-relative path ("" when it is not in the repository)."""
        try:
            return path.relative_to(self.root).as_posix() if path.is_absolute() else path.as_posix()
        except ValueError:
            return ""

    def rebuild(self) -> BuildResult | None:
        """Build the preview; on a content error keep the last good files and remember the problems."""
        try:
            result = build(self.root, now=self.now, drafts=True, future=True, output=self.out)
        except BuildFailed as exc:
            with self.lock:
                self.failed = exc.problems
            return None
        except TemplateError as exc:  # a theme edit in progress must not stop the server either
            problems = Problems(self.root)
            where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "themes/"
            error = msg("{error}", error=str(exc.message or exc))
            hint = msg("fix the template and save; this page reloads by itself")
            problems.error(where, getattr(exc, "lineno", None), "template", error, hint)
            with self.lock:
                self.failed = problems
            return None
        with self.lock:
            self.result = result
            self.pages = {job.path: job for job in result.jobs}
            self.gone = set()
            self.failed = None
        return result

    def patch(self, paths: Iterable[Path]) -> bool:
        """Apply changes to Markdown files by swapping in a new model; False when a build is needed.

        Three changes qualify: an edit that leaves a file where it was (the same URL, published as before, the
        same image and slides: a title, a date, tags or the text may change), a new file that takes a URL no item
        has, and a deleted file; each body must render without problems. The new items make a new site, whose
        collections are sorted again and whose pages are planned again. The build that follows checks everything
        else (links, collisions, feeds) and replaces this model with its own.
        """
        result = self.result
        if result is None or self.failed is not None or result.theme is None:
            return False
        site = result.site
        by_source = {i.entry.source.rel: i for i in site.every()}
        links = functools.cache(lambda: LinkTable.of_site(site))  # only a body rendered again needs it
        new: dict[int, Item] = {}
        added: list[Item] = []
        removed: set[int] = set()
        regions: dict[str, Region] = {}
        for path in paths:
            rel = self.rel(path)
            if rel.startswith(REGIONS_DIR + "/") and rel.endswith("/" + REGION_FILE) and rel.count("/") == 2:
                region = self._load_region(path, rel)
                if region is None:
                    return False
                regions[region.slug] = region
                continue
            item = by_source.get(rel)
            if item is not None and not path.exists() and any(i is item for i in site.items):
                removed.add(id(item))
                continue
            entry = self._load(path, rel)
            if entry is None:
                return False
            if item is None:
                one = _new_item(entry, site, links)
                if one is None:
                    return False
                added.append(one)
                continue
            if not _stays_in_place(item, entry, site):
                return False
            body = (
                _body(entry, links)
                if (entry.body, entry.body_line) != (item.entry.body, item.entry.body_line)
                else item.body
            )
            if body is None:
                return False
            new[id(item)] = dataclasses.replace(item, entry=entry, body=body)
        if not (new or added or removed or regions):
            return False
        patched = site.with_items(new, added, removed)
        if regions:
            patched = patched.with_regions(regions)  # the items of those regions point at their new Region
        jobs = plan_pages(patched, result.theme, result.jobs)  # unchanged items keep their pages' jobs
        with self.lock:
            self.result = dataclasses.replace(result, site=patched, jobs=jobs)
            self.pages = {job.path: job for job in jobs}
            self.gone |= {urls.output_path(i.url) for i in site.items if id(i) in removed}
        return True

    def _load_region(self, path: Path, rel: str) -> Region | None:
        """A changed region.yml read again, when the region exists and it has no problem alone or with the others."""
        assert self.result is not None
        site = self.result.site
        slug = rel.split("/")[1]
        if slug not in site.regions or not path.is_file():
            return None
        problems = Problems(self.root)
        region = load_region(slug, path, rel, site.config.tz, problems)
        if region is not None:
            check_regions_together({**site.regions, slug: region}, problems)
        return None if region is None or len(problems) else region

    def _load(self, path: Path, rel: str) -> Entry | None:
        """A changed Markdown file read again; None when it is gone or has any problem (the build reports it)."""
        if not path.is_file():
            return None
        assert self.result is not None
        problems = Problems(self.root)
        entry = load_markdown_file(self.root, rel, self.result.site.config.tz, problems)
        return None if entry is None or len(problems) else entry

    def announce(self) -> None:
        """Tell every open browser tab to reload."""
        with self.changed:
            self.served.clear()
            self.generation += 1
            self.changed.notify_all()

    def wait_for_reload(self, timeout: float) -> bool:
        """Until a page is answered after announce() (an open tab reloading), at most `timeout` seconds, when a
        tab listens: the build that follows a change then starts after the page is served instead of taking the
        interpreter and the cores from it (save to page served at 78 x 200: up to 350 ms when they overlapped)."""
        with self.changed:
            if not self.listening:
                return False
        return self.served.wait(timeout)

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen, timeout)
            return self.generation

    def respond(self, url_path: str) -> tuple[HTTPStatus, str, bytes]:
        """Status, content type and body for a request: a page rendered from the model, a built file, or the
        error page while the last build failed."""
        rel = url_path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        with self.lock:
            job = self._job(rel)
            if self.failed is not None and (job is not None or not rel or rel.endswith((".html", "/"))):
                return HTTPStatus.INTERNAL_SERVER_ERROR, "text/html", _with_reload(error_page(self.failed))
            if job is not None:
                return HTTPStatus.OK, "text/html", self._render(job)
        file = self._file(rel)
        if file is not None and file.relative_to(self.out.resolve()).as_posix() in self.gone:
            file = None
        if file is not None:
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            body = file.read_bytes()
            return HTTPStatus.OK, kind, _with_reload(body) if kind == "text/html" else body
        with self.lock:
            missing = self.pages.get("404.html")
            body = self._render(missing) if missing is not None else b"<!doctype html><title>404</title><h1>404</h1>"
        return HTTPStatus.NOT_FOUND, "text/html", body

    def _job(self, rel: str) -> PageJob | None:
        if not rel or rel.endswith("/"):
            return self.pages.get(rel + "index.html")
        job = self.pages.get(rel)
        if job is None and "." not in rel.rsplit("/", 1)[-1]:  # /over-sto without its slash
            job = self.pages.get(rel + "/index.html")
        return job

    def _render(self, job: PageJob) -> bytes:
        assert self.result is not None and self.result.theme is not None
        return _with_reload(render_job(self.result.theme, self.result.site, job).encode("utf-8"))

    def _file(self, rel: str) -> Path | None:
        out = self.out.resolve()
        for candidate in (rel, rel.rstrip("/") + "/index.html" if rel else "index.html"):
            target = (out / candidate).resolve()
            if target.is_file() and target.is_relative_to(out):  # never serve outside the preview folder
                return target
        return None


def _body(entry: Entry, table: Callable[[], LinkTable]) -> Body | None:
    """An entry's body rendered with the site's links; None when it has a problem (the build reports it)."""
    return rendered_body(entry, table())


def _new_item(entry: Entry, site: Site, links: Callable[[], LinkTable]) -> Item | None:
    """The item a new file makes, when it is an ordinary published item at a URL nobody has; else None (a build).

    Region intros, files that name an image or slides, and central files under /regio/ go through the build."""
    url = urls.entry_url(entry)
    published, is_draft, is_scheduled = is_published(entry, site.options)
    region = site.regions.get(entry.region) if entry.region else None
    if not published or (entry.region and region is None) or getattr(entry, "image", None):
        return None
    if getattr(entry, "slides", None) or (isinstance(entry, Page) and entry.path == ""):
        return None
    if entry.region is None and url.startswith("/" + urls.REGIONS + "/"):
        return None
    if any(i.url == url for i in site.every()):
        return None
    body = _body(entry, links)
    return None if body is None else Item(entry, url, region, body, None, None, is_draft, is_scheduled)


def _stays_in_place(item: Item, entry: Entry, site: Site) -> bool:
    """Whether an edited entry keeps its item's place: URL, publication state, region and the files it names."""
    if type(entry) is not type(item.entry) or entry.region != item.entry.region:
        return False
    if urls.entry_url(entry) != item.url:
        return False
    if is_published(entry, site.options) != (True, item.is_draft, item.is_scheduled):
        return False
    return all(getattr(entry, f, None) == getattr(item.entry, f, None) for f in ("image", "slides", "aliases"))


def _with_reload(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page[:at] + RELOAD_SCRIPT + page[at:] if at >= 0 else page + RELOAD_SCRIPT


def changed_paths_need_build(root: Path, paths: Iterable[Path]) -> bool:
    """Whether a set of changed files can only be handled by a build (anything but Markdown files and region.yml)."""
    for path in paths:
        try:
            rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
        except ValueError:
            return True
        region_file = rel.startswith(REGIONS_DIR + "/") and rel.endswith("/" + REGION_FILE) and rel.count("/") == 2
        if not region_file and (not rel.endswith(".md") or not rel.startswith(("content/", "regions/"))):
            return True
    return False


def error_page(problems: Problems, lang: str | None = None) -> bytes:
    """The problems of a failed build as a page in the run's language; everything from the content is escaped."""
    lang = lang or language()
    hint = msg("hint").text(lang)
    rows = "\n".join(
        "<li><code>{}</code>{}<br>{}{}</li>".format(
            html.escape(p.location()),
            f" <strong>{html.escape(p.field)}</strong>" if p.field else "",
            html.escape(p.text(lang)),
            f"<br><em>{hint}: {html.escape(p.hint.text(lang))}</em>" if p.hint else "",
        )
        for p in problems.errors
    )
    title = msg("Build failed - stogen serve").text(lang)
    heading = msg("The build failed: {summary}", summary=problems.summary(lang)).text(lang)
    advice = msg("Fix these and save; this page reloads by itself.").text(lang)
    page = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
li{{margin:0 0 1rem}} code{{background:#f3f3f3;padding:0 .25rem}}</style>
</head><body><h1>{html.escape(heading)}</h1>
<p>{html.escape(advice)}</p>
<ol>
{rows}
</ol></body></html>
"""
    return page.encode("utf-8")
