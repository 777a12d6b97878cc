"""Netlify's build command (deploy/netlify-build.sh), run as Netlify runs it: in a checkout with a site, twice.

The first deploy makes the virtualenv and installs stogen into it; the next one finds it usable and only builds;
a changed pyproject.toml, or a virtualenv that no longer runs, makes it again. Each run must publish the site.
Between deploys the plugin deploy/netlify-plugin-stogen moves the virtualenv, the cache and the output into
Netlify's build cache and back: that is run in Netlify's own build runner (@netlify/build, offline), which reads
netlify.toml, loads the plugin and runs its events around the build command as Netlify does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import tomllib
from pathlib import Path

import pytest
import yaml
from sitekit import REPO, base_files, make_site, require_tool

SCRIPT = "deploy/netlify-build.sh"


def _checkout(root: Path) -> Path:
    """What Netlify checks out: the tool, its build script and a site."""
    make_site(root, base_files())
    for name in ("pyproject.toml", "README.md", "deploy"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    shutil.copytree(REPO / "stogen", root / "stogen", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _env(venv: Path | None = None) -> dict[str, str]:
    """A deploy's environment: no virtualenv of the test run's; `venv` None: the checkout's .stogen-venv/."""
    env = {**os.environ, "STOGEN_NOW": "2026-11-28 12:00"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("STOGEN_VENV", None)
    if venv is not None:
        env["STOGEN_VENV"] = str(venv)
    return env


def _deploy(root: Path, venv: Path | None) -> subprocess.CompletedProcess[str]:
    """The build command; `venv` None: in the checkout's .stogen-venv/, as on Netlify."""
    return subprocess.run(["bash", SCRIPT], cwd=root, env=_env(venv), capture_output=True, text=True, timeout=600)


PLUGIN = "deploy/netlify-plugin-stogen"
KEPT = [".stogen-venv", ".stogen-cache", "public"]


def test_netlify_toml_runs_the_script_and_keeps_its_folders() -> None:
    config = tomllib.loads((REPO / "netlify.toml").read_text("utf-8"))
    assert config["build"]["command"] == f"bash {SCRIPT}"
    plugin = next(p for p in config["plugins"] if p["package"] == f"./{PLUGIN}")
    assert plugin["inputs"]["paths"] == KEPT
    manifest = yaml.safe_load((REPO / PLUGIN / "manifest.yml").read_text("utf-8"))
    assert next(i for i in manifest["inputs"] if i["name"] == "paths")["default"] == KEPT
    assert not any(p["package"] == "netlify-plugin-cache" for p in config["plugins"])  # it copies: see index.js
    # Netlify's automatic `npm install` installs nothing: the npm packages are the tests' (devDependencies) only.
    assert config["build"]["environment"]["NODE_ENV"] == "production"
    package = json.loads((REPO / "package.json").read_text("utf-8"))
    assert package["devDependencies"] and not package.get("dependencies")
    assert {f"/{name}/" for name in KEPT} <= set((REPO / ".gitignore").read_text("utf-8").split())


def _netlify_build(root: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A deploy as Netlify builds it: its build runner over the checkout's netlify.toml (the deploy itself, the
    upload, is not part of it); the build cache is `cache`, else the runner's own, .netlify/cache/ in the checkout."""
    require_tool("node")
    runner = REPO / "node_modules" / ".bin" / "netlify-build"
    if not runner.exists():
        if os.environ.get("CI"):
            pytest.fail("@netlify/build is required on CI (npm ci)")
        pytest.skip("@netlify/build is not installed (npm ci)")
    argv = [str(runner), "--offline", *(["--cacheDir", str(cache)] if cache else [])]
    return subprocess.run(argv, cwd=root, env=_env(), capture_output=True, text=True, timeout=600)


def test_deploys_keep_their_folders_in_netlifys_cache(tmp_path: Path) -> None:
    """Four deploys in Netlify's build runner: the first installs stogen and keeps the folders in the build cache;
    the second restores them into the checkout, does not install again and trusts the output (a page that did not
    change is not rewritten); a broken build fails the deploy and still keeps them (onError); the next one restores
    them again."""
    root = _checkout(tmp_path / "repo")
    shutil.copyfile(REPO / "netlify.toml", root / "netlify.toml")

    def kept(run: subprocess.CompletedProcess[str]) -> bool:
        return all(f"stogen: kept {name} in the build cache" in run.stdout for name in KEPT)

    def restored(run: subprocess.CompletedProcess[str]) -> bool:
        return all(f"stogen: restored {name} from the build cache" in run.stdout for name in KEPT)

    first = _netlify_build(root)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "installing stogen" in first.stdout and kept(first)
    assert not any((root / name).exists() for name in KEPT)  # moved into the build cache, not copied
    cached = root / ".netlify" / "cache"
    home = next(cached.rglob("public/index.html"))
    made = home.stat().st_mtime_ns
    python = os.readlink(next(cached.rglob(".stogen-venv/bin/python")))

    second = _netlify_build(root)
    assert second.returncode == 0, second.stdout + second.stderr
    assert restored(second) and kept(second)
    assert "using the virtualenv kept" in second.stdout and "installing" not in second.stdout
    home = next(cached.rglob("public/index.html"))
    assert home.stat().st_mtime_ns == made  # the restored output was trusted: an unchanged page is not rewritten
    assert os.readlink(next(cached.rglob(".stogen-venv/bin/python"))) == python  # still a symbolic link

    (root / "content" / "kapot.md").write_text("---\ntitle: [kapot\n---\nTekst.\n", "utf-8")
    broken = _netlify_build(root)
    assert broken.returncode != 0
    assert "content/kapot.md:3: " in broken.stdout + broken.stderr
    assert restored(broken) and kept(broken)  # a failed build leaves them as they were: still worth keeping

    (root / "content" / "kapot.md").unlink()
    fixed = _netlify_build(root)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert restored(fixed) and "installing" not in fixed.stdout
    assert next(cached.rglob("public/index.html")).stat().st_mtime_ns == made


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


def test_a_build_cache_on_another_file_system_is_copied(tmp_path: Path) -> None:
    """Where Netlify's build cache is on another file system, the folders cannot be moved: the cache and the output
    are copied, and the output is still trusted; the virtualenv, whose symbolic links cannot be copied, is not kept
    at all (not half) and is installed again. The deploy never fails for it."""
    other = Path("/dev/shm")
    if not other.is_dir() or other.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to put the build cache on")
    root = _checkout(tmp_path / "repo")
    shutil.copyfile(REPO / "netlify.toml", root / "netlify.toml")
    cache = Path(tempfile.mkdtemp(prefix="stogen-netlify-cache-", dir=other))
    try:
        first = _netlify_build(root, cache)
        assert first.returncode == 0, first.stdout + first.stderr
        assert "stogen: kept public in the build cache" in first.stdout
        assert "stogen: could not keep .stogen-venv" in first.stdout
        assert not any(cache.rglob(".stogen-venv"))  # not half a virtualenv
        for name in KEPT:  # a new checkout: only what the build cache holds comes back
            shutil.rmtree(root / name)
        # A file stogen did not write: a build that trusts the restored output leaves it (it removes only what
        # its manifest says it wrote); a build that does not replaces the whole folder.
        (next(cache.rglob("public/index.html")).parent / "not-by-stogen.txt").write_text("x", "utf-8")

        second = _netlify_build(root, cache)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "stogen: restored public from the build cache" in second.stdout
        assert "stogen: restored .stogen-cache from the build cache" in second.stdout
        assert "installing stogen" in second.stdout
        assert (root / "public" / "not-by-stogen.txt").is_file()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
