"""One module per CLI verb: HELP, add_arguments(parser) and run(args) -> exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stogen.core.problems import Problems
from stogen.core.yamlsource import YamlError, parse_yaml
from stogen.model.config import CONFIG_FILE

_KEPT: list[object] = []


def keep_until_exit(value: object) -> None:
    """Hold a command's large result (a build's site model) until the process ends.

    The `stogen` command ends with os._exit() (cli.run), so what is held here is never freed object by object;
    a result dropped when its command returns would be (0.1 s at 78 x 200, a twentieth of an edit's build).
    Only the latest is held, so callers of cli.main() in one process (the tests) do not pile them up.
    """
    _KEPT[:] = [value]


def add_site_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")
    p.add_argument(
        "--now",
        help='fix "now" for scheduling, e.g. 2026-11-28 or "2026-11-28 09:00" '
        "(default: $STOGEN_NOW, $SOURCE_DATE_EPOCH or the clock)",
    )
    p.add_argument("--drafts", action="store_true", help="include drafts")
    p.add_argument("--future", action="store_true", help="include news dated in the future")


def add_format_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="how problems are printed (github: annotations for GitHub Actions)",
    )


def print_problems(problems: Problems, fmt: str = "text") -> None:
    if len(problems):
        print(problems.report(fmt), file=sys.stderr if fmt == "text" else sys.stdout)


def messages_setting(root: Path) -> str | None:
    """`messages:` in the site's stogen.yml, read leniently (before the configuration is checked): a broken file
    is reported by the command itself, in the default language."""
    try:
        data = parse_yaml((root / CONFIG_FILE).read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, YamlError):
        return None
    value = data.get("messages") if isinstance(data, dict) else None
    return value.strip().lower() if isinstance(value, str) else None


def root_of(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()
