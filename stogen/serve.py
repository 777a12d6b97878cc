"""The preview server behind `stogen serve`: build, serve, watch, rebuild, reload the browser.

The preview is built with drafts and future items into `.stogen-serve/` in the repository (never into
public/, so serving cannot clobber a production build). A failed rebuild does not stop the server:
every page then shows the list of problems (file, line, message) until the next rebuild succeeds.
"""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from stogen.build import BuildResult, build
from stogen.problems import BuildFailed, Problems

SERVE_DIR = ".stogen-serve"
WATCHED = ("content", "regions", "themes", "newsletters", "stogen.yml")


@dataclass
class Preview:
    root: Path
    now: str | None = None
    failed: Problems | None = None
    result: BuildResult | None = None

    @property
    def out(self) -> Path:
        return self.root / SERVE_DIR

    def rebuild(self) -> BuildResult | None:
        """Build the preview; on a content error keep the last good pages and remember the problems."""
        try:
            self.result = build(self.root, now=self.now, drafts=True, future=True, output=self.out)
        except BuildFailed as exc:
            self.failed = exc.problems
            return None
        except TemplateError as exc:  # a theme edit in progress must not stop the server either
            self.failed = Problems(self.root)
            where = getattr(exc, "filename", None) or getattr(exc, "name", None) or "themes/"
            self.failed.error(where, getattr(exc, "lineno", None), "template", str(exc.message or exc))
            return None
        self.failed = None
        return self.result

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """A WSGI app: the built files (pretty URLs), or the error page while the last build failed."""
        path = environ.get("PATH_INFO") or "/"
        file = self._file(path)
        is_page = file is None or file.suffix == ".html"
        if self.failed is not None and is_page:
            return _respond(start_response, "500 Build Failed", "text/html", error_page(self.failed))
        if file is None:
            missing = self.out / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"<!doctype html><title>404</title><h1>404</h1>"
            return _respond(start_response, "404 Not Found", "text/html", body)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return _respond(start_response, "200 OK", kind, file.read_bytes())

    def _file(self, path: str) -> Path | None:
        rel = path.split("?", 1)[0].lstrip("/")
        out = self.out.resolve()
        for candidate in (rel, rel.rstrip("/") + "/index.html" if rel else "index.html"):
            target = (out / candidate).resolve()
            if target.is_file() and target.is_relative_to(out):  # never serve outside the preview folder
                return target
        return None


def _respond(start_response: Callable[..., Any], status: str, kind: str, body: bytes) -> list[bytes]:
    charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml", "javascript")) else ""
    start_response(status, [("Content-Type", kind + charset), ("Cache-Control", "no-store")])
    return [body]


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
