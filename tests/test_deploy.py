"""Netlify's build command (deploy/netlify-build.sh), run as Netlify runs it: in a checkout with a site, twice.

The first deploy makes the virtualenv and installs stogen into it; the next one finds it usable and only builds;
a changed pyproject.toml, or a virtualenv that no longer runs, makes it again. Each run must publish the site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

from sitekit import REPO, base_files, make_site

SCRIPT = "deploy/netlify-build.sh"


def _checkout(root: Path) -> Path:
    """What Netlify checks out: the tool, its build script and a site."""
    make_site(root, base_files())
    for name in ("pyproject.toml", "README.md", "deploy"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    shutil.copytree(REPO / "stogen", root / "stogen", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _deploy(root: Path, venv: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STOGEN_VENV": str(venv), "STOGEN_NOW": "2026-11-28 12:00"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(["bash", SCRIPT], cwd=root, env=env, capture_output=True, text=True, timeout=600)


def test_netlify_toml_runs_the_script_and_keeps_its_virtualenv() -> None:
    config = tomllib.loads((REPO / "netlify.toml").read_text("utf-8"))
    assert config["build"]["command"] == f"bash {SCRIPT}"
    cached = next(p for p in config["plugins"] if p["package"] == "netlify-plugin-cache")["inputs"]["paths"]
    assert {".stogen-venv", ".stogen-cache", "public"} <= set(cached)
    assert "/.stogen-venv/" in (REPO / ".gitignore").read_text("utf-8").split()


def test_a_deploy_installs_once_then_keeps_the_virtualenv(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo")
    venv = tmp_path / "venv"

    first = _deploy(root, venv)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "installing stogen" in first.stdout
    assert (root / "public" / "index.html").is_file()
    # stogen runs from the checkout (editable), not from a copy in the virtualenv
    where = subprocess.run(
        [venv / "bin" / "python", "-I", "-c", "import stogen; print(stogen.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert Path(where.stdout.strip()).resolve() == (root / "stogen" / "__init__.py").resolve()

    (root / "content" / "nieuws").mkdir(parents=True, exist_ok=True)
    (root / "content" / "nieuws" / "2026-11-27-later.md").write_text(
        "---\ntitle: Een later bericht\ndate: 2026-11-27\nsummary: Wat later kwam.\n---\nTekst.\n", "utf-8"
    )
    second = _deploy(root, venv)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "using the virtualenv kept" in second.stdout and "installing" not in second.stdout
    assert (root / "public" / "nieuws" / "later" / "index.html").is_file()

    (root / "content" / "nieuws" / "2026-11-27-kapot.md").write_text("---\ntitle: [kapot\n---\nTekst.\n", "utf-8")
    failed = _deploy(root, venv)
    assert failed.returncode != 0 and "installing" not in failed.stdout
    assert "content/nieuws/2026-11-27-kapot.md:3: " in failed.stderr  # where YAML finds the [ unclosed
    assert (root / "public" / "nieuws" / "later" / "index.html").is_file()  # the last deploy's output stays
    (root / "content" / "nieuws" / "2026-11-27-kapot.md").unlink()

    # A changed pyproject.toml (a new dependency, say) makes the virtualenv again.
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8") + "\n# a change\n", "utf-8")
    changed = _deploy(root, venv)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "installing stogen" in changed.stdout

    # A virtualenv whose Python is gone (restored onto an image with another Python) is made again.
    (venv / "bin" / "python").unlink()
    third = _deploy(root, venv)
    assert third.returncode == 0, third.stdout + third.stderr
    assert "installing stogen" in third.stdout
