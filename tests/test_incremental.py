"""Incremental builds: with the cache of the previous build present, the output is byte-identical to a clean
build of the same input, and unchanged files are not rewritten."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sitekit import PNG, article, make_site, page_path, stogen, tree_digest
from webinarkit import YOUTUBE, programme_files

from stogen.core.cache import Cache


def clean_build_digest(site: Path, tmp_path: Path, *args: str) -> dict[str, str]:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("public", "public.*", ".stogen-cache"))
    result = stogen(clean, "build", *args)
    assert result.returncode == 0, result.stderr
    return tree_digest(clean / "public")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), "utf-8")


def rename_linked_page(site: Path) -> None:
    (site / "content/over-sto.md").rename(site / "content/over-ons.md")
    edit(site / "content/nieuws/2026-11-02-landelijk-nieuws.md", "../over-sto.md", "../over-ons.md")


EDITS: dict[str, Callable[[Path], None]] = {
    "article body": lambda s: edit(s / "regions/alpha/nieuws/2026-10-01-gastles.md", "Een alinea", "Een nieuwe alinea"),
    "article title (listings, feeds)": lambda s: edit(
        s / "regions/alpha/nieuws/2026-11-05-open-dag.md", "Open dag in Alpha", "Open huis in Alpha"
    ),
    "article date (order, pagination)": lambda s: edit(
        s / "regions/beta/nieuws/2026-09-15-robots.md", "date: 2026-09-15", "date: 2026-11-20"
    ),
    "new article": lambda s: make_site(s, {"regions/beta/nieuws/2026-11-21-nieuw.md": article("Nieuw", "2026-11-21")}),
    "deleted article": lambda s: (s / "regions/alpha/nieuws/2026-10-01-gastles.md").unlink(),
    "region profile": lambda s: edit(s / "regions/alpha/region.yml", "name: Demobouw BV", "name: Voorbeeldbouw BV"),
    "region name (labels everywhere)": lambda s: edit(
        s / "regions/alpha/region.yml", "name: Alpha", "name: Alpha-Oost"
    ),
    "theme template": lambda s: edit(s / "themes/default/templates/base.html", "</footer>", "</footer>\n<!-- x -->"),
    "theme strings": lambda s: edit(
        s / "themes/default/strings.nl.yml", "read_more: Lees verder", "read_more: Verder lezen"
    ),
    "theme css": lambda s: edit(s / "themes/default/static/style.css", "--measure: 42rem;", "--measure: 40rem;"),
    "theme identity": lambda s: edit(s / "themes/default/identity.yml", 'ink: "#1a1a1a"', 'ink: "#111111"'),
    "config": lambda s: edit(s / "stogen.yml", "title: Testsite STO", "title: Testsite Sterk Techniekonderwijs"),
    "linked file renamed": lambda s: rename_linked_page(s),
    # The linking article is unchanged: its body is rendered again from its file (cached records keep no body).
    "linked page's URL changed": lambda s: edit(
        s / "content/over-sto.md", "title: Over STO", "title: Over STO\nslug: over-ons"
    ),
    "image added": lambda s: make_site(s, {"regions/alpha/images/foto.png": PNG}),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_incremental_build_equals_clean_build(site: Path, tmp_path: Path, name: str) -> None:
    assert stogen(site, "build").returncode == 0
    assert len(list((site / ".stogen-cache").glob("output-*.pickle"))) == 1  # the manifest of public/
    EDITS[name](site)
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path)


@pytest.mark.parametrize(
    ("path", "old", "new", "url"),
    [
        # the text of a body: a quick build (stogen/build/quick.py)
        (
            "regions/alpha/nieuws/2026-10-01-gastles.md",
            "Een alinea",
            "Een andere alinea",
            "/regio/alpha/nieuws/gastles/",
        ),
        # a title: a full build, which fingerprints every file before it makes any, where the clean build before
        # it fingerprinted each file as it made it; both give the same fingerprints
        (
            "regions/alpha/nieuws/2026-11-05-open-dag.md",
            "Open dag in Alpha",
            "Open huis in Alpha",
            "/regio/alpha/nieuws/open-dag/",
        ),
    ],
    ids=["body", "title"],
)
def test_unchanged_files_are_not_rewritten(site: Path, path: str, old: str, new: str, url: str) -> None:
    assert stogen(site, "build").returncode == 0
    untouched = page_path(site, "/regio/beta/nieuws/robots/")
    before = untouched.stat().st_mtime_ns, untouched.stat().st_ino
    edit(site / path, old, new)
    result = stogen(site, "build")
    assert result.returncode == 0
    assert (untouched.stat().st_mtime_ns, untouched.stat().st_ino) == before
    assert new in page_path(site, url).read_text("utf-8")


def test_now_moving_on_publishes_scheduled_news(site: Path, tmp_path: Path) -> None:
    make_site(site, {"regions/beta/nieuws/2026-12-15-later.md": article("Later", "2026-12-15")})
    assert stogen(site, "build", now="2026-12-01").returncode == 0
    assert not page_path(site, "/regio/beta/nieuws/later/").exists()
    assert stogen(site, "build", now="2026-12-16").returncode == 0
    assert page_path(site, "/regio/beta/nieuws/later/").exists()
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path, "--now", "2026-12-16")


def test_a_failed_incremental_build_changes_nothing(site: Path) -> None:
    assert stogen(site, "build").returncode == 0
    before = tree_digest(site / "public")
    edit(site / "regions/alpha/nieuws/2026-10-01-gastles.md", "date: 2026-10-01", "date: 2026-10-32")
    assert stogen(site, "build").returncode == 1
    assert tree_digest(site / "public") == before
    edit(site / "regions/alpha/nieuws/2026-10-01-gastles.md", "date: 2026-10-32", "date: 2026-10-01")
    assert stogen(site, "build").returncode == 0
    assert tree_digest(site / "public") == before


def test_a_corrupt_cache_is_ignored(site: Path, tmp_path: Path) -> None:
    assert stogen(site, "build").returncode == 0
    for f in (site / ".stogen-cache").glob("*.pickle"):
        f.write_bytes(b"not a pickle")
    edit(site / "content/over-sto.md", "Over het programma.", "Over het hele programma.")
    assert stogen(site, "build").returncode == 0
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path)


def test_a_lost_html_shard_is_rendered_again(site: Path, tmp_path: Path) -> None:
    """Bodies kept by an earlier build are read from html.<region> shards when shown; without them, rendered."""
    assert stogen(site, "build").returncode == 0
    lost = list((site / ".stogen-cache").glob("html.*.pickle"))
    assert {p.name for p in lost} >= {"html._.pickle", "html.alpha.pickle"}
    for shard in lost:
        shard.unlink()
    edit(site / "themes/default/templates/base.html", "</footer>", "</footer>\n<!-- every page again -->")
    assert stogen(site, "build").returncode == 0
    assert "Een alinea" in page_path(site, "/regio/alpha/nieuws/gastles/").read_text("utf-8")
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path)


def test_a_webinar_edit_reaches_its_page_and_the_webinar_feed(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", programme_files())
    assert stogen(site, "build").returncode == 0
    feed = site / "public/webinars/feed.xml"
    before = feed.stat().st_mtime_ns, feed.stat().st_ino
    edit(site / "regions/alpha/nieuws/2026-10-01-gastles.md", "Een alinea", "Een nieuwe alinea")  # no webinar
    assert stogen(site, "build").returncode == 0
    assert (feed.stat().st_mtime_ns, feed.stat().st_ino) == before
    text = (site / YOUTUBE).read_text("utf-8")
    (site / YOUTUBE).write_text(text.rstrip("\n") + "\n\nNieuw: de presentatie staat online.\n", "utf-8")
    assert stogen(site, "build").returncode == 0
    assert "de presentatie staat online" in feed.read_text("utf-8")
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path)


def test_an_output_folder_restored_from_a_copy_is_updated_in_place(site: Path, tmp_path: Path) -> None:
    """As on Netlify: public/ comes back from the build cache as new files (new inodes and times)."""
    assert stogen(site, "build").returncode == 0
    shutil.move(site / "public", tmp_path / "saved")
    shutil.copytree(tmp_path / "saved", site / "public", copy_function=shutil.copyfile)
    untouched = page_path(site, "/regio/beta/nieuws/robots/")
    before = untouched.stat().st_mtime_ns, untouched.stat().st_ino
    edit(site / "regions/alpha/nieuws/2026-10-01-gastles.md", "Een alinea", "Een andere alinea")
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    assert (untouched.stat().st_mtime_ns, untouched.stat().st_ino) == before
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path)


def test_output_changed_by_hand_is_rebuilt_whole(site: Path, tmp_path: Path) -> None:
    assert stogen(site, "build").returncode == 0
    shutil.rmtree(site / "public")
    (site / "public").mkdir()
    (site / "public" / ".stogen").write_text("This folder is written by stogen; it is replaced on every build.\n")
    assert stogen(site, "build").returncode == 0
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path)


def test_settled_sources_are_trusted_by_stat_and_a_same_size_edit_is_still_seen(site: Path, tmp_path: Path) -> None:
    """Files unchanged for a while are not read again when their stat is as it was; an edit that keeps the size
    and puts the modification time back (as `touch -d` or a checkout could) still changes the change time."""
    settled = 1_700_000_000  # 2023: long before this build, so every signature is trusted
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, (settled, settled))
    time.sleep(2.1)  # past the window in which a fresh change time is not trusted (stogen.model.loader)
    assert stogen(site, "build").returncode == 0
    source = site / "regions/alpha/nieuws/2026-10-01-gastles.md"
    size = source.stat().st_size
    edit(source, "Een alinea", "Een Alinea")
    os.utime(source, (settled, settled))
    assert source.stat().st_size == size
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    assert "Een Alinea" in page_path(site, "/regio/alpha/nieuws/gastles/").read_text("utf-8")
    assert tree_digest(site / "public") == clean_build_digest(site, tmp_path)


def test_a_failed_build_keeps_what_it_parsed_for_the_next(site: Path) -> None:
    """A full build writes its parse caches (records, Markdown) while its workers make the outputs; one that fails
    before that (here: while planning) still writes them, so the editor's next build parses only the fix."""
    make_site(site, {"content/nieuws.md": "---\ntitle: Nieuws\n---\nDe URL van het nieuwsoverzicht.\n"})
    assert stogen(site, "build").returncode == 1
    cache = site / ".stogen-cache"
    assert (cache / "records._.pickle").is_file() and (cache / "records.beta.pickle").is_file()
    assert (cache / "markdown._.pickle").is_file() and (cache / "html._.pickle").is_file()


def test_a_pickled_cache_leaves_what_it_keeps_back_behind(tmp_path: Path) -> None:
    """The quick build's model holds the cache (where a body's HTML is read from): never the shards it keeps back."""
    cache = Cache(tmp_path)
    cache.later()
    cache.save_shards("html", {"_": {"key": "<p>" + "x" * 100_000 + "</p>"}}, {"_"}, later=True)
    assert cache.load("html._") and not (cache.folder / "html._.pickle").exists()
    copy = pickle.loads(pickle.dumps(cache))
    assert len(pickle.dumps(cache)) < 10_000 and copy.load("html._") == {}
    cache.flush()
    assert copy.load("html._") == cache.load("html._") == {"key": "<p>" + "x" * 100_000 + "</p>"}
