"""stogen regio: rename, merge or split a region, keeping every URL it published (see docs/regions.md)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from stogen.build.pipeline import load_site, plan_outputs
from stogen.commands import print_problems, root_of
from stogen.core.messages import msg
from stogen.core.problems import Problems
from stogen.core.yamlsource import YamlError, parse_yaml
from stogen.tools import regionmove
from stogen.tools.codeowners import write_codeowners
from stogen.tools.regionmove import MoveError

HELP = "rename (hernoem), merge (voeg-samen) or split (splits) a region: moves files, rewrites links, keeps URLs"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    rename = sub.add_parser("hernoem", help="rename a region: hernoem OUD NIEUW")
    rename.add_argument("old", metavar="OUD", help="the region's slug now (its folder in regions/)")
    rename.add_argument("new", metavar="NIEUW", help="the new slug: lowercase letters, digits, hyphens")
    rename.add_argument("--naam", help="the region's new name (default: the name stays)")
    merge = sub.add_parser("voeg-samen", help="merge a region into another: voeg-samen VAN NAAR")
    merge.add_argument("source", metavar="VAN", help="the region that goes (its files move into NAAR)")
    merge.add_argument("target", metavar="NAAR", help="the region that stays")
    split = sub.add_parser("splits", help="split a region: splits OUD NIEUW1 NIEUW2 ... --verdeel verdeling.yml")
    split.add_argument("old", metavar="OUD", help="the region that is split (its address becomes a landing page)")
    split.add_argument("new", metavar="NIEUW", nargs="+", help="the new regions' slugs, as in the --verdeel file")
    split.add_argument(
        "--verdeel",
        type=Path,
        required=True,
        help="a YAML file: per new region its name, schools (location codes) and files (patterns), see docs",
    )
    for action in (rename, merge, split):
        action.add_argument("--datum", type=_day, help="date of the change, like 2026-08-01 (default: today)")
        action.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
        action.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: .)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it like 2026-08-01") from None


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    day = args.datum or date.today()
    try:
        if args.action == "hernoem":
            change = regionmove.plan_rename(root, args.old, args.new, day, args.naam)
        elif args.action == "voeg-samen":
            change = regionmove.plan_merge(root, args.source, args.target, day)
        else:
            change = regionmove.plan_split(root, args.old, _parts(args.verdeel, args.new), day)
    except MoveError as exc:
        print(f"regio {args.action}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(change.summary())
    if args.dry_run:
        print("dry run: nothing changed")
        return 0
    regionmove.apply(change)
    write_codeowners(root)
    return _check_after(root)


_PART_KEYS = ("name", "schools", "files", "penvoerder")


def _parts(path: Path, slugs: list[str]) -> dict[str, dict[str, Any]]:
    """The --verdeel file: per new region `name`, `schools` and `files`, optionally `penvoerder`.

    Every mistake in it is reported together, as `path:line: field: message` with a hint (MoveError).
    """
    problems = Problems(Path.cwd())
    try:
        doc = parse_yaml(path.read_text("utf-8"))
    except OSError as exc:
        raise MoveError(f"cannot read {path}: {exc.strerror}") from None
    except YamlError as exc:
        raise MoveError(f"{path}:{exc.line}: invalid YAML: {exc.message}") from None
    data = doc.data if isinstance(doc.data, dict) else {}
    parts: dict[str, dict[str, Any]] = {}
    for key in data:
        if key not in slugs:
            problems.error(
                path,
                doc.line(key),
                str(key),
                msg("is not one of the new regions"),
                msg("list: {names}", names=", ".join(slugs)),
            )
    for slug in slugs:
        part = data.get(slug)
        if not isinstance(part, dict):
            problems.error(path, doc.line(slug) or 1, slug, msg("is missing"), msg("write its name, schools and files"))
            continue
        for key in part:
            if key not in _PART_KEYS:
                problems.error(
                    path,
                    doc.line(slug, key),
                    f"{slug}.{key}",
                    msg("unknown field"),
                    msg("use {names}", names=", ".join(_PART_KEYS)),
                )
        for key in ("name", "schools", "files"):
            if not part.get(key):
                hint = {
                    "name": msg("the new region's name"),
                    "schools": msg("location codes, like [99TW01, 99TW04]"),
                    "files": msg('patterns, like ["nieuws/*"]'),
                }
                problems.error(
                    path,
                    doc.line(slug),
                    f"{slug}.{key}",
                    msg("is required"),
                    hint[key],
                )
        files = part.get("files") if isinstance(part.get("files"), list) else [part.get("files")]
        schools = part.get("schools") if isinstance(part.get("schools"), list) else [part.get("schools")]
        parts[slug] = {**part, "files": [str(f) for f in files if f], "schools": [str(c) for c in schools if c]}
    if len(problems):
        raise MoveError("the --verdeel file has mistakes:\n" + problems.report("text"))
    return parts


def _check_after(root: Path) -> int:
    """Load and plan the changed site like a build (no writing): what needs a hand is reported like a build's."""
    problems = Problems(root)
    loaded = load_site(root, problems)
    if loaded is not None and not problems.has_errors():
        plan_outputs(loaded[1], loaded[2], problems)  # routes and redirects: every old URL still leads somewhere
    print_problems(problems)
    if problems.has_errors():
        print(
            msg("the change is made, but the site has problems to fix: {summary}", summary=problems.summary()),
            file=sys.stderr,
        )
        return 1
    print("done; check the result with `stogen build` and commit it")
    return 0
