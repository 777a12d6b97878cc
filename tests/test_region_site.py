"""A region's pages as a subsite (issue 16): header with the region's photo, its own menu on every page of the
region, schools with their websites and contact before the news on a phone, profiles written out, and a hotspot
overview with a map link per address. region.yml's new fields (a school's website, a hotspot's address) come through
the reader, the JSON Schema and the web editor's form."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from bs4 import BeautifulSoup
from PIL import Image
from sitekit import REPO, base_files, make_site, page_path, region_yml, soup, stogen, tree_digest

ALPHA = "regions/alpha/region.yml"
HOTSPOTS = """\
hotspots:
  - name: Techniekhuis Voorbeeld
    place: Plaats A
    address: Voorbeeldstraat 12
    description: Gedeelde werkplaats met lasplekken.
    url: https://example.org/techniekhuis
    used_by: [99AC00, 99aa00]
  - name: Techniekbus
    place: Plaats B
"""


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 360), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


def _alpha() -> str:
    text = region_yml("Alpha", ("99AA00", "99AB00", "99AC00"))
    text = text.replace("    code: 99AA00\n", "    code: 99AA00\n    website: https://example.org/lyceum-alpha\n")
    return text.replace("hotspots:\n  - name: Techniekhuis Voorbeeld\n    place: Plaats A\n", HOTSPOTS)


def _site(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = dict(base_files())
    files["stogen.yml"] += "cms:\n  repo: sterktechniekonderwijs/website\n"
    files[ALPHA] = _alpha()
    files["regions/alpha/index.md"] = (
        "---\ntitle: Regio Alpha\nimage: images/werkplaats.png\nimage_alt: Leerlingen in de werkplaats\n---\n"
        "Welkom in de regio Alpha.\n"
    )
    files["regions/alpha/images/werkplaats.png"] = _photo()
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def _resolves(root: Path, href: str) -> bool:
    """A link of the site reaches a published page, and its anchor an element of that page."""
    url, _, anchor = href.partition("#")
    path = page_path(root, url)
    if not path.is_file():
        return False
    return not anchor or BeautifulSoup(path.read_text("utf-8"), "html.parser").find(id=anchor) is not None


def test_the_region_home_is_a_subsite_with_schools_and_contact_first(tmp_path: Path) -> None:
    root = _site(tmp_path)
    page = soup(root, "/regio/alpha/")
    main = page.find("main")
    photo = main.select_one("header.region-head figure.region-photo img")
    assert photo is not None and photo["alt"] == "Leerlingen in de werkplaats"
    assert main.select_one("header.region-head h1").get_text(strip=True) == "Regio Alpha"
    menu = main.find("nav", class_="region-menu")
    assert menu["aria-label"] == "Menu van regio Alpha"
    labels = [a.get_text(strip=True) for a in menu.find_all("a")]
    assert labels == ["Regio Alpha", "Nieuws", "Agenda", "Scholen", "Over de regio", "Contact"]
    dead = [a["href"] for a in menu.find_all("a") if not _resolves(root, a["href"])]
    assert dead == []
    # On a phone the page is one column in source order: schools and contact come before the news cards.
    ids = [s["id"] for s in main.find_all(["section", "aside"], id=True)]
    assert ids.index("scholen") < ids.index("contact") < ids.index("nieuws") < ids.index("agenda")
    schools = main.find(id="scholen")
    link = schools.find("a", href="https://example.org/lyceum-alpha")
    assert link is not None and link.get_text(strip=True) == "Fictief Lyceum Alpha"
    assert schools.find("a", string="Testschool Alpha") is None and "Testschool Alpha" in schools.get_text()
    # Profiles are written out, not hidden in a tooltip.
    assert "Bouwen, wonen en interieur (BWI), Produceren, installeren en energie (PIE)" in schools.get_text(" ")
    about = main.find(id="over")
    assert about.find("a", string="Media, vormgeving en ICT (MVI)") is not None
    assert main.find("abbr") is None
    contact = main.find(id="contact")
    assert contact.find("a", href="mailto:jan@example.org") is not None
    assert "Welkom in de regio Alpha." in about.get_text()  # the intro's text, with its photo in the header


def test_the_hotspot_overview_links_each_address_to_a_map(tmp_path: Path) -> None:
    root = _site(tmp_path)
    hotspots = soup(root, "/regio/alpha/").find(id="hotspots")
    items = hotspots.select("ul.hotspots > li")
    assert [li.find("h3").get_text(strip=True) for li in items] == ["Techniekhuis Voorbeeld", "Techniekbus"]
    first, second = items
    assert first.find("h3").find("a")["href"] == "https://example.org/techniekhuis"
    assert "Voorbeeldstraat 12, Plaats A" in first.get_text()
    maps = [a for a in first.find_all("a") if a["href"].startswith("https://www.openstreetmap.org/")]
    assert len(maps) == 1
    query = parse_qs(urlsplit(maps[0]["href"]).query)["query"]
    assert query == ["Voorbeeldstraat 12, Plaats A"]
    assert "Techniekhuis Voorbeeld" in maps[0].get_text()  # a link text that says where it goes
    assert "Gebruikt door Fictief Lyceum Alpha, Voorbeeldcollege Alpha." in first.get_text(" ", strip=True)
    assert hotspots.find("a", href="/hotspots/") is not None  # the national overview
    assert not [a for a in second.find_all("a") if "openstreetmap" in a["href"]]  # no address, no map link
    beta = soup(root, "/regio/beta/")
    assert beta.find(class_="region-photo") is None  # no intro photo: no empty figure
    assert beta.find(id="hotspots").find("a", href=lambda h: h and "openstreetmap" in h) is None
    assert soup(root, "/regio/").find("main").find("a", href="/hotspots/") is not None
    overview = soup(root, "/hotspots/").find("main")
    assert [h2.get_text(strip=True) for h2 in overview.find_all("h2")] == ["Regio Alpha", "Regio Beta"]
    alpha = overview.find("section", attrs={"aria-labelledby": "h-alpha"})
    assert [h3.get_text(strip=True) for h3 in alpha.find_all("h3")] == ["Techniekhuis Voorbeeld", "Techniekbus"]
    assert alpha.find("a", href="/regio/alpha/nieuws/") is not None  # each hotspot leads to its region's news
    assert len(alpha.find_all("a", href=lambda h: h and "openstreetmap" in h)) == 1


def test_a_hotspot_names_only_schools_of_its_region(tmp_path: Path) -> None:
    files = base_files()
    files[ALPHA] = _alpha().replace("used_by: [99AC00, 99aa00]", "used_by: [99AC00, 99BA00]")
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 1
    line = files[ALPHA].splitlines().index("    used_by: [99AC00, 99BA00]") + 1
    assert f"regions/alpha/region.yml:{line}: hotspots[1].used_by: 99BA00 is not a school of this region" in (
        result.stderr
    )
    assert "hint: use the location code of one of the region's schools: 99AA00, 99AB00, 99AC00" in result.stderr


def test_every_page_of_a_region_carries_its_menu(tmp_path: Path) -> None:
    root = _site(tmp_path)
    for url, current in (
        ("/regio/alpha/nieuws/", "/regio/alpha/nieuws/"),
        ("/regio/alpha/nieuws/open-dag/", "/regio/alpha/nieuws/"),
        ("/regio/alpha/agenda/", "/regio/alpha/agenda/"),
        ("/regio/alpha/over-de-regio/", None),
    ):
        menu = soup(root, url).find("nav", class_="region-menu")
        assert menu is not None, url
        assert menu.find("a")["href"] == "/regio/alpha/"
        marked = [a["href"] for a in menu.find_all("a", attrs={"aria-current": True})]
        assert marked == ([current] if current else []), url
        assert all(_resolves(root, a["href"]) for a in menu.find_all("a")), url
    for url in ("/nieuws/", "/agenda/", "/regio/", "/over-sto/"):
        assert soup(root, url).find("nav", class_="region-menu") is None, url
    beta = soup(root, "/regio/beta/nieuws/").find("nav", class_="region-menu")
    assert beta["aria-label"] == "Menu van regio Beta"


def test_school_website_and_hotspot_address_are_checked_and_in_the_schema_and_editor(tmp_path: Path) -> None:
    root = _site(tmp_path)
    regions = (root / ALPHA).read_text("utf-8")
    bad = regions.replace("website: https://example.org/lyceum-alpha", "website: lyceum-alpha.nl")
    (root / ALPHA).write_text(bad, "utf-8")
    result = stogen(root, "build")
    assert result.returncode == 1
    line = bad.splitlines().index("    website: lyceum-alpha.nl") + 1
    assert f"regions/alpha/region.yml:{line}: schools[1].website:" in result.stderr
    assert "Traceback" not in result.stderr
    schema = yaml.safe_load((REPO / "schemas/region.schema.json").read_text("utf-8"))
    school = schema["properties"]["schools"]["items"]["properties"]
    hotspot = schema["properties"]["hotspots"]["items"]["anyOf"][1]["properties"]  # a name alone, or a mapping
    assert school["website"]["pattern"] == "^https?://" and hotspot["address"]["type"] == "string"
    editor = yaml.safe_load((root / "public/admin/regio/alpha/config.yml").read_text("utf-8"))
    form = editor["collections"][-1]["files"][0]["fields"]
    nested = {f["name"]: {g["name"]: g["label"] for g in f.get("fields", [])} for f in form}
    assert nested["schools"]["website"] == "Website" and nested["hotspots"]["address"] == "Adres"


def test_example_regions_show_school_links_and_hotspots_on_a_map(tmp_path: Path) -> None:
    linked = [p for p in REPO.glob("regions/*/region.yml") if "    website: https://" in p.read_text("utf-8")]
    addressed = [p for p in REPO.glob("regions/*/region.yml") if "    address: " in p.read_text("utf-8")]
    assert len(linked) >= 2 and len(addressed) >= 2


def test_a_renamed_region_renews_the_menu_on_every_page_of_it_in_an_incremental_build(tmp_path: Path) -> None:
    root = _site(tmp_path)
    yml = root / ALPHA
    yml.write_text(yml.read_text("utf-8").replace("name: Alpha", "name: Alfa-Noord"), "utf-8")
    assert stogen(root, "build").returncode == 0
    for url in ("/regio/alpha/", "/regio/alpha/nieuws/open-dag/", "/regio/alpha/agenda/"):
        menu = soup(root, url).find("nav", class_="region-menu")
        assert menu["aria-label"] == "Menu van regio Alfa-Noord", url
        assert menu.find("a").get_text(strip=True) == "Regio Alfa-Noord", url
    incremental = tree_digest(root / "public")
    assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(root / "public") == incremental
