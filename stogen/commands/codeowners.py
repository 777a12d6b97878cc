"""stogen codeowners: write .github/CODEOWNERS from the editors in region.yml and the reviewers in stogen.yml."""

from __future__ import annotations

import argparse
from pathlib import Path

from stogen.commands import root_of
from stogen.tools.codeowners import write_codeowners

HELP = "write .github/CODEOWNERS: each region's editors own its folder, the central reviewers own everything"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")


def run(args: argparse.Namespace) -> int:
    path = write_codeowners(root_of(args))
    print(path.relative_to(root_of(args)).as_posix())
    return 0
