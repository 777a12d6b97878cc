"""stogen build: the whole site into the output folder, or nothing at all."""

from __future__ import annotations

import argparse
import sys

from stogen.build.pipeline import build
from stogen.commands import add_format_argument, add_site_arguments, keep_until_exit, print_problems, root_of
from stogen.commands.console import Progress, summary
from stogen.core.messages import msg
from stogen.core.problems import BuildFailed

HELP = "build the site into the output folder (public/ by default)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_site_arguments(p)
    add_format_argument(p)
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore and do not update .stogen-cache/ (a clean build; the output is the same)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        result = build(
            root_of(args),
            now=args.now,
            drafts=args.drafts,
            future=args.future,
            use_cache=not args.no_cache,
            progress=Progress(),
        )
    except BuildFailed as failed:
        print_problems(failed.problems, args.format)
        failed_line = msg(
            "build failed: {summary}; the previous output is unchanged", summary=failed.problems.summary()
        )
        print(failed_line, file=sys.stderr)
        return 1
    keep_until_exit(result)
    print_problems(result.problems, args.format)
    print(summary(result.pages, result.feeds, result.files, result.seconds, result.output, result.problems.summary()))
    return 0
