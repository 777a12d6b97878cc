"""stogen serve: a live preview with drafts and future items, updated and reloaded on every change."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from stogen.commands import root_of
from stogen.commands.console import summary
from stogen.core.messages import msg
from stogen.tools.serve import EVENTS_PATH, SERVE_DIR, WATCHED, Preview, changed_paths_need_build

HELP = f"preview the site with drafts and future items; updates and reloads on change (into {SERVE_DIR}/)"
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream, so a closed tab is noticed


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--now", help='fix "now" for scheduling (default: $STOGEN_NOW or the clock)')


def run(args: argparse.Namespace) -> int:
    import watchfiles

    preview = Preview(root_of(args), now=args.now)
    _report(preview)
    server = ThreadingHTTPServer((args.host, args.port), _handler(preview))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: it is ignored when started in the background
        signal.signal(sig, lambda signum, frame: stop.set())
    print(f"serving http://{args.host}:{args.port}/ (drafts and future items shown; Ctrl-C stops)", flush=True)
    watched = [str(preview.root / name) for name in WATCHED if (preview.root / name).exists()]
    for changes in watchfiles.watch(
        *watched,
        watch_filter=_Visible(preview.root),
        step=20,  # ms of quiet after a change before acting on it: one save can be several events
        stop_event=stop,
        raise_interrupt=False,
        rust_timeout=500,
        yield_on_timeout=False,
    ):
        _update(preview, {Path(path) for _, path in changes})
    server.shutdown()
    print("stopped", file=sys.stderr)
    return 0


# How long the build after a change waits for an open tab to load the changed page first (seconds).
RELOAD_FIRST = 0.5


def _update(preview: Preview, paths: set[Path]) -> None:
    started = time.perf_counter()
    if not changed_paths_need_build(preview.root, paths) and preview.patch(paths):
        preview.announce()
        names = ", ".join(sorted(preview.rel(p) for p in paths))
        print(f"updated {names} in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        preview.wait_for_reload(RELOAD_FIRST)
        _report(preview)  # then the files on disk: feeds, the search index, the sitemap
        if preview.failed is not None:  # a problem only the whole build finds: show it
            preview.announce()
    else:
        _report(preview)
        preview.announce()


class _Visible:
    """Changes worth a look: not in hidden folders or files (editor swap files, .git), which stogen never reads."""

    def __init__(self, root: Path) -> None:
        import watchfiles

        self.root = root.resolve()
        self.default = watchfiles.DefaultFilter()

    def __call__(self, change: Any, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(self.root).parts
        except ValueError:
            return False
        return self.default(change, path) and not any(part.startswith(".") for part in parts)


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def _answer(self, with_body: bool) -> None:
            path = unquote(self.path)
            if path.split("?", 1)[0] == EVENTS_PATH:
                self._events()
                return
            status, kind, body = preview.respond(path)
            text = kind.startswith("text/") or kind.endswith(("json", "xml", "javascript"))
            self.send_response(status)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if text else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if with_body:
                self.wfile.write(body)
            if kind == "text/html":
                preview.served.set()

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = preview.generation
            with preview.changed:
                preview.listening += 1
            try:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
                while True:
                    now = preview.wait_for_change(seen, KEEP_ALIVE)
                    self.wfile.write(b"data: reload\n\n" if now != seen else b": still here\n\n")
                    self.wfile.flush()
                    seen = now
            except (BrokenPipeError, ConnectionResetError):
                return
            finally:
                with preview.changed:
                    preview.listening -= 1
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            pass  # stogen prints what matters itself

    return Handler


def _report(preview: Preview) -> None:
    result = preview.rebuild()
    if result is None and preview.failed is not None:
        print(preview.failed.report(), file=sys.stderr)
        failed = msg("build failed: {summary}; the browser shows the problems", summary=preview.failed.summary())
        print(failed, file=sys.stderr, flush=True)
    elif result is not None:
        problems = result.problems
        if len(problems):
            print(problems.report(), file=sys.stderr)
        print(
            summary(result.pages, result.feeds, result.files, result.seconds, result.output, problems.summary()),
            flush=True,
        )
