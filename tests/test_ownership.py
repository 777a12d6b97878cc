"""Ownership: CODEOWNERS from region.yml editors, and the pull-request check that keeps editors in their folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sitekit import REPO, base_files, make_site, stogen


def test_committed_codeowners_is_what_stogen_codeowners_writes(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(REPO / "regions", root / "regions")
    shutil.copy(REPO / "stogen.yml", root / "stogen.yml")
    result = stogen(root, "codeowners")
    assert result.returncode == 0, result.stderr
    written = (root / ".github/CODEOWNERS").read_text("utf-8")
    assert (REPO / ".github/CODEOWNERS").read_text("utf-8") == written, "run `stogen codeowners` and commit it"
    assert "/regions/twente/ @jan-voorbeeld @sto-redactie-centraal @sto-webteam\n" in written
    assert "* @sto-redactie-centraal @sto-webteam\n" in written


def test_the_workflow_runs_the_check_on_pull_requests() -> None:
    workflow = (REPO / ".github/workflows/check.yml").read_text("utf-8")
    assert "stogen check-eigenaar --root ../base" in workflow
    assert "git diff --exit-code .github/CODEOWNERS" in workflow


def _site(tmp_path: Path) -> Path:
    files = base_files()
    files["stogen.yml"] += "reviewers: [centraal]\n"
    files["regions/alpha/region.yml"] += "editors: ['@Anna-A', both]\n"
    files["regions/beta/region.yml"] += "editors: [bert, both]\n"
    return make_site(tmp_path / "s", files, theme=False)


def _check(root: Path, author: str, *paths: str, fmt: str = "text") -> subprocess.CompletedProcess[str]:
    """A simulated pull request: the changed paths on standard input, as the workflow pipes them from git diff."""
    argv = [sys.executable, "-m", "stogen", "check-eigenaar", "--auteur", author, "--bestanden", "-", "--format", fmt]
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run(argv, cwd=root, input="\n".join(paths) + "\n", capture_output=True, text=True, env=env)


def test_an_editor_may_change_their_own_region(tmp_path: Path) -> None:
    root = _site(tmp_path)
    result = _check(root, "anna-a", "regions/alpha/nieuws/2026-12-01-nieuw.md", "regions/alpha/images/foto.jpg")
    assert result.returncode == 0, result.stderr
    assert "anna-a (editor of alpha)" in result.stdout


def test_an_editor_outside_their_region_fails_naming_each_file(tmp_path: Path) -> None:
    root = _site(tmp_path)
    result = _check(root, "Anna-A", "regions/alpha/over-de-regio.md", "content/over-sto.md", "regions/beta/region.yml")
    assert result.returncode == 1
    assert "content/over-sto.md: outside regions/alpha/: Anna-A is editor of alpha" in result.stderr
    assert "regions/beta/region.yml: outside regions/alpha/" in result.stderr
    assert "regions/alpha/over-de-regio.md" not in result.stderr
    assert "hint: a region's editors change their own folder only" in result.stderr
    github = _check(root, "anna-a", "stogen.yml", "x,title=y::z", fmt="github")
    assert github.returncode == 1 and "::error file=stogen.yml,title=check-eigenaar::" in github.stdout
    assert "::error file=x%2Ctitle=y%3A%3Az,title=check-eigenaar::" in github.stdout  # a file name cannot inject


def test_codeowners_takes_only_real_account_names(tmp_path: Path) -> None:
    root = _site(tmp_path)
    yml = root / "regions/alpha/region.yml"
    yml.write_text(yml.read_text().replace("editors: ['@Anna-A', both]", 'editors: ["x\\n* @evil", anna]'))
    assert stogen(root, "codeowners").returncode == 0
    owners = (root / ".github/CODEOWNERS").read_text()
    assert "/regions/alpha/ @anna @centraal\n" in owners and "evil" not in owners


def test_editor_of_two_regions_and_central_reviewers(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert _check(root, "both", "regions/alpha/a.md", "regions/beta/b.md").returncode == 0
    assert _check(root, "both", "regions/gamma/c.md").returncode == 1
    result = _check(root, "centraal", "content/over-sto.md", "regions/alpha/region.yml", "stogen/cli.py")
    assert result.returncode == 0 and "central reviewer" in result.stdout
    result = _check(root, "iemand-anders", "content/over-sto.md")
    assert result.returncode == 0 and "not a region editor" in result.stdout  # CODEOWNERS review applies
