"""Figures counted, never typed: "{aantal-regios}" in content, the theme's strings and stogen.yml's description
says how many regions the site has, and says it again after a region is added, also in an incremental build."""

from __future__ import annotations

from pathlib import Path

from sitekit import CONFIG, base_files, make_site, region_yml, soup, stogen

HOME = "---\ntitle: Welkom bij STO\n---\nIn {aantal-regios} regio's werken scholen samen. Schrijf `{aantal-regios}`.\n"


def site(tmp_path: Path) -> Path:
    files = base_files()
    files["content/index.md"] = HOME
    files["stogen.yml"] = CONFIG.replace("Een kleine site om stogen te testen.", "Scholen in {aantal-regios} regio's.")
    return make_site(tmp_path / "site", files)


def said(root: Path) -> tuple[str, str, str, str]:
    """The home page's intro, its meta description, the footer of a region page, the description of a news page."""
    home = soup(root, "/")
    intro = next(p for p in home.find("main").find_all("p") if "werken scholen samen" in p.get_text())
    meta = home.find("meta", attrs={"name": "description"})["content"]
    footer = soup(root, "/regio/alpha/").find("footer").get_text(" ", strip=True)
    other = soup(root, "/agenda/").find("meta", attrs={"name": "description"})["content"]
    return intro.get_text(), meta, footer, other


def test_the_number_of_regions_is_counted_and_follows_a_new_region(tmp_path: Path) -> None:
    root = site(tmp_path)
    done = stogen(root, "build")
    assert done.returncode == 0, done.stderr
    intro, meta, footer, _ = said(root)
    assert intro.startswith("In 2 regio's werken scholen samen.")
    assert "{aantal-regios}" in intro  # in a code span it stays as written: the guide can show it
    assert meta == "Scholen in 2 regio's."
    assert "bedrijven in 2 regio's." in footer
    assert "{aantal-" not in soup(root, "/over-sto/").get_text()

    (root / "regions/gamma").mkdir()
    (root / "regions/gamma/region.yml").write_text(region_yml("Gamma", ("99CA00", "99CB00", "99CC00")), "utf-8")
    done = stogen(root, "build")  # incremental: the cache and the previous public/ are there
    assert done.returncode == 0, done.stderr
    intro, meta, footer, _ = said(root)
    assert intro.startswith("In 3 regio's werken scholen samen.")
    assert meta == "Scholen in 3 regio's."
    assert "bedrijven in 3 regio's." in footer


def test_an_unknown_figure_is_a_problem_at_its_line(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "regions/alpha/nieuws/2026-11-06-scholen.md").write_text(
        "---\ntitle: Scholen\ndate: 2026-11-06\n---\nEerste regel.\n\nIn {aantal-scholen} scholen.\n", "utf-8"
    )
    done = stogen(root, "build")
    assert done.returncode == 1
    assert (
        "regions/alpha/nieuws/2026-11-06-scholen.md:7: body: {aantal-scholen} is not a figure stogen counts"
        in done.stderr
    )
    assert "hint: write {aantal-regios}" in done.stderr and "Traceback" not in done.stderr
