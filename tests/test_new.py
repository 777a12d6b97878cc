"""stogen new: files with correct front matter that build, slugs without diacritics, no overwriting."""

from __future__ import annotations

from pathlib import Path

from sitekit import soup, stogen


def test_new_news_in_region_builds_with_a_folded_slug(site: Path) -> None:
    made = stogen(site, "new", "nieuws", "--regio", "alpha", "Financiële steun voor Curaçao", "--now", "2026-11-28")
    assert made.returncode == 0, made.stderr
    rel = "regions/alpha/nieuws/2026-11-28-financiele-steun-voor-curacao.md"
    assert made.stdout.strip() == rel
    text = (site / rel).read_text("utf-8")
    assert 'title: "Financiële steun voor Curaçao"' in text and "date: 2026-11-28" in text
    built = stogen(site, "build")
    assert built.returncode == 0, built.stderr
    page = soup(site, "/regio/alpha/nieuws/financiele-steun-voor-curacao/")
    assert page.h1 is not None and "Financiële steun voor Curaçao" in page.h1.get_text()


def test_every_kind_and_english_alias_makes_a_file_that_builds(site: Path) -> None:
    env = {"STOGEN_NOW": "2026-11-28 10:00"}
    expected = {
        ("agenda", "Open dag werkplaats"): "content/agenda/2026-11-28-open-dag-werkplaats.md",
        ("event", "Ouderavond"): "content/agenda/2026-11-28-ouderavond.md",
        ("webinar", "Techniek & zorg"): "content/webinars/2026-11-28-techniek-en-zorg.md",
        ("page", "Veelgestelde vragen"): "content/veelgestelde-vragen.md",
        ("news", "Één nieuwtje"): "content/nieuws/2026-11-28-een-nieuwtje.md",
    }
    for (kind, title), rel in expected.items():
        made = stogen(site, "new", kind, title, env=env)
        assert made.returncode == 0, made.stderr
        assert made.stdout.strip() == rel and (site / rel).is_file()
    made = stogen(site, "new", "pagina", "--regio", "beta", "Over ons", env=env)
    assert made.stdout.strip() == "regions/beta/over-ons.md"
    made = stogen(site, "new", "nieuwsbrief", "2026-12")
    assert made.returncode == 0 and made.stdout.strip() == "newsletters/2026-12.md", made.stderr
    built = stogen(site, "build", "--now", "2026-11-28 09:00", "--future")
    assert built.returncode == 0, built.stderr + built.stdout
    assert "warning" not in built.stderr


def test_new_refuses_to_overwrite_and_names_the_file(site: Path) -> None:
    args = ("new", "nieuws", "--regio", "alpha", "Open dag in Alpha", "--now", "2026-11-05")
    target = site / "regions/alpha/nieuws/2026-11-05-open-dag-in-alpha.md"
    before = target.read_bytes() if target.exists() else None
    first = stogen(site, *args)
    assert first.returncode == 0
    text = target.read_bytes()
    again = stogen(site, *args)
    assert again.returncode == 1
    assert "regions/alpha/nieuws/2026-11-05-open-dag-in-alpha.md already exists" in again.stderr
    assert target.read_bytes() == text and before is None


def test_unknown_region_names_the_closest_match(site: Path) -> None:
    made = stogen(site, "new", "nieuws", "--regio", "alfa", "Iets")
    assert made.returncode == 1
    assert "unknown region 'alfa'" in made.stderr and "did you mean 'alpha'?" in made.stderr
    assert not list(site.glob("regions/alfa*"))
