"""The route table: two outputs never share a path. Each collision is a problem naming both owners, never a
traceback, and the previous output stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import CONFIG_WITH_SEARCH, PNG, base_files, make_site, stogen, tree_digest, webinar

from stogen.build.routes import RouteTable
from stogen.core.artifacts import Artifact, Owner
from stogen.core.problems import Problems

# (what is added, the file reported, what the message says about the other owner)
CASES = {
    "a content file over robots.txt": (
        {"content/robots.txt": "User-agent: *\n"},
        "content/robots.txt",
        "publishes /robots.txt, which stogen writes for robots.txt",
    ),
    "a document over the agenda's calendar": (
        {"content/agenda/agenda.ics": "BEGIN:VCALENDAR\n"},
        "content/agenda/agenda.ics",
        "publishes /agenda/agenda.ics, which stogen writes for the calendar",
    ),
    "a region's document over its agenda's calendar": (
        {"regions/alpha/agenda/agenda.ics": "BEGIN:VCALENDAR\n"},
        "regions/alpha/agenda/agenda.ics",
        "publishes /regio/alpha/agenda/agenda.ics, which stogen writes for the calendar",
    ),
    "a document over a webinar's calendar file": (
        {
            "content/webinars/2026-12-01-sto-live.md": webinar("STO LIVE", "2026-12-01 15:30"),
            "content/webinars/sto-live/sto-live.ics": "BEGIN:VCALENDAR\n",
        },
        "content/webinars/sto-live/sto-live.ics",
        "publishes /webinars/sto-live/sto-live.ics, which stogen writes for the calendar 'STO LIVE'",
    ),
    "a file inside the search index's folder": (
        {"content/pagefind/pagefind.txt": "x\n"},
        "content/pagefind/pagefind.txt",
        "publishes /pagefind/pagefind.txt, which stogen writes for the search index",
    ),
    "an image over a theme file": (
        {"content/static/email-logo.png": PNG},
        "content/static/email-logo.png",
        "publishes /static/email-logo.png, which stogen writes for the theme file email-logo.png",
    ),
    "a page over a newsletter's web page": (
        {
            "newsletters/2026-11.md": "---\nsubject: Nieuwsbrief november\n---\nDe inleiding.\n",
            "content/nieuwsbrief/2026-11.md": "---\ntitle: Nieuwsbrief\n---\nTekst.\n",
        },
        "content/nieuwsbrief/2026-11.md",
        "publishes /nieuwsbrief/2026-11/, which is also published by newsletters/2026-11.md",
    ),
    "a page over the search page": (
        {"content/zoeken.md": "---\ntitle: Zoeken\n---\nTekst.\n"},
        "content/zoeken.md",
        "publishes /zoeken/, which stogen writes for the search page",
    ),
    "a page over the agenda": (
        {"content/agenda.md": "---\ntitle: Onze agenda\n---\nTekst.\n"},
        "content/agenda.md",
        "publishes /agenda/, which stogen writes for the agenda",
    ),
    "a page over the webinar archive of a year": (
        {
            "content/webinars/2026-01-10-terug.md": webinar("Terugblik", "2026-01-10 15:30"),
            "content/webinars/2026-02-01-2026.md": webinar("Het jaar 2026", "2026-02-01 15:30"),
        },
        "content/webinars/2026-02-01-2026.md",
        "publishes /webinars/2026/, which stogen writes for the webinar archive 2026",
    ),
    "two files with one URL": (
        {"content/over-sto/index.md": "---\ntitle: Nog eens over STO\n---\nTekst.\n"},
        "content/over-sto/index.md",
        "publishes /over-sto/, which is also published by content/over-sto.md",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_path_collision_names_both_owners(case: str, tmp_path: Path) -> None:
    added, reported, says = CASES[case]
    site = make_site(tmp_path / "site", {**base_files(), "stogen.yml": CONFIG_WITH_SEARCH})  # the search page too
    assert stogen(site, "build").returncode == 0
    before = tree_digest(site / "public")
    make_site(site, added, theme=False)
    done = stogen(site, "build")
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith(reported + ":")]
    assert lines and says in lines[0], done.stderr
    assert tree_digest(site / "public") == before


def _artifact(path: str, owner: Owner) -> Artifact:
    return Artifact(path, owner, None, make=bytes)


def test_two_generators_on_one_path_are_named_both(tmp_path: Path) -> None:
    """Generated files content cannot reach (feeds, the sitemap, _redirects) collide only between generators."""
    problems = Problems(tmp_path)
    table = RouteTable()
    claimed = table.claim_all(
        [
            _artifact("feed.xml", Owner.generator("the news feed")),
            _artifact("feed.xml", Owner.generator("the sitemap")),
            _artifact("_redirects", Owner.generator("the redirects")),
            Artifact("pagefind/", Owner.generator("the search index"), None, make_bundle=lambda locate, folder: None),
            _artifact("pagefind/x.js", Owner.generator("the theme file x.js")),
        ],
        tmp_path,
        problems,
    )
    assert [a.path for a in claimed] == ["feed.xml", "_redirects", "pagefind/", "pagefind/x.js"]
    messages = [p.text("en") for p in problems]
    assert "/feed.xml is written by both the sitemap and the news feed" in messages
    assert "/pagefind/x.js is written by both the theme file x.js and the search index" in messages
