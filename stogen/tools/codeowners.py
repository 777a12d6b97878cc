"""Who may change what: CODEOWNERS from the editors in region.yml, and the pull-request check behind it.

GitHub asks the code owners of a path to review a change to it. The central reviewers (stogen.yml `reviewers`)
own everything; a region's editors (region.yml `editors`) own their region's folder as well. CODEOWNERS only
asks for reviews; `check_pull_request` is the check that fails a region editor's pull request touching
anything outside the folders of the regions they edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stogen.core.yamlsource import YamlError, parse_yaml
from stogen.model.regions import GITHUB_ACCOUNT

CODEOWNERS = ".github/CODEOWNERS"
HEADER = (
    "# Written by `stogen codeowners` from stogen.yml (reviewers) and regions/*/region.yml (editors).\n"
    "# Do not edit by hand: change those files and run `stogen codeowners` (a test checks this file is current).\n"
)


def _yaml(path: Path) -> dict:
    try:
        data = parse_yaml(path.read_text("utf-8")).data
    except (OSError, YamlError):
        return {}  # the build reports a broken file; ownership falls back to the central reviewers
    return data if isinstance(data, dict) else {}


def _accounts(value: object) -> list[str]:
    """Valid GitHub account names only: region.yml is written by regional editors, and a value with a line break
    or a pattern in it must never become a line of CODEOWNERS (the build reports such a value)."""
    items = value if isinstance(value, list) else [] if value is None else [value]
    names = [str(a).strip().removeprefix("@") for a in items]
    return [n for n in names if GITHUB_ACCOUNT.match(n)]


def reviewers(root: Path) -> list[str]:
    return _accounts(_yaml(root / "stogen.yml").get("reviewers"))


def editors(root: Path) -> dict[str, list[str]]:
    """Region slug -> its editors' GitHub accounts, by slug."""
    return {
        path.parent.name: _accounts(_yaml(path).get("editors"))
        for path in sorted((root / "regions").glob("*/region.yml"))
    }


def codeowners_text(root: Path) -> str:
    central = " ".join(f"@{a}" for a in reviewers(root))
    lines = [HEADER]
    if central:
        lines.append(f"* {central}\n")
    for slug, accounts in editors(root).items():
        if accounts:
            owners = " ".join([*(f"@{a}" for a in accounts), *([central] if central else [])])
            lines.append(f"/regions/{slug}/ {owners}\n")
    return "".join(lines)


def write_codeowners(root: Path) -> Path:
    path = root / CODEOWNERS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(codeowners_text(root), "utf-8")
    return path


@dataclass(frozen=True)
class Outside:
    path: str
    regions: tuple[str, ...]  # the regions the author edits


def check_pull_request(root: Path, author: str, changed: list[str]) -> tuple[str, list[Outside]]:
    """(what the author is, the changed paths outside their regions' folders); none for central reviewers."""
    who = author.removeprefix("@").lower()
    if who in (a.lower() for a in reviewers(root)):
        return "central reviewer", []
    own = tuple(slug for slug, accounts in editors(root).items() if who in (a.lower() for a in accounts))
    if not own:
        return "not a region editor", []
    allowed = tuple(f"regions/{slug}/" for slug in own)
    outside = [Outside(p, own) for p in sorted(set(changed)) if p and not p.startswith(allowed)]
    return "editor of " + ", ".join(own), outside
