"""Every kind of bad input: a clear message naming file, line and field, exit 1, no traceback, old output kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitekit import CONFIG_WITH_SEARCH, article, make_site, region_yml, stogen, tree_digest

NEWS = "regions/alpha/nieuws/2026-11-07-fout.md"

CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "malformed yaml": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\ntags: [een, twee\n---\nTekst\n"},
        [f"{NEWS}:", "front matter is not valid YAML"],
    ),
    "missing front matter": (
        {NEWS: "Alleen tekst, geen front matter.\n"},
        [f"{NEWS}:1: has no front matter", "hint: start the file with ---"],
    ),
    "empty front matter": ({NEWS: "---\n---\nTekst\n"}, [f"{NEWS}:1: front matter is empty"]),
    "unterminated front matter": (
        {NEWS: "---\ntitle: x\ndate: 2026-11-07\n"},
        [f"{NEWS}:1: front matter is not closed"],
    ),
    "missing title": ({NEWS: "---\ndate: 2026-11-07\n---\nTekst\n"}, [f"{NEWS}:2: title: is required"]),
    "impossible date": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-02-30\n---\nTekst\n"},
        [f"{NEWS}:3: date: '2026-02-30' is not a real date", "hint: write 2026-11-03"],
    ),
    "not a date": (
        {NEWS: "---\ntitle: Fout\ndate: morgen\n---\n"},
        [f"{NEWS}:3: date: 'morgen' is not a date"],
    ),
    "wrong type": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\ndraft: misschien\n---\n"},
        [f"{NEWS}:4: draft: expected true or false"],
    ),
    "list where text expected": (
        {NEWS: "---\ntitle: [een, twee]\ndate: 2026-11-07\n---\n"},
        [f"{NEWS}:2: title: expected text, got a list"],
    ),
    "unknown field": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\nsumary: typo\n---\n"},
        [f"{NEWS}:4: sumary: unknown field", "did you mean 'summary'?"],
    ),
    "duplicate key": (
        {NEWS: "---\ntitle: Fout\ntitle: Nog eens\ndate: 2026-11-07\n---\n"},
        [f"{NEWS}:3: title: appears twice"],
    ),
    "image without alt": (
        {
            NEWS: "---\ntitle: Fout\ndate: 2026-11-07\nimage: ../images/a.png\n---\n",
            "regions/alpha/images/a.png": b"\x89PNG",
        },
        [f"{NEWS}:4: image_alt: is required when an image is given"],
    ),
    "image that does not exist": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\nimage: ../images/weg.png\nimage_alt: Iets\n---\n"},
        [f"{NEWS}:4: image: image file '../images/weg.png' not found"],
    ),
    "unknown profile": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\nprofiles: [BWI, ZORG]\n---\n"},
        [f"{NEWS}:4: profiles: unknown profile 'ZORG'", "use one of BWI, PIE, M&T, MVI, MaT"],
    ),
    "broken relative link": (
        {NEWS: article("Fout", "2026-11-07", "Eerste regel.\n\nZie [dit](bestaat-niet.md).")},
        [f"{NEWS}:7: body: link target 'bestaat-niet.md' not found"],
    ),
    "link outside the repository": (
        {NEWS: article("Fout", "2026-11-07", "![wachtwoorden](../../../../../../etc/passwd.png)")},
        [f"{NEWS}:5: body: image points outside the repository"],
    ),
    "end before start": (
        {
            "regions/alpha/agenda/2026-12-01-x.md": '---\ntitle: X\nstart: "2026-12-01 10:00"\nend: "2026-12-01 09:00"\nlocation: Hier\n---\n'
        },
        ["regions/alpha/agenda/2026-12-01-x.md:4: end: is before the start"],
    ),
    "region with one vmbo": (
        {
            "regions/alpha/region.yml": region_yml("Alpha", ("99AA00", "99AB00", "99AC00")).replace(
                "    type: vmbo\n    code: 99AB00", "    type: mbo\n    code: 99AB00"
            )
        },
        ["regions/alpha/region.yml:", "schools: a region needs at least 2 vmbo schools, this one has 1"],
    ),
    "vmbo location in two regions": (
        {"regions/beta/region.yml": region_yml("Beta", ("99AA00", "99BB00", "99BC00"))},
        ["regions/beta/region.yml:12: schools.code: vmbo location 99AA00", "also in region alpha"],
    ),
    "penvoerder not a vmbo board": (
        {
            "regions/alpha/region.yml": region_yml("Alpha", ("99AA00", "99AB00", "99AC00")).replace(
                "penvoerder: Stichting Voorbeeld", "penvoerder: Stichting Nergens"
            )
        },
        ["regions/alpha/region.yml:4: penvoerder: 'Stichting Nergens' is not the board of a vmbo school here"],
    ),
    "unknown profile in region": (
        {
            "regions/alpha/region.yml": region_yml("Alpha", ("99AA00", "99AB00", "99AC00")).replace(
                "[MVI]", "[MVI, Zorg]"
            )
        },
        ["regions/alpha/region.yml:20: schools[2].profiles: unknown profile 'Zorg'"],
    ),
    "old slug reused": (
        {"regions/beta/region.yml": region_yml("Beta", ("99BA00", "99BB00", "99BC00"), formerly="[alpha]")},
        ["regions/beta/region.yml:", "formerly: old slug 'alpha' is the slug of the existing region alpha"],
    ),
    "two files with the same url": (
        {"regions/alpha/nieuws/2026-11-08-open-dag.md": article("Nog een open dag", "2026-11-08")},
        [
            "publishes /regio/alpha/nieuws/open-dag/, which is also published by",
            "regions/alpha/nieuws/2026-11-05-open-dag.md",
        ],
    ),
    "not utf-8": (
        {NEWS: "---\ntitle: Caf\xe9\ndate: 2026-11-07\n---\n".encode("latin-1")},
        [f"{NEWS}:2: is not UTF-8 text", "hint: save the file with UTF-8 encoding"],
    ),
    "slug escaping the region": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\nslug: ../../../nieuws/kaping\n---\n"},
        [f"{NEWS}:4: slug: '../../../nieuws/kaping' is not a valid slug"],
    ),
    "url field in a region file": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\nurl: /nieuws/kaping/\n---\n"},
        [f"{NEWS}:4: url: is not a field stogen accepts", "use `slug` to change its last part"],
    ),
    "region field": (
        {NEWS: "---\ntitle: Fout\ndate: 2026-11-07\nregion: beta\n---\n"},
        [f"{NEWS}:4: region: is not a field stogen accepts", "a file's region is the folder it is in"],
    ),
    "central page under /regio/": (
        {"content/regio/alpha/kaping.md": "---\ntitle: Kaping\n---\n"},
        ["content/regio/alpha/kaping.md:1: central content cannot publish under /regio/"],
    ),
    "region page over a generated page": (
        {"regions/alpha/nieuws.md": "---\ntitle: Nieuws\n---\n"},
        [
            "regions/alpha/nieuws.md: publishes /regio/alpha/nieuws/, which stogen writes for the news listing of region alpha"
        ],
    ),
    "script file in a region": (
        {"regions/alpha/evil.html": "<script>alert(1)</script>"},
        ["regions/alpha/evil.html: files of type .html are not published"],
    ),
    "svg in a region": (
        {"regions/alpha/images/x.svg": "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"},
        ["regions/alpha/images/x.svg: .svg files are not published from a region folder"],
    ),
    "base_url without scheme": (
        {"stogen.yml": "title: X\nbase_url: www.example.org\n"},
        ["stogen.yml:2: base_url: 'www.example.org' is not an absolute URL"],
    ),
    "base_url missing": ({"stogen.yml": "title: X\n"}, ["stogen.yml:1: base_url: is required"]),
    "unknown config setting": (
        {"stogen.yml": "title: X\nbase_url: https://x.org\nthema: blauw\n"},
        ["stogen.yml:3: thema: unknown setting"],
    ),
    "region without region.yml": (
        {"regions/gamma/nieuws/2026-11-01-x.md": article("X", "2026-11-01")},
        ["regions/gamma: region.yml: the region has no region.yml"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_clearly_and_nothing_is_lost(site: Path, case: str) -> None:
    assert stogen(site, "build").returncode == 0
    before = tree_digest(site / "public")
    files, expected = CASES[case]
    make_site(site, files)
    result = stogen(site, "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert "build failed" in result.stderr and "previous output is unchanged" in result.stderr
    assert tree_digest(site / "public") == before
    assert not (site / "public.building").exists()


def test_symlink_outside_repository_is_refused(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Geheim\ndate: 2026-11-01\n---\nwachtwoord\n")
    os.symlink(secret, site / "regions/alpha/nieuws/2026-11-01-geheim.md")
    os.symlink(tmp_path, site / "regions/alpha/buiten")
    result = stogen(site, "build")
    assert result.returncode == 1
    assert "regions/alpha/nieuws/2026-11-01-geheim.md: is a symlink to a file outside the repository" in result.stderr
    assert "regions/alpha/buiten: is a symlink to a folder outside the repository" in result.stderr
    assert not (site / "public").exists()


def test_every_problem_of_a_run_is_listed_together(site: Path) -> None:
    make_site(
        site,
        {
            "regions/alpha/nieuws/2026-11-07-a.md": "---\ndate: 2026-11-07\n---\n",
            "regions/beta/nieuws/2026-11-07-b.md": "---\ntitle: B\ndate: 2026-13-01\n---\n",
            "content/nieuws/2026-11-07-c.md": "---\ntitle: C\ndate: 2026-11-07\nimage: x.png\n---\n",
        },
    )
    result = stogen(site, "build")
    assert result.returncode == 1
    assert "regions/alpha/nieuws/2026-11-07-a.md:2: title: is required" in result.stderr
    assert "regions/beta/nieuws/2026-11-07-b.md:3: date:" in result.stderr
    assert "content/nieuws/2026-11-07-c.md:4: image_alt:" in result.stderr
    assert "3 errors" in result.stderr


def test_newsletter_and_content_problems_are_reported_together(site: Path) -> None:
    make_site(
        site,
        {
            "newsletters/2026-11.md": "---\npreheader: Zonder onderwerp\n---\nIntro.\n",
            NEWS: "---\ntitle: Fout\ndate: 2026-11-31\n---\n",
        },
    )
    result = stogen(site, "build")
    assert result.returncode == 1
    assert "newsletters/2026-11.md:" in result.stderr and "subject" in result.stderr
    assert f"{NEWS}:3: date:" in result.stderr


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("{% block main %}", "{% block main %}{% bogus %}"),
            "templates/article.html:3: template: Encountered unknown tag",
        ),
        (("{{ item.entry.title }}", "{{ item.entry.titel }}"), "templates/article.html:7: template: "),
        (("{% macro markers", "{% bogus %}{% macro markers"), "templates/macros.html:1: template: Encountered"),
    ],
    ids=["syntax", "undefined", "macros"],
)
def test_a_broken_template_is_one_problem_at_its_line(site: Path, edit: tuple[str, str], expected: str) -> None:
    """A theme's mistake is not a page's: one problem at the template's line, however many pages use it, and no
    search index made of a build that is not published (with search on, it used to end in a traceback)."""
    (site / "stogen.yml").write_text(CONFIG_WITH_SEARCH, "utf-8")
    assert stogen(site, "build").returncode == 0
    before = tree_digest(site / "public")
    template = site / "themes/default/templates" / expected.split(":")[0].removeprefix("templates/")
    template.write_text(template.read_text("utf-8").replace(*edit, 1), "utf-8")
    result = stogen(site, "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count(": template: ") == 1, result.stderr
    assert f"themes/default/{expected}" in result.stderr, result.stderr
    assert tree_digest(site / "public") == before
