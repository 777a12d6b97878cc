"""stogen check-eigenaar: fail a pull request in which a region's editor changes files outside their region.

In CI: `git diff --no-renames --name-only BASE...HEAD | stogen check-eigenaar --auteur LOGIN --bestanden -`
(see .github/workflows/check.yml). Central reviewers (stogen.yml `reviewers`) may change anything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stogen.commands import root_of
from stogen.tools.codeowners import check_pull_request

HELP = "pull-request check: a region's editor may change only files in their own region's folder"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--auteur", required=True, help="the GitHub account that opened the pull request")
    p.add_argument(
        "--bestanden",
        required=True,
        help="a file with the changed paths, one per line (- : standard input), e.g. from git diff --name-only",
    )
    p.add_argument("--format", choices=["text", "github"], default="text", help="github: annotations for Actions")
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")


def run(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.bestanden == "-" else Path(args.bestanden).read_text("utf-8")
    changed = [line.strip() for line in text.splitlines() if line.strip()]
    who, outside = check_pull_request(root_of(args), args.auteur, changed)
    if not outside:
        print(f"{args.auteur} ({who}): every changed file may be changed by them")
        return 0
    own = ", ".join(f"regions/{slug}/" for slug in outside[0].regions)
    for o in outside:
        message = f"outside {own}: {args.auteur} is {who}"
        hint = "a region's editors change their own folder only; ask the central editors (stogen.yml reviewers)"
        if args.format == "github":
            print(f"::error file={_property(o.path)},title=check-eigenaar::{_data(f'{message}. {hint}')}")
        else:
            print(f"{o.path}: {message}\n    hint: {hint}", file=sys.stderr)
    print(f"check-eigenaar failed: {len(outside)} file(s) outside {own}", file=sys.stderr)
    return 1


# GitHub's workflow-command escaping: a file name in a pull request is chosen by its author, and must not be able
# to end the annotation and start another command.
def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
