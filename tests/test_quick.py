"""The quick build (stogen/build/quick.py): after an edit to the text of Markdown files only, a build starts from
the last build's saved model. Its output, search index included, is byte-identical to a clean build's; any other
change, or an edit with a problem, builds in full."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sitekit import NOW, PNG, article, base_files, copy_example, make_site, tree_digest

from stogen.build import pipeline, quick
from stogen.build.freshness import Fingerprints
from stogen.build.pipeline import BuildResult, build
from stogen.core.cache import Cache
from stogen.core.problems import BuildFailed, Problems
from stogen.model.site import Body
from stogen.outputs import Plan


def settle() -> None:
    """Let the files just written age past the window in which a file's signature is not trusted yet
    (stogen/model/loader.py), so the first build's signatures are the next build's to compare with."""
    time.sleep(2.1)


def clean(site: Path, tmp_path: Path, now: str = NOW) -> dict[str, str]:
    """The output of a clean build (no cache) of a copy of the site's sources."""
    copy = tmp_path / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", "public.*", ".stogen-cache"))
    build(copy, now=now, use_cache=False)
    return tree_digest(copy / "public")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), "utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n\n" + text + "\n", "utf-8")


# One of each kind of entry, its text edited: each shows in other places (listings, feeds, calendars, the home
# page, a region's home, the search index).
TEXT_EDITS: dict[str, Callable[[Path], None]] = {
    "regional news": lambda s: append(
        s / "regions/twente/nieuws/2026-01-29-open-dagen-in-het-teken-van-techniek.md", "Een extra alinea."
    ),
    "central news, on the home page": lambda s: append(
        s / "content/nieuws/2026-11-24-aanmelding-landelijke-sto-dag-2027-geopend.md", "Met een [link](../over-sto.md)."
    ),
    "regional event, in its calendar file": lambda s: append(
        s / "regions/twente/agenda/2026-12-09-docentenmiddag-lesmateriaal-delen.md", "Neem je laptop mee."
    ),
    "webinar": lambda s: append(s / "content/webinars/2026-10-08-techniekpact-en-sto.md", "Met ondertiteling."),
    "page": lambda s: append(s / "content/over-sto.md", "## Nieuw kopje\n\nEn een alinea."),
    "region intro": lambda s: append(s / "regions/twente/index.md", "Welkom in Twente."),
    "region page": lambda s: append(s / "regions/twente/over-de-regio.md", "Een zin over de regio."),
    "home page": lambda s: append(s / "content/index.md", "Een zin op de voorpagina."),
    "the same news again": lambda s: append(
        s / "regions/twente/nieuws/2026-01-29-open-dagen-in-het-teken-van-techniek.md", "Nog een alinea."
    ),
}


def test_text_edits_build_quickly_and_as_a_clean_build(tmp_path: Path) -> None:
    """Edits one after another on the example site (search on), each built an hour after the last as a deploy
    would be: each build is quick and equals a clean build at its "now"."""
    site = tmp_path / "site"
    site.mkdir()
    copy_example(site)
    settle()
    assert not build(site, now=NOW).quick  # nothing to start from yet
    for hour, (name, change) in enumerate(TEXT_EDITS.items(), start=13):
        change(site)
        now = f"2026-11-28 {hour}:00"
        result = build(site, now=now)
        assert result.quick, name
        assert result.written < 40, (name, result.written)  # the pages that show it, not the site
        assert tree_digest(site / "public") == clean(site, tmp_path, now=now), name


def test_a_first_paragraph_edit_changes_the_description_everywhere(tmp_path: Path) -> None:
    """Without a summary, an item's description is its first paragraph: its page's meta description and its
    card in listings change with the text."""
    files = base_files()
    files["regions/alpha/nieuws/2026-11-10-zonder.md"] = article("Zonder samenvatting", "2026-11-10", "Eerste zin.")
    site = make_site(tmp_path / "site", files)
    settle()
    build(site, now=NOW)
    edit(site / "regions/alpha/nieuws/2026-11-10-zonder.md", "Eerste zin.", "Een andere eerste zin.")
    result = build(site, now=NOW)
    assert result.quick
    page = (site / "public/regio/alpha/nieuws/zonder/index.html").read_text("utf-8")
    assert '<meta name="description" content="Een andere eerste zin.">' in page
    assert "Een andere eerste zin." in (site / "public/regio/alpha/nieuws/index.html").read_text("utf-8")
    assert tree_digest(site / "public") == clean(site, tmp_path)


def _touch_template(s: Path) -> None:
    edit(s / "themes/default/templates/base.html", "</footer>", "</footer>\n<!-- x -->")


FULL: dict[str, Callable[[Path], None]] = {
    "title": lambda s: edit(s / "regions/alpha/nieuws/2026-10-01-gastles.md", "title: Gastles", "title: Een gastles"),
    "tags": lambda s: edit(s / "regions/alpha/nieuws/2026-10-01-gastles.md", "date:", "tags: [bouw]\ndate:"),
    "new file": lambda s: make_site(s, {"regions/beta/nieuws/2026-11-21-nieuw.md": article("Nieuw", "2026-11-21")}),
    "deleted file": lambda s: (s / "regions/alpha/nieuws/2026-10-01-gastles.md").unlink(),
    "region.yml": lambda s: edit(s / "regions/alpha/region.yml", "name: Alpha", "name: Alpha-Oost"),
    "template": _touch_template,
    "stogen.yml": lambda s: edit(s / "stogen.yml", "title: Testsite STO", "title: Testsite Sterk Techniekonderwijs"),
    "image": lambda s: make_site(s, {"regions/alpha/images/foto.png": PNG}),
}


@pytest.mark.parametrize("name", list(FULL))
def test_any_other_change_builds_in_full(tmp_path: Path, name: str) -> None:
    site = make_site(tmp_path / "site", base_files())
    settle()
    build(site, now=NOW)
    FULL[name](site)
    result = build(site, now=NOW)
    assert not result.quick
    assert tree_digest(site / "public") == clean(site, tmp_path)


def checkout_again(site: Path) -> None:
    """Every source file written anew with the same bytes (new times, new inodes), as each Netlify deploy's new
    checkout has them; the build cache and the output come back as they were. (A deploy comes long after the
    last one has kept its model; one that came while it still read the files would build in full.)"""
    quick.wait_for_keeper(Cache(site))
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).parts
        if path.is_file() and rel[0] not in ("public", ".stogen-cache"):
            fresh = path.with_name(path.name + ".new")
            fresh.write_bytes(path.read_bytes())
            os.replace(fresh, path)


def test_a_new_checkout_of_the_same_files_is_quick(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", base_files())
    settle()
    build(site, now=NOW)
    checkout_again(site)
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Een zin erbij.")
    assert build(site, now=NOW).quick  # the files' bytes are the same, but for the edit
    assert tree_digest(site / "public") == clean(site, tmp_path)
    checkout_again(site)
    edit(site / "regions/alpha/region.yml", "name: Alpha", "name: Alpha-Oost")
    assert not build(site, now=NOW).quick
    assert tree_digest(site / "public") == clean(site, tmp_path)


def test_an_edit_after_a_full_build_is_quick_again(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", base_files())
    settle()
    build(site, now=NOW)
    FULL["title"](site)
    assert not build(site, now=NOW).quick  # ... and it keeps its model
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Een zin erbij.")
    assert build(site, now=NOW).quick
    assert tree_digest(site / "public") == clean(site, tmp_path)


def test_a_later_now_with_nothing_turning_in_between_is_quick(tmp_path: Path) -> None:
    """As on Netlify, where every deploy has its own "now": the next day, with no article published, no event
    over and no newsletter's month begun in between, the site is the same but for "now" itself."""
    site = make_site(tmp_path / "site", base_files())
    settle()
    build(site, now=NOW)
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Een zin erbij.")
    assert build(site, now="2026-11-29 08:00").quick
    assert tree_digest(site / "public") == clean(site, tmp_path, now="2026-11-29 08:00")
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Nog een zin.")
    assert build(site, now="2026-12-09 17:00").quick  # the congress is still to come
    assert tree_digest(site / "public") == clean(site, tmp_path, now="2026-12-09 17:00")


@pytest.mark.parametrize(
    ("later", "why"),
    [
        ("2026-12-10 16:30", "the congress is over"),
        ("2026-12-02 09:00", "a scheduled article is published"),
        ("2026-12-01 00:00", "a newsletter's month begins"),
    ],
)
def test_a_now_past_a_turn_builds_in_full(tmp_path: Path, later: str, why: str) -> None:
    files = base_files()
    files["regions/alpha/nieuws/2026-12-01-later.md"] = article("Later", "2026-12-01")
    files["newsletters/2026-12.md"] = "---\nsubject: December\n---\nHet nieuws van december.\n"
    site = make_site(tmp_path / "site", files)
    settle()
    build(site, now=NOW)
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Een zin erbij.")
    assert not build(site, now=later).quick, why
    assert tree_digest(site / "public") == clean(site, tmp_path, now=later), why


def test_a_broken_link_in_an_edit_fails_the_build_as_a_full_build_would(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", base_files())
    settle()
    build(site, now=NOW)
    before = tree_digest(site / "public")
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Zie [de pagina](bestaat-niet.md).")
    with pytest.raises(BuildFailed) as failed:
        build(site, now=NOW)
    assert [p.path for p in failed.value.problems] == ["regions/beta/nieuws/2026-09-15-robots.md"]
    assert tree_digest(site / "public") == before


def test_a_build_with_warnings_keeps_no_model(tmp_path: Path) -> None:
    """A quick build reports only what it reads again, so it never follows a build that had something to say."""
    files = base_files()
    files["regions/alpha/nieuws/2026-11-10-lang.md"] = article("Lang", "2026-11-10", summary="x" * 400)
    site = make_site(tmp_path / "site", files)
    settle()
    result = build(site, now=NOW)
    assert list(result.problems), "the summary should draw a warning"
    assert not Cache(site).load(quick.INDEX)
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Een zin erbij.")
    again = build(site, now=NOW)
    assert not again.quick and list(again.problems)


def test_no_model_without_the_cache_or_for_a_preview(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", base_files())
    settle()
    build(site, now=NOW, use_cache=False)
    build(site, now=NOW, drafts=True, output=tmp_path / "preview")
    assert not Cache(site).load(quick.INDEX)


def test_an_output_folder_that_is_not_the_saved_one_builds_in_full(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", base_files())
    settle()
    build(site, now=NOW)
    shutil.rmtree(site / "public")
    append(site / "regions/beta/nieuws/2026-09-15-robots.md", "Een zin erbij.")
    result: BuildResult = build(site, now=NOW)
    assert not result.quick
    assert tree_digest(site / "public") == clean(site, tmp_path)


def test_exactly_the_text_free_outputs_keep_their_fingerprints_when_every_body_changes(tmp_path: Path) -> None:
    """What lets a quick build keep the fingerprints of pipeline.TEXT_FREE: with every body of the example site
    changed (its HTML, first paragraph and digest), those outputs declare the same files with the same
    fingerprints, and every other output changes at least one (so the list is as long as it can be). No output
    declares other files."""
    site = tmp_path / "site"
    site.mkdir()
    copy_example(site)
    problems = Problems(site)
    loaded = pipeline.load_site(site, problems, NOW)
    assert loaded is not None and not list(problems)
    _config, model, theme = loaded

    def fingerprints() -> dict[str, dict[str, str]]:
        plan = Plan(model, theme, pipeline.plan_pages(model, theme), None)
        prints = Fingerprints(model, theme)
        return {
            output.__name__: {a.path: prints.of_artifact(a, a.needs) for a in output.artifacts(plan)}
            for output in pipeline.OUTPUTS
        }

    before = fingerprints()
    for item in model.every():
        object.__setattr__(item, "body", Body(f"<p>Anders: {item.url}</p>", f"Anders: {item.url}", item.url))
    after = fingerprints()
    assert {name: prints.keys() for name, prints in after.items()} == {n: p.keys() for n, p in before.items()}
    kept = {name for name in before if before[name] == after[name]}
    assert kept == {output.__name__ for output in pipeline.TEXT_FREE}


def test_a_model_in_parts_loads_whole_or_not_at_all(tmp_path: Path) -> None:
    """Cache.save_parts/load_parts: the parts share one memo; a reader may stop between parts; a file cut short
    or written by another stogen is not read."""
    cache = Cache(tmp_path)
    shared = ["an object", "in the first part"]
    cache.save_parts("parts", [shared, {"refers to": shared}])
    first, second = cache.load_parts("parts") or []
    assert second["refers to"] is first
    answers = iter([True, False])  # go on after the stamp, then stop before the second part
    assert cache.load_parts("parts", lambda: next(answers)) is None
    data = (tmp_path / ".stogen-cache/parts.pickle").read_bytes()
    (tmp_path / ".stogen-cache/parts.pickle").write_bytes(data[: len(data) - 5])
    assert cache.load_parts("parts") is None
    cache.save_parts("parts", [shared])
    cache.stamp = "another version of stogen"
    assert cache.load_parts("parts") is None


def test_the_site_is_the_same_between_two_moments_with_no_turn_between() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from stogen.model.turns import same_between

    tz = ZoneInfo("Europe/Amsterdam")
    turning = (datetime(2026, 12, 1, tzinfo=tz), datetime(2026, 12, 10, 16, tzinfo=tz))
    assert same_between(turning, datetime(2026, 12, 2, tzinfo=tz), datetime(2026, 12, 9, tzinfo=tz))
    assert same_between(turning, datetime(2026, 12, 9, tzinfo=tz), datetime(2026, 12, 2, tzinfo=tz))
    assert not same_between(turning, datetime(2026, 11, 30, tzinfo=tz), datetime(2026, 12, 2, tzinfo=tz))
    assert not same_between(turning, datetime(2026, 12, 1, tzinfo=tz), datetime(2026, 12, 1, tzinfo=tz))
    assert same_between((), datetime(2020, 1, 1, tzinfo=tz), datetime(2030, 1, 1, tzinfo=tz))


@pytest.mark.skipif(not quick.FORK, reason="the model is kept by a forked process only where there is fork")
def test_the_keeping_process_yields_every_core_to_the_build() -> None:
    """The keeping process starts a session of its own, and with it (on Linux with autogroups) a scheduling group
    that would share the cores equally with the build's whatever its niceness: it lowers both."""
    told, tell = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            group = Path("/proc/self/autogroup")
            for _ in range(5):  # an unprivileged process may set a group's niceness once per 0.1 s, system-wide
                quick._yield_to_the_build()
                if not group.exists() or group.read_text().rstrip().endswith("nice 19"):
                    break
                time.sleep(0.15)
            os.write(tell, f"{os.nice(0)}|{group.read_text() if group.exists() else ''}".encode())
        finally:
            os._exit(0)
    os.close(tell)
    said = os.read(told, 1024).decode()
    os.close(told)
    os.waitpid(pid, 0)
    niceness, group = said.split("|", 1)
    assert niceness == "19"
    assert not group or group.rstrip().endswith("nice 19"), group
