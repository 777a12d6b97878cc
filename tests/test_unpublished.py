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
