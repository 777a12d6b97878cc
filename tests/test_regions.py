"""region.yml: the programme's own data (plan, editors, supporter, leerwegen, primary schools, history) and its rules."""

from __future__ import annotations

from pathlib import Path

from sitekit import REPO, base_files, make_site, region_yml, soup, stogen

ALPHA = "regions/alpha/region.yml"

PROGRAMME = """\
editors: ["@jan-voorbeeld", piet-proef]
plan:
  period: 2025-2027
  approved: 2025-06-30
  link: plan/activiteitenplan.pdf
supporter:
  name: Ilse Invulling
  email: i.invulling@example.org
primary_schools:
  - name: Basisschool De Testmolen
    place: Plaats A
history:
  - date: 2026-08-01
    change: renamed
    from: [oud-alpha]
    to: [alpha]
    names: [Oud-Alpha]
"""


def _alpha(extra: str = "", **replace: str) -> str:
    text = region_yml("Alpha", ("99AA00", "99AB00", "99AC00")) + extra
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return text


def test_region_page_shows_the_programme_data(tmp_path: Path) -> None:
    files = base_files()
    files[ALPHA] = _alpha(PROGRAMME).replace(
        "profiles: [BWI, PIE]", "profiles: [BWI, PIE]\n    leerwegen: [kader, basis]"
    )
    root = make_site(tmp_path / "s", files)
    (root / "regions/alpha/plan").mkdir()
    (root / "regions/alpha/plan/activiteitenplan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    page = soup(root, "/regio/alpha/")
    text = page.find("main").get_text(" ", strip=True)
    assert "voorheen Oud-Alpha (sinds 1 augustus 2026)" in text
    assert "Periode 2025-2027, goedgekeurd op 30 juni 2025." in text
    assert page.find("a", href="/regio/alpha/plan/activiteitenplan.pdf") is not None
    assert (root / "public/regio/alpha/plan/activiteitenplan.pdf").is_file()
    assert "Landelijk ondersteuner Ilse Invulling" in text
    assert "Basisschool De Testmolen, Plaats A" in text
    assert "Leerwegen basisberoepsgerichte leerweg, kaderberoepsgerichte leerweg" in text
    # Beta has none of this: no empty headings or labels on its page.
    beta = soup(root, "/regio/beta/").find("main").get_text(" ", strip=True)
    for label in ("Visie en activiteitenplan", "Landelijk ondersteuner", "basisscholen", "Leerwegen", "voorheen"):
        assert label not in beta


def test_example_regions_carry_the_programme_data(tmp_path: Path) -> None:
    for path in sorted(REPO.glob("regions/*/region.yml")):
        text = path.read_text("utf-8")
        for field in ("editors:", "plan:", "supporter:", "leerwegen:"):
            assert field in text, f"{path}: {field}"


def test_every_programme_rule_is_reported_together(tmp_path: Path) -> None:
    broken = (
        _alpha(
            'editors: ["jan voorbeeld"]\nplan:\n  period: 2027-2025\n'
            "history:\n  - date: 2026-08-01\n    change: moved\n    from: [x]\n    to: [alpha]\n"
        )
        .replace("programmaleiders:\n  - name: Jan Voorbeeld\n    email: jan@example.org", "programmaleiders: []")
        .replace("profiles: [MVI]", "profiles: [MVI, Z&W]")
        .replace("profiles: [BWI, PIE]", "profiles: [E&O]")
        .replace("    code: 99AC00", "    code: 99AC00\n    leerwegen: [kader]")
    )
    files = base_files()
    files[ALPHA] = broken
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    err = result.stderr
    expected = [
        f"{ALPHA}:",
        "schools: a region needs at least 2 vmbo schools with a technical profile, this one has 1",
        "penvoerder: 'Stichting Voorbeeld' runs no vmbo school with a technical profile here",
        "programmaleiders: a region needs at least one programme leader, this list is empty",
        "schools[3].leerwegen: only a vmbo school has leerwegen",
        "editors[1]: 'jan voorbeeld' is not a GitHub account name",
        "plan.period: '2027-2025' is not a period of school years",
        "history[1].change: unknown change 'moved'",
    ]
    for message in expected:
        assert message in err, message
    assert "hint: " in err


def test_every_vmbo_profile_is_known_and_only_technical_ones_count(tmp_path: Path) -> None:
    files = base_files()
    files[ALPHA] = _alpha().replace("profiles: [MVI]", 'profiles: [MVI, "Z&W", "e&o", HBR, GR, "D&P"]')
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    text = soup(root, "/regio/alpha/").find("main").get_text(" ", strip=True)
    school = "Media, vormgeving en ICT (MVI), Dienstverlening en producten (D&P), Economie en ondernemen (E&O), "
    assert school + "Zorg en welzijn (Z&W), Horeca, bakkerij en recreatie (HBR), Groen (GR)" in text  # written out


def test_no_partners_is_a_warning_not_an_error(tmp_path: Path) -> None:
    files = base_files()
    files[ALPHA] = _alpha().replace("partners:\n  - name: Demobouw BV\n    url: https://example.org/demobouw\n", "")
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    assert (
        "regions/alpha/region.yml:1: warning: partners: a region works with employers, but no partners are listed"
        in (result.stderr)
    )


def test_plan_file_must_exist_in_the_region_folder(tmp_path: Path) -> None:
    files = base_files()
    files[ALPHA] = _alpha("plan:\n  period: 2025-2027\n  link: ../beta/plan.pdf\n")
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 1
    assert "plan.link: file '../beta/plan.pdf' not found in this region's folder" in result.stderr
