"""stogen newsletter <yyyy-mm>: the email HTML and its text part, ready to import into the mail service."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stogen.commands import add_format_argument, print_problems, root_of
from stogen.core.problems import BuildFailed

HELP = "make the monthly newsletter (email.html and email.txt) in newsletter-out/<yyyy-mm>/"
DEFAULT_OUT = "newsletter-out"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("month", help="the month of the newsletter, like 2026-11 (reads newsletters/<month>.md)")
    p.add_argument("--out", type=Path, help=f"the folder to write to (default: {DEFAULT_OUT}/<month>/)")
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")
    p.add_argument(
        "--now",
        help='fix "now", e.g. "2026-11-28 09:00" (default: $STOGEN_NOW, $SOURCE_DATE_EPOCH or the clock)',
    )
    add_format_argument(p)


def run(args: argparse.Namespace) -> int:
    from stogen.tools.newsletter import make_newsletter  # css-inline and BeautifulSoup only for this verb

    root = root_of(args)
    try:
        made = make_newsletter(root, args.month, args.now)
    except BuildFailed as failed:
        print_problems(failed.problems, args.format)
        print(f"newsletter failed: {failed.problems.summary()}; nothing written", file=sys.stderr)
        return 1
    out = (args.out if args.out is not None else root / DEFAULT_OUT / args.month).resolve()
    write_atomic(out, {"email.html": made.email.html, "email.txt": made.email.text})
    print_problems(made.problems, args.format)
    issue = made.issue
    print(
        f"newsletter {issue.month}: {issue.news_count} news items, {len(issue.webinars) + len(issue.recordings)} "
        f"webinars, {len(issue.events)} events, {len(issue.blocks)} blocks; "
        f"email.html {made.email.size:,} bytes, email.txt {len(made.email.text.encode()):,} bytes "
        f"({len(made.problems.warnings)} warnings) -> {out}"
    )
    return 0


def write_atomic(folder: Path, files: dict[str, str]) -> None:
    """Write every file under a temporary name first, then rename them: no half-written part, no mixed pair."""
    folder.mkdir(parents=True, exist_ok=True)
    temps = {}
    for name, text in files.items():
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(text, "utf-8")
        temps[name] = tmp
    for name, tmp in temps.items():
        tmp.replace(folder / name)
