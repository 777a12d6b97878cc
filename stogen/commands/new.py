"""stogen new: a new content file with correct front matter, named <date>-<slug>.md in the right folder."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from stogen.build.pipeline import resolve_now
from stogen.commands import root_of
from stogen.core.problems import Problems
from stogen.model.config import load_config
from stogen.model.entries import slugify
from stogen.model.fields import FieldError
from stogen.model.kinds import KINDS as CONTENT_KINDS

HELP = "make a new news item, event, webinar, page or newsletter with correct front matter"

# Accepted kind names (Dutch and English) -> (kind, folder inside content/ or regions/<slug>/).
KINDS = {name: (kind.name, kind.folder or "") for kind in CONTENT_KINDS.values() for name in kind.commands}
KINDS.update({"nieuwsbrief": ("newsletter", ""), "newsletter": ("newsletter", "")})


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=sorted(KINDS), metavar="KIND", help="nieuws, agenda, webinar, pagina, nieuwsbrief")
    p.add_argument("title", help="the title (for nieuwsbrief: the month, yyyy-mm)")
    p.add_argument("--regio", "--region", dest="region", help="the region's slug (folder in regions/); default central")
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")
    p.add_argument("--now", help="the date to use (default: $STOGEN_NOW or today)")


def front_matter(kind: str, title: str, day: str) -> str:
    """The front matter of a new file: only fields the schema accepts, with today's date."""
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [f"title: {quoted}", "# summary: één zin voor overzichten en zoekmachines (haal # weg)"]
    if kind == "article":
        lines.insert(1, f"date: {day}")
    elif kind == "event":
        lines[1:1] = [f'start: "{day} 10:00"', f'end: "{day} 12:00"', "location: Plaats, adres"]
    elif kind == "webinar":
        lines[1:1] = [f'start: "{day} 15:30"', "duration: 60"]
    body = "Schrijf hier de tekst.\n"
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    kind, folder = KINDS[args.kind]
    if kind == "newsletter":
        return _newsletter(root, args.title)
    problems = Problems(root)
    config = load_config(root, problems)
    if config is None:
        print(problems.report(), file=sys.stderr)
        return 1
    try:
        day = resolve_now(args.now, config.tz).date().isoformat()
    except FieldError as exc:
        print(f"--now: {exc.message}", file=sys.stderr)
        return 1
    base = root / "content"
    if args.region:
        base = root / "regions" / args.region
        if not (base / "region.yml").is_file():
            return _unknown_region(root, args.region)
    slug = slugify(args.title)
    if not slug:
        print(f"cannot make a file name from the title {args.title!r}; use letters or digits", file=sys.stderr)
        return 1
    name = f"{slug}.md" if kind == "page" else f"{day}-{slug}.md"
    path = base / folder / name if folder else base / name
    rel = path.relative_to(root).as_posix()
    if path.exists():
        print(f"{rel} already exists; not overwriting it (choose another title, or edit that file)", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front_matter(kind, args.title, day), "utf-8")
    print(rel)
    return 0


def _newsletter(root: Path, month: str) -> int:
    from stogen.model.newsletters import scaffold_newsletter

    try:
        path = scaffold_newsletter(root, month)
    except ValueError as exc:
        print(f"{exc}; not overwriting it" if "exists" in str(exc) else str(exc), file=sys.stderr)
        return 1
    print(path.relative_to(root).as_posix())
    return 0


def _unknown_region(root: Path, slug: str) -> int:
    known = sorted(p.parent.name for p in (root / "regions").glob("*/region.yml"))
    close = difflib.get_close_matches(slug, known, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}?" if close else "known regions: " + ", ".join(known)
    print(f"--regio: unknown region {slug!r}\n    hint: {hint}", file=sys.stderr)
    return 1
