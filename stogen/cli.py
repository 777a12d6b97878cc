"""The command line: one verb per module in stogen/commands/, each a thin layer over the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from stogen import __version__
from stogen.commands import build as build_cmd

VERBS = {
    "build": build_cmd,
}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stogen",
        description="Build the Sterk Techniekonderwijs website from Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"stogen {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="COMMAND", required=True)
    for name, module in VERBS.items():
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(VERBS[args.verb].run(args) or 0)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
