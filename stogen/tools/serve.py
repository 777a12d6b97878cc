"""The preview behind `stogen serve`: build, serve, watch, update, reload the browser.

The preview is built with drafts and future items into `.stogen-serve/` in the repository (never into
public/, so serving cannot clobber a production build). HTML pages are rendered on request from the site
model held in memory, so a page is always as fresh as the model; every other file (feeds, calendars, images,
the search index) is served from the built folder.

When a file changes:
- an edit to the text of one Markdown file (its front matter unchanged) is applied to the model in place:
  the body is rendered again and the browser reloads at once, in milliseconds even on a large site. A full
  incremental build then follows, to bring the files on disk (feeds, search index) up to date;
- any other change (front matter, a new or deleted file, region.yml, the theme, stogen.yml) runs the
  incremental build first, then reloads.
A failed build does not stop the server: every page then shows the list of problems (file, line, message)
until the next build succeeds.

Browsers are told to reload over Server-Sent Events (/_stogen/events); the script that listens is added
to every HTML page served.
"""

from __future__ import annotations

import dataclasses
import html
import mimetypes
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from jinja2 import TemplateError

from stogen.build.pipeline import BuildResult, build, plan_pages
from stogen.core.problems import BuildFailed, Problems
from stogen.model.links import LinkTable
from stogen.model.loader import load_markdown_file
from stogen.model.site import Body, Item
from stogen.outputs.jobs import PageJob
from stogen.outputs.pages import render_job
from stogen.render import markdown

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
    generation: int = 0  # goes up on every change the browser should see
    changed: threading.Condition = field(default_factory=threading.Condition)
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
            problems.error(where, getattr(exc, "lineno", None), "template", str(exc.message or exc))
            with self.lock:
                self.failed = problems
            return None
        with self.lock:
            self.result = result
            self.pages = {job.path: job for job in result.jobs}
            self.failed = None
        return result

    def patch(self, paths: Iterable[Path]) -> bool:
        """Apply edits to the text of Markdown files by swapping in a new model; False when a build is needed.

        Only a change to a body qualifies: the front matter (and so the URL, the dates, the place in every
        listing) must be exactly as it was, and the new text must render without problems. The new items make a
        new site, whose pages are planned again (no output is declared or claimed: no URL changed).
        """
        result = self.result
        if result is None or self.failed is not None or result.theme is None:
            return False
        site = result.site
        by_source = {i.entry.source.rel: i for i in site.every()}
        links = LinkTable.of_site(site)
        new: dict[int, Item] = {}
        for path in paths:
            rel = self.rel(path)
            item = by_source.get(rel)
            if item is None or not path.is_file():
                return False
            problems = Problems(self.root)
            entry = load_markdown_file(self.root, rel, site.config.tz, problems)
            if entry is None or len(problems):
                return False
            same_front_matter = dataclasses.replace(entry, source=item.entry.source, body=item.entry.body)
            if same_front_matter != item.entry:
                return False
            rendered = markdown.render(entry.body, rel, entry.body_line, links.resolve, links.host)
            if rendered.issues:
                return False
            body = Body(rendered.html, rendered.first_paragraph, rendered.digest)
            new[id(item)] = dataclasses.replace(item, entry=entry, body=body)
        if not new:
            return False
        patched = site.with_items(new)
        jobs = plan_pages(patched, result.theme)
        with self.lock:
            self.result = dataclasses.replace(result, site=patched, jobs=jobs)
            self.pages = {job.path: job for job in jobs}
        return True

    def announce(self) -> None:
        """Tell every open browser tab to reload."""
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

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


def _with_reload(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page[:at] + RELOAD_SCRIPT + page[at:] if at >= 0 else page + RELOAD_SCRIPT


def changed_paths_need_build(root: Path, paths: Iterable[Path]) -> bool:
    """Whether a set of changed files can only be handled by a build (anything but Markdown bodies)."""
    for path in paths:
        try:
            rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
        except ValueError:
            return True
        if not rel.endswith(".md") or not rel.startswith(("content/", "regions/")):
            return True
    return False


def error_page(problems: Problems) -> bytes:
    """The problems of a failed build as a page; everything from the content is escaped."""
    rows = "\n".join(
        "<li><code>{}</code>{}<br>{}{}</li>".format(
            html.escape(p.location()),
            f" <strong>{html.escape(p.field)}</strong>" if p.field else "",
            html.escape(p.message),
            f"<br><em>hint: {html.escape(p.hint)}</em>" if p.hint else "",
        )
        for p in problems.errors
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed - stogen serve</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
li{{margin:0 0 1rem}} code{{background:#f3f3f3;padding:0 .25rem}}</style>
</head><body><h1>The build failed: {html.escape(problems.summary())}</h1>
<p>Fix these and save; this page reloads by itself.</p>
<ol>
{rows}
</ol></body></html>
"""
    return page.encode("utf-8")
