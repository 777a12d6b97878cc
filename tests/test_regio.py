"""stogen regio hernoem / voeg-samen / splits on a copy of the example site: no URL, GUID or UID lost.

Each test builds the site, changes a region through the CLI, builds again, and then follows every URL of the
first build's sitemap through the new `_redirects` (as Netlify does: a file that exists is served, else the first
matching rule) to a page that exists and shows the same item.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from bs4 import BeautifulSoup
from icalendar import Calendar
from sitekit import REPO, require_tool, stogen

NOW = "2026-11-28 12:00"
DAY = "2026-12-01"
LISTING = re.compile(r"^/regio/[^/]+/((nieuws|agenda)/(archief/)?(pagina/\d+/)?)?$")  # listings: names change


def example_site(tmp_path: Path, git: bool = False) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    for name in ("content", "regions", "themes", "newsletters"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "stogen.yml", root / "stogen.yml")
    if git:
        for args in (
            ["init", "-q"],
            ["add", "-A"],
            ["-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "x"],
        ):
            subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root


def build(root: Path, into: str) -> Path:
    result = stogen(root, "build", "--now", NOW)
    assert result.returncode == 0, result.stderr
    shutil.copytree(root / "public", root.parent / into)
    return root.parent / into


def sitemap(public: Path) -> list[str]:
    text = "".join(p.read_text("utf-8") for p in sorted(public.glob("sitemap*.xml")))
    return sorted({urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", text)} - {"/sitemap.xml"})


def page(public: Path, path: str) -> Path:
    return public / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


def follow(public: Path, path: str) -> str | None:
    """Where Netlify ends up: the file if it exists, else the first matching rule of _redirects; None if lost."""
    rules = [line.split() for line in (public / "_redirects").read_text("utf-8").splitlines() if line.strip()]
    for _ in range(3):
        if page(public, path).is_file():
            return path
        for source, target, _status in rules:
            if source == path:
                path = target
                break
            if source.endswith("*") and path.startswith(source[:-1]):
                path = target.replace(":splat", path[len(source) - 1 :])
                break
        else:
            return None
    return None


def h1(public: Path, path: str) -> str:
    found = BeautifulSoup(page(public, path).read_text("utf-8"), "html.parser").find("h1")
    return found.get_text(" ", strip=True) if found else ""


def assert_nothing_lost(before: Path, after: Path) -> None:
    lost, changed = [], []
    for path in sitemap(before):
        reached = follow(after, path)
        if reached is None:
            lost.append(path)
        elif not LISTING.match(path) and h1(before, path) != h1(after, reached):
            changed.append(f"{path} -> {reached}: {h1(before, path)!r} became {h1(after, reached)!r}")
    assert not lost, f"old URLs that lead nowhere: {lost}"
    assert not changed, "old URLs that lead to another item:\n" + "\n".join(changed)


def guids(public: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for feed in sorted(public.rglob("feed.xml")):
        for entry in feedparser.parse(feed.read_text("utf-8")).entries:
            found[entry.id] = entry.title
    return found


def uids(public: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for ics in sorted(public.rglob("*.ics")):
        for event in Calendar.from_ical(ics.read_bytes()).walk("VEVENT"):
            found[str(event["UID"])] = str(event["SUMMARY"])
    return found


def assert_same_identities(before: Path, after: Path, region: str) -> None:
    old, new = guids(before), guids(after)
    moved = {g: t for g, t in old.items() if f"/regio/{region}/" in g}
    assert moved, "the old region had items in its feed"
    for guid, title in old.items():
        assert new.get(guid) == title, f"feed GUID {guid} ({title}) is gone or changed"
    old_uids, new_uids = uids(before), uids(after)
    assert old_uids and all(new_uids.get(u) == s for u, s in old_uids.items())


def regio(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return stogen(root, "regio", *args, "--datum", DAY)


def test_rename_keeps_every_url_link_guid_and_uid(tmp_path: Path) -> None:
    root = example_site(tmp_path, git=True)
    before = build(root, "before")
    result = regio(root, "hernoem", "twente", "twente-salland", "--naam", "Twente-Salland")
    assert result.returncode == 0, result.stderr
    assert not (root / "regions/twente").exists()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    assert "R  regions/twente/region.yml -> regions/twente-salland/region.yml" in status  # moved with git mv
    # The central article, the region's own page and the newsletter point at the new paths.
    central = root / "content/nieuws/2026-11-12-nieuwe-hotspotkaart-laat-zien-waar-leerlingen-techniek-leren.md"
    assert "../../regions/twente-salland/nieuws/2026-06-25-nieuwe-cnc-machines-techniekhuis.md" in central.read_text()
    assert "regions/twente-salland/nieuws/2026-11-05-" in (root / "newsletters/2026-11.md").read_text()
    region = (root / "regions/twente-salland/region.yml").read_text()
    assert "name: Twente-Salland" in region and "formerly: [twente]" in region
    assert "- date: 2026-12-01\n    change: renamed\n    from: [twente]\n    to: [twente-salland]" in region
    after = build(root, "after")
    assert_nothing_lost(before, after)
    assert_same_identities(before, after, "twente")
    home = BeautifulSoup(page(after, "/regio/twente-salland/").read_text("utf-8"), "html.parser")
    assert "voorheen Twente (sinds 1 december 2026)" in home.find("main").get_text(" ", strip=True)
    directory = BeautifulSoup(page(after, "/regio/").read_text("utf-8"), "html.parser").find("main")
    assert "Twente-Salland (4 scholen; voorheen Twente)" in directory.get_text(" ", strip=True)  # found by old name
    places = json.loads(page(after, "/regio/plaatsen.json").read_text("utf-8"))
    assert {"naam": "Twente", "regio": "Twente-Salland", "soort": "regio", "url": "/regio/twente-salland/"} in places
    assert "@jan-voorbeeld" in (root / ".github/CODEOWNERS").read_text()


def test_merge_gives_a_clashing_slug_a_new_one_and_redirects_each_to_its_own(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    clash = "---\ntitle: {title}\ndate: {date}\n---\nEen open dag.\n"
    (root / "regions/zeeland/nieuws/2026-05-01-open-dag.md").write_text(
        clash.format(title="Open dag Zeeland", date="2026-05-01")
    )
    (root / "regions/rijnmond/nieuws/2026-04-01-open-dag.md").write_text(
        clash.format(title="Open dag Rijnmond", date="2026-04-01")
    )
    (root / "content/nieuws/2026-05-02-twee-open-dagen.md").write_text(
        "---\ntitle: Twee open dagen\ndate: 2026-05-02\n---\n"
        "Naar [Zeeland](../../regions/zeeland/nieuws/2026-05-01-open-dag.md) en [Rijnmond](/regio/rijnmond/nieuws/open-dag/).\n"
    )
    before = build(root, "before")
    result = regio(root, "voeg-samen", "zeeland", "rijnmond")
    assert result.returncode == 0, result.stderr
    assert (
        "new slug (its old one is taken): /regio/zeeland/nieuws/open-dag/ -> /regio/rijnmond/nieuws/open-dag-zeeland/"
        in result.stdout
    )
    moved = root / "regions/rijnmond/nieuws/2026-05-01-open-dag-zeeland.md"
    assert "aliases: [/regio/zeeland/nieuws/open-dag/]" in moved.read_text()
    assert (root / "regions/rijnmond/zeeland.md").exists() is False  # not an index page: over-de-regio clashes
    assert (root / "regions/rijnmond/over-de-regio-zeeland.md").exists()
    central = (root / "content/nieuws/2026-05-02-twee-open-dagen.md").read_text()
    assert "../../regions/rijnmond/nieuws/2026-05-01-open-dag-zeeland.md" in central
    region = (root / "regions/rijnmond/region.yml").read_text()
    assert "99ZL01" in region and "formerly: [zeeland]" in region and "change: merged" in region
    after = build(root, "after")
    assert_nothing_lost(before, after)
    assert follow(after, "/regio/zeeland/nieuws/open-dag/") == "/regio/rijnmond/nieuws/open-dag-zeeland/"
    assert follow(after, "/regio/rijnmond/nieuws/open-dag/") == "/regio/rijnmond/nieuws/open-dag/"
    assert_same_identities(before, after, "zeeland")
    home = BeautifulSoup(page(after, "/regio/rijnmond/").read_text("utf-8"), "html.parser").find("main")
    assert "samengevoegd met Zeeland (sinds 1 december 2026)" in home.get_text(" ", strip=True)
    checked = stogen(root, "check", "--now", NOW)  # every link of the new site resolves
    assert checked.returncode == 0, checked.stdout + checked.stderr


VERDELING = """\
twente-noord:
  name: Twente-Noord
  schools: [99TW01, 99TW03, 99TW04]
  files: ["nieuws/2025-*", "nieuws/2026-0*", "images/*", "over-de-regio.md", "index.md"]
twente-zuid:
  name: Twente-Zuid
  schools: [99TW02, 99TW05, 99TW04]
  penvoerder: Stichting Proefscholen Hengelo
  files: ["*"]
"""
EXTRA_SCHOOL = """\
  - name: Proefschool Haaksbergen
    place: Haaksbergen
    type: vmbo
    code: 99TW05
    board: Stichting Proefscholen Hengelo
    profiles: [MVI]
"""


def test_split_leaves_a_landing_page_and_sends_each_item_to_its_new_region(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    yml = root / "regions/twente/region.yml"
    yml.write_text(yml.read_text().replace("partners:\n", EXTRA_SCHOOL + "partners:\n", 1))
    (root / "verdeling.yml").write_text(VERDELING)
    before = build(root, "before")
    result = regio(root, "splits", "twente", "twente-noord", "twente-zuid", "--verdeel", "verdeling.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    noord = (root / "regions/twente-noord/region.yml").read_text()
    assert "99TW01" in noord and "99TW02" not in noord and "change: split" in noord
    assert "to: [twente-noord, twente-zuid]" in noord
    zuid = (root / "regions/twente-zuid/region.yml").read_text()
    assert "used_by: [99TW02, 99TW04]" in zuid and "used_by: [99TW01]" not in zuid  # hotspots keep their schools
    after = build(root, "after")
    assert_nothing_lost(before, after)
    landing = BeautifulSoup(page(after, "/regio/twente/").read_text("utf-8"), "html.parser")
    links = {a["href"] for a in landing.find("main").find_all("a")}
    assert {"/regio/twente-noord/", "/regio/twente-zuid/"} <= links
    assert follow(after, "/regio/twente/nieuws/") == "/regio/twente/"
    # The landing page is a template of its own: valid HTML like every other page (the Nu HTML Checker).
    java = require_tool("java")
    vnu = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
    checked = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", str(page(after, "/regio/twente/"))], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert follow(after, "/regio/twente/nieuws/gastlessen-demobouw-op-drie-scholen/") == (
        "/regio/twente-zuid/nieuws/gastlessen-demobouw-op-drie-scholen/"
    )
    assert_same_identities(before, after, "twente")


def test_a_split_must_place_every_file_and_every_vmbo_school(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    (root / "verdeling.yml").write_text(VERDELING.replace('["*"]', '["agenda/*"]'))
    result = regio(root, "splits", "twente", "twente-noord", "twente-zuid", "--verdeel", "verdeling.yml")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "given to no new region: nieuws/2026-11-05-gastlessen-demobouw-op-drie-scholen.md" in result.stderr
    assert (root / "regions/twente/region.yml").exists()  # nothing touched
    (root / "verdeling.yml").write_text(VERDELING.replace("  name: Twente-Zuid\n", "  naam: Twente-Zuid\n"))
    result = regio(root, "splits", "twente", "twente-noord", "twente-zuid", "--verdeel", "verdeling.yml")
    assert result.returncode == 1
    assert "verdeling.yml:6: twente-zuid.naam: unknown field" in result.stderr
    assert "verdeling.yml:5: twente-zuid.name: is required" in result.stderr


def test_dry_run_and_unknown_region(tmp_path: Path) -> None:
    root = example_site(tmp_path)
    result = regio(root, "hernoem", "twente", "twente-salland", "--dry-run")
    assert result.returncode == 0 and "dry run: nothing changed" in result.stdout
    assert (root / "regions/twente").is_dir() and not (root / "regions/twente-salland").exists()
    result = regio(root, "voeg-samen", "twentee", "rijnmond")
    assert result.returncode == 1 and "there is no region 'twentee'" in result.stderr
    result = regio(root, "hernoem", "twente", "zeeland")
    assert result.returncode == 1 and "regions/zeeland/ exists already" in result.stderr
