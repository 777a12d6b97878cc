"""stogen check: everything the build validates, plus links, anchors, images and titles in the built pages."""

from __future__ import annotations

import argparse
import sys

from stogen.commands import add_format_argument, add_site_arguments, print_problems, root_of
from stogen.commands.console import Progress
from stogen.core.messages import msg

HELP = "build into a temporary folder and check links, anchors, images, alt texts and titles (public/ untouched)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_site_arguments(p)
    add_format_argument(p)
    p.add_argument("--external", action="store_true", help="also fetch external links (HEAD, then GET)")


def run(args: argparse.Namespace) -> int:
    from stogen.tools.check import check_site  # BeautifulSoup is loaded only for this verb

    progress = Progress()
    problems = check_site(root_of(args), args.now, args.drafts, args.future, external=args.external, progress=progress)
    print_problems(problems, args.format)
    summary = problems.summary()
    failed = problems.has_errors()
    verdict = (
        msg("check failed: {summary}", summary=summary) if failed else msg("check passed: {summary}", summary=summary)
    )
    print(verdict, file=sys.stderr)
    return 1 if problems.has_errors() else 0
