"""The command line: one verb per module in stogen/commands/, each a thin layer over the library."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from stogen import __version__
from stogen.commands import build as build_cmd
from stogen.commands import check as check_cmd
from stogen.commands import check_owner as check_owner_cmd
from stogen.commands import codeowners as codeowners_cmd
from stogen.commands import messages_setting
from stogen.commands import new as new_cmd
from stogen.commands import newsletter as newsletter_cmd
from stogen.commands import regio as regio_cmd
from stogen.commands import report as report_cmd
from stogen.commands import schema as schema_cmd
from stogen.commands import serve as serve_cmd
from stogen.core import messages

VERBS = {
    "build": build_cmd,
    "report": report_cmd,
    "new": new_cmd,
    "newsletter": newsletter_cmd,
    "check": check_cmd,
    "serve": serve_cmd,
    "schema": schema_cmd,
    "regio": regio_cmd,
    "codeowners": codeowners_cmd,
    "check-eigenaar": check_owner_cmd,
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
        p.add_argument(
            "--lang",
            choices=messages.LANGUAGES,
            help=f"the language of messages about content (default: ${messages.ENV}, "
            "`messages:` in stogen.yml, else nl)",
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    messages.choose(args.lang, messages_setting(Path(getattr(args, "root", None) or ".")))
    try:
        return int(VERBS[args.verb].run(args) or 0)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def run() -> None:
    """The `stogen` command: main(), then exit without tearing down the site model object by object.

    A large build leaves hundreds of megabytes of objects that a normal interpreter exit frees one by one
    (about a second at 78 regions x 200 articles); everything worth keeping is written and flushed by then.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
