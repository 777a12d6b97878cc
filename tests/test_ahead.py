"""Work started before the build plans (stogen/build/ahead.py): an edit's search index shard, indexed while the
build plans, is taken only when the build gives it the very same pages, and the output is a clean build's."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from sitekit import CONFIG_WITH_SEARCH, NOW, article, base_files, make_site, stogen, tree_digest

from stogen.build import ahead
from stogen.build.pipeline import build
from stogen.build.writer import ahead_for
from stogen.core.problems import BuildFailed

# A tool for the tests: copies every file it reads into the folder it writes, or fails when told to.
COPY = (
    "import os, shutil, sys\n"
    "if os.path.exists(sys.argv[1] + '/fail'):\n"
    "    sys.exit(3)\n"
    "shutil.copytree(*sys.argv[1:])\n"
    "open(sys.argv[2] + '.done', 'w').close()\n"
)


def _copying(view: Path, made: Path) -> list[str]:
    return [sys.executable, "-c", COPY, str(view), str(made)]


def _output(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An output folder of a "last build": three pages, and its manifest."""
    out = tmp_path / "public"
    pages = {"a/index.html": b"A", "b/index.html": b"B", "c/index.html": b"C"}
    for rel, data in pages.items():
        (out / rel).parent.mkdir(parents=True)
        (out / rel).write_bytes(data)
    return out, dict.fromkeys(pages, "fingerprint")


def test_work_started_ahead_is_taken_only_from_the_same_files(tmp_path: Path) -> None:
    out, previous = _output(tmp_path)
    files = ("a/index.html", "b/index.html", "c/index.html")
    staged = tmp_path / "staging"
    (staged / "b").mkdir(parents=True)
    (staged / "b/index.html").write_bytes(b"B, edited")

    def locate(rel: str) -> Path:  # as the writer's: made by this build, or kept from the last
        return staged / rel if (staged / rel).exists() else out / rel

    work = ahead.Ahead(out, previous)
    assert work.folder == ahead_for(out) == tmp_path / "public.ahead"
    work.start("same/", files, {"b/index.html": b"B, edited"}, _copying)
    work.start("other/", files, {"b/index.html": b"B, as it was expected"}, _copying)
    work.start("failed/", (*files, "fail"), {"fail": b""}, _copying)
    work.start("new/", (*files, "d/index.html"), {}, _copying)  # the last build made no d: nothing to start
    assert sorted(work.started) == ["failed/", "other/", "same/"]

    made = tmp_path / "made"
    made.mkdir()
    assert work.take("same/", files, locate, made / "same")
    assert {p.relative_to(made / "same").as_posix(): p.read_bytes() for p in (made / "same").rglob("*.html")} == {
        "a/index.html": b"A",
        "b/index.html": b"B, edited",
        "c/index.html": b"C",
    }
    assert not work.take("other/", files, locate, made / "other")  # the page was not the one expected
    assert not work.take("failed/", (*files, "fail"), locate, made / "failed")  # the tool failed
    assert not work.take("new/", files, locate, made / "new")
    assert not (made / "other").exists() and not (made / "failed").exists()
    work.close()
    assert not work.folder.exists()


def test_a_last_build_file_that_changed_since_is_not_taken(tmp_path: Path) -> None:
    out, previous = _output(tmp_path)
    files = ("a/index.html", "b/index.html", "c/index.html")
    work = ahead.Ahead(out, previous)
    work.start("shard/", files, {}, _copying)
    done = Path(str(work.started["shard/"].output) + ".done")
    for _ in range(1000):  # until the tool has read the files
        if done.exists():
            break
        time.sleep(0.01)
    (out / "c/index.html").unlink()  # then the build replaced one (the writer moves a new file in)
    (out / "c/index.html").write_bytes(b"C, new")
    assert not work.take("shard/", files, lambda rel: out / rel, tmp_path / "made")
    work.close()


def test_a_file_the_build_made_again_byte_for_byte_still_counts(tmp_path: Path) -> None:
    out, previous = _output(tmp_path)
    files = ("a/index.html", "b/index.html", "c/index.html")
    work = ahead.Ahead(out, previous)
    work.start("shard/", files, {}, _copying)
    staged = tmp_path / "staging/a/index.html"
    staged.parent.mkdir(parents=True)
    staged.write_bytes(b"A")  # made again, the same bytes: another file, the same page
    assert work.take("shard/", files, lambda rel: staged if rel == "a/index.html" else out / rel, tmp_path / "made")
    assert (tmp_path / "made/a/index.html").read_bytes() == b"A"
    work.close()


def _sharded(tmp_path: Path) -> Path:
    files = base_files()
    files["stogen.yml"] = CONFIG_WITH_SEARCH + "search_shard_pages: 2\n"
    for n, word in enumerate(["lasrobot", "zonnecel", "draaibank", "soldeerbout", "kraanmachinist"], start=1):
        region = "alpha" if n == 1 else "beta"
        body = f"Leerlingen werken met de {word} in de techniek."
        files[f"regions/{region}/nieuws/2026-11-0{n}-{word}.md"] = article(
            f"Nieuws over de {word}", f"2026-11-0{n}", body
        )
    root = make_site(tmp_path / "s", files)
    assert stogen(root, "build").returncode == 0
    return root


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """What the builds of a test took of the work started ahead: (bundle, taken) in the order asked."""
    asked: list[tuple[str, bool]] = []
    take = ahead.Ahead.take

    def recording(self: ahead.Ahead, bundle: str, *args: object) -> bool:
        result = take(self, bundle, *args)  # type: ignore[arg-type]
        asked.append((bundle, result))
        return result

    monkeypatch.setattr(ahead.Ahead, "take", recording)
    return asked


def _edited(tmp_path: Path) -> Path:
    """A built sharded site with one article edited since."""
    root = _sharded(tmp_path)
    edited = root / "regions/beta/nieuws/2026-11-02-zonnecel.md"
    edited.write_text(edited.read_text("utf-8").replace("werken met", "bouwen aan"), "utf-8")
    return root


def _is_a_clean_build(root: Path) -> None:
    """The output, search index included, is byte for byte what a build without the cache makes."""
    incremental = tree_digest(root / "public")
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(root / "public") == incremental


def test_an_edit_is_indexed_while_the_build_plans_and_the_index_is_a_clean_builds(
    tmp_path: Path, taken: list[tuple[str, bool]]
) -> None:
    root = _edited(tmp_path)
    build(root, now=NOW)
    assert len(taken) == 1 and taken[0][1], taken  # one shard, indexed ahead and taken
    assert not ahead_for(root / "public").exists()
    _is_a_clean_build(root)
    build(root, now=NOW)  # nothing edited: nothing started
    assert len(taken) == 1


def test_an_index_started_from_pages_the_build_then_changes_is_not_taken(
    tmp_path: Path, taken: list[tuple[str, bool]]
) -> None:
    root = _edited(tmp_path)
    # The region's new name is on every page of the region, the other pages of the shard too: the pages the
    # early index read from the last build are not the pages this build makes.
    region = root / "regions/beta/region.yml"
    region.write_text(region.read_text("utf-8").replace("name: Beta", "name: Beta-Oost"), "utf-8")
    build(root, now=NOW)
    assert taken and not any(was for _, was in taken), taken
    assert "Beta-Oost" in (root / "public/regio/beta/nieuws/zonnecel/index.html").read_text("utf-8")
    _is_a_clean_build(root)


def test_a_build_that_fails_after_starting_ahead_stops_it_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _edited(tmp_path)
    before = tree_digest(root / "public")
    (root / "content/robots.txt").write_text("User-agent: *\n", "utf-8")  # a claim on stogen's own robots.txt
    running: list[int] = []
    close = ahead.Ahead.close

    def closing(self: ahead.Ahead) -> None:  # what was still started when the build gave up
        running.extend(started.pid for started in self.started.values())
        close(self)

    monkeypatch.setattr(ahead.Ahead, "close", closing)
    with pytest.raises(BuildFailed) as failed:
        build(root, now=NOW)
    assert any("publishes /robots.txt" in p.text("en") for p in failed.value.problems.errors)
    assert len(running) == 1  # the shard's index had been started, and was stopped
    with pytest.raises(ChildProcessError):
        os.waitpid(running[0], os.WNOHANG)  # reaped: no process left behind
    assert not ahead_for(root / "public").exists()
    assert tree_digest(root / "public") == before
