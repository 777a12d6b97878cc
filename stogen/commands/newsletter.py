"""stogen newsletter <yyyy-mm>: the email HTML and its text part, ready to import into the mail service."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stogen.commands import add_format_argument, print_problems, root_of
from stogen.core.messages import msg
from stogen.core.problems import BuildFailed

if TYPE_CHECKING:
    from stogen.tools.newsletter import Made

HELP = "make a newsletter edition (email.html and email.txt) in newsletter-out/<edition>/, and send a test"
DEFAULT_OUT = "newsletter-out"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "month",
        metavar="EDITION",
        help="the month, like 2026-11 (reads newsletters/2026-11.md), or an extra edition like 2026-11-sto-dag",
    )
    p.add_argument("--out", type=Path, help=f"the folder to write to (default: {DEFAULT_OUT}/<edition>/)")
    p.add_argument(
        "--test-naar",
        "--test-to",
        dest="test_to",
        action="append",
        metavar="ADDRESS",
        help="also send the email to this address as a test (SMTP server from STOGEN_SMTP_*; see docs/newsletter.md)",
    )
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
        print(msg("newsletter failed: {summary}; nothing written", summary=failed.problems.summary()), file=sys.stderr)
        return 1
    out = (args.out if args.out is not None else root / DEFAULT_OUT / args.month).resolve()
    write_atomic(out, {"email.html": made.email.html, "email.txt": made.email.text})
    print_problems(made.problems, args.format)
    issue = made.issue
    print(
        f"newsletter {issue.edition}: {issue.news_count} news items, {len(issue.webinars) + len(issue.recordings)} "
        f"webinars, {len(issue.events)} events, {len(issue.blocks)} blocks; "
        f"email.html {made.email.size:,} bytes, email.txt {len(made.email.text.encode()):,} bytes "
        f"({len(made.problems.warnings)} warnings) -> {out}"
    )
    return _send_test(made, args.test_to) if args.test_to else 0


def _send_test(made: Made, recipients: list[str]) -> int:
    import smtplib

    from stogen.tools.mail import MailSettingsError, send, smtp_settings, test_message

    try:
        settings = smtp_settings(made.config)
    except MailSettingsError as exc:
        print(f"test not sent: {exc}", file=sys.stderr)
        return 1
    message = test_message(made.config, made.issue, made.email, settings.sender, recipients)
    try:
        send(message, settings)
    except (smtplib.SMTPException, OSError) as exc:
        print(f"test not sent: {settings.host}:{settings.port} answered {exc}", file=sys.stderr)
        return 1
    print(f"test sent to {', '.join(recipients)} through {settings.host}:{settings.port}")
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
