"""No URL lost by accident: unpublishing an item that other content links to warns instead of failing the build."""

from __future__ import annotations

from pathlib import Path

from sitekit import article, base_files, make_site, soup, stogen

CENTRAL = "content/nieuws/2026-11-20-verwijzing.md"


def test_a_link_to_a_draft_becomes_plain_text_with_a_warning(tmp_path: Path) -> None:
    files = base_files()
    files["regions/alpha/nieuws/2026-11-05-open-dag.md"] = article("Open dag in Alpha", "2026-11-05", draft="true")
    files["regions/alpha/nieuws/2026-12-20-later.md"] = article("Later in Alpha", "2026-12-20")
    files[CENTRAL] = article(
        "Verwijzing",
        "2026-11-20",
        "Lees over de [open dag](../../regions/alpha/nieuws/2026-11-05-open-dag.md).\n\n"
        "En [later](../../regions/alpha/nieuws/2026-12-20-later.md) ook.",
    )
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    assert (
        f"{CENTRAL}:5: warning: body: link to regions/alpha/nieuws/2026-11-05-open-dag.md, which is not published "
        "(a draft, or dated in the future): shown as plain text"
    ) in result.stderr
    assert f"{CENTRAL}:7: warning: body: link to regions/alpha/nieuws/2026-12-20-later.md" in result.stderr
    body = soup(root, "/nieuws/verwijzing/").find("main")
    assert "Lees over de open dag." in body.get_text(" ", strip=True)
    assert body.find("a", string="open dag") is None
    # Published again: the link is back (the cached body is not reused).
    (root / "regions/alpha/nieuws/2026-11-05-open-dag.md").write_text(article("Open dag in Alpha", "2026-11-05"))
    result = stogen(root, "build")
    assert result.returncode == 0 and "open-dag.md, which is not published" not in result.stderr
    link = soup(root, "/nieuws/verwijzing/").find("a", string="open dag")
    assert link is not None and link["href"] == "/regio/alpha/nieuws/open-dag/"


def test_a_missing_file_is_still_an_error(tmp_path: Path) -> None:
    files = base_files()
    files[CENTRAL] = article("Verwijzing", "2026-11-20", "Lees [dit](../../regions/alpha/nieuws/bestaat-niet.md).")
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 1
    assert "link target '../../regions/alpha/nieuws/bestaat-niet.md' not found" in result.stderr


def test_a_page_gone_without_a_redirect_is_warned_once(tmp_path: Path) -> None:
    root = make_site(tmp_path / "s")
    assert stogen(root, "build").returncode == 0
    gastles = root / "regions/alpha/nieuws/2026-10-01-gastles.md"
    text = gastles.read_text()
    gastles.unlink()
    (root / "regions/alpha/nieuws/2026-10-01-gastles-in-alpha.md").write_text(text)  # renamed: a new URL
    (root / "regions/beta/nieuws/2026-09-15-robots.md").unlink()
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "warning: url: /regio/alpha/nieuws/gastles/ was published by the previous build and is gone" in err
    assert "/regio/beta/nieuws/robots/ was published by the previous build" in err
    assert ".stogen-cache/urls.txt:" in err and "add its old URL to `aliases:`" in err
    assert "gone, with no redirect" not in stogen(root, "build").stderr  # said once

    # With the old URL as an alias the move is announced nowhere: the redirect keeps it.
    (root / "regions/alpha/nieuws/2026-10-01-gastles-in-alpha.md").unlink()
    moved = text.replace("---\n", "---\naliases: [/regio/alpha/nieuws/gastles/]\n", 1)
    (root / "regions/alpha/nieuws/2026-10-01-gastles-nieuw.md").write_text(moved)
    result = stogen(root, "build")
    assert "/regio/alpha/nieuws/gastles-in-alpha/ was published" in result.stderr  # that one was live for a build
    assert "/regio/alpha/nieuws/gastles/ was published" not in result.stderr


def test_a_sent_newsletter_keeps_building_when_a_pick_is_unpublished(tmp_path: Path) -> None:
    files = base_files()
    files["newsletters/2026-10.md"] = (
        "---\nsubject: Oktober\npicks:\n  - regions/alpha/nieuws/2026-10-01-gastles.md\n---\nHet nieuws van oktober.\n"
    )
    files["regions/alpha/nieuws/2026-10-01-gastles.md"] = article("Gastles in Alpha", "2026-10-01", draft="true")
    files["content/nieuws/2026-10-20-landelijk.md"] = article("Landelijk in oktober", "2026-10-20")
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")  # now is 28 November: the October issue has gone out
    assert result.returncode == 0, result.stderr
    assert (
        "newsletters/2026-10.md:4: warning: picks: regions/alpha/nieuws/2026-10-01-gastles.md is no longer "
        "published: left out of this sent issue's web page"
    ) in result.stderr
    # The issue of the month that is not over yet must still be put right before it goes out.
    files["newsletters/2026-11.md"] = files.pop("newsletters/2026-10.md").replace("Oktober", "November")
    root = make_site(tmp_path / "t", files)
    result = stogen(root, "build")
    assert result.returncode == 1
    assert "newsletters/2026-11.md:4: picks: regions/alpha/nieuws/2026-10-01-gastles.md is not a published" in (
        result.stderr
    )
