"""stogen serve: a live preview with drafts and future items, rebuilt and reloaded on every change."""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from typing import Any

from stogen.commands import root_of
from stogen.console import summary
from stogen.serve import SERVE_DIR, WATCHED, Preview

HELP = f"preview the site with drafts and future items; rebuilds and reloads on change (into {SERVE_DIR}/)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    from pathlib import Path

    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--now", help='fix "now" for scheduling (default: $STOGEN_NOW or the clock)')


def run(args: argparse.Namespace) -> int:
    from livereload import Server

    preview = Preview(root_of(args), now=args.now)
    _report(preview)

    def rebuild() -> None:
        _report(preview)

    server = Server(app=preview.app)
    for name in WATCHED:
        if (preview.root / name).exists():
            server.watch(str(preview.root / name), rebuild, delay=0)
    logging.getLogger("livereload").setLevel(logging.WARNING)  # we print what matters ourselves
    for sig in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: it is ignored when started in the background
        signal.signal(sig, _interrupt)
    print(f"serving http://{args.host}:{args.port}/ (drafts and future items shown; Ctrl-C stops)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # livereload catches it too; either way we stop quietly
        server.serve(host=args.host, port=args.port, restart_delay=0)
    print("stopped", file=sys.stderr)
    return 0


def _report(preview: Preview) -> None:
    result = preview.rebuild()
    if result is None and preview.failed is not None:
        print(preview.failed.report(), file=sys.stderr)
        print(f"build failed: {preview.failed.summary()}; the browser shows the problems", file=sys.stderr, flush=True)
    elif result is not None:
        problems = result.problems
        if len(problems):
            print(problems.report(), file=sys.stderr)
        print(
            summary(result.pages, result.feeds, result.files, result.seconds, result.output, problems.summary()),
            flush=True,
        )


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
