"""The command line: one verb per module in stogen/commands/, each a thin layer over the library."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from stogen import __version__
from stogen.commands import messages_setting
from stogen.core import messages

# One module per verb in stogen/commands/, imported only when its verb runs (or for the overview of all):
# `stogen build` does not load the preview server, the newsletter's email tools or the report writer.
VERBS = {
    "build": "build",
    "report": "report",
    "new": "new",
    "newsletter": "newsletter",
    "check": "check",
    "serve": "serve",
    "schema": "schema",
    "regio": "regio",
    "codeowners": "codeowners",
    "check-eigenaar": "check_owner",
}


def command(verb: str) -> ModuleType:
    return importlib.import_module(f"stogen.commands.{VERBS[verb]}")


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every verb, or of `only` (the verb being run: the others' modules are not imported)."""
    parser = argparse.ArgumentParser(
        prog="stogen",
        description="Build the Sterk Techniekonderwijs website from Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"stogen {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="COMMAND", required=True)
    for name in [only] if only else VERBS:
        module = command(name)
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
    argv = list(sys.argv[1:] if argv is None else argv)
    args = make_parser(argv[0] if argv and argv[0] in VERBS else None).parse_args(argv)
    messages.choose(args.lang, messages_setting(Path(getattr(args, "root", None) or ".")))
    try:
        return int(command(args.verb).run(args) or 0)
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
