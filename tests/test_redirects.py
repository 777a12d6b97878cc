"""Netlify _redirects from aliases and formerly, and the conflicts that fail the build."""

from __future__ import annotations

from pathlib import Path

from sitekit import article, base_files, make_site, region_yml, stogen


def _rules(root: Path) -> list[list[str]]:
    return [line.split() for line in (root / "public/_redirects").read_text().splitlines()]


def test_aliases_and_renamed_regions(tmp_path: Path) -> None:
    files = base_files()
    files["content/over-sto.md"] = "---\ntitle: Over STO\naliases: [/over-ons/, /wat-is-sto/]\n---\nTekst.\n"
    files["regions/alpha/region.yml"] = region_yml("Alpha", ("99AA00", "99AB00", "99AC00"), formerly="[oud-alpha]")
    files["regions/alpha/nieuws/2026-10-01-gastles.md"] = article(
        "Gastles in Alpha", "2026-10-01", aliases="[/regio/alpha/nieuws/gastles-oud/]"
    )
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    assert _rules(root) == [
        ["/over-ons/", "/over-sto/", "301"],
        ["/regio/alpha/nieuws/gastles-oud/", "/regio/alpha/nieuws/gastles/", "301"],
        ["/regio/oud-alpha/", "/regio/alpha/", "301"],
        ["/regio/oud-alpha/*", "/regio/alpha/:splat", "301"],
        ["/wat-is-sto/", "/over-sto/", "301"],
    ]
    assert "_redirects" not in (root / "public/sitemap.xml").read_text()


def _fails(tmp_path: Path, changes: dict[str, str]) -> str:
    files = base_files()
    files.update(changes)
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


def test_region_alias_outside_its_space(tmp_path: Path) -> None:
    err = _fails(
        tmp_path,
        {"regions/alpha/over-de-regio.md": "---\ntitle: Over Alpha\naliases: [/over-alpha/]\n---\nTekst.\n"},
    )
    assert "regions/alpha/over-de-regio.md:3: aliases: alias /over-alpha/ is outside this region's space" in err
    err = _fails(
        tmp_path / "b",
        {"regions/alpha/over-de-regio.md": "---\ntitle: Over Alpha\naliases: [/regio/beta/x/]\n---\nTekst.\n"},
    )
    assert "alias /regio/beta/x/ is outside this region's space /regio/alpha/" in err


def test_two_redirects_from_one_path(tmp_path: Path) -> None:
    err = _fails(
        tmp_path,
        {
            "content/over-sto.md": "---\ntitle: Over STO\naliases: [/oud/]\n---\nTekst.\n",
            "content/contact.md": "---\ntitle: Contact\n\naliases:\n  - /oud/\n---\nTekst.\n",
        },
    )
    assert "content/contact.md:4: aliases: /oud/ is also redirected by " in err
    assert "content/over-sto.md:3" in err  # both sources, with their lines


def test_redirect_from_a_real_page(tmp_path: Path) -> None:
    err = _fails(tmp_path, {"content/over-sto.md": "---\ntitle: Over STO\naliases: [/nieuws/]\n---\nTekst.\n"})
    assert "content/over-sto.md:3: aliases: redirect from /nieuws/ would hide a real page" in err


def test_chain_through_a_page(tmp_path: Path) -> None:
    # Every target is a published page, so a chain needs a redirect from a page: refused, naming the page.
    err = _fails(
        tmp_path,
        {
            "content/over-sto.md": "---\ntitle: Over STO\naliases: [/a/]\n---\nTekst.\n",
            "content/contact.md": "---\ntitle: Contact\naliases: [/over-sto/]\n---\nTekst.\n",
        },
    )
    assert "content/contact.md:3: aliases: redirect from /over-sto/ would hide a real page" in err
    assert "published by content/over-sto.md" in err
