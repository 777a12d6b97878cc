"""sitemap.xml (valid against the sitemaps.org 0.9 XSD, equal to the indexable pages written) and robots.txt."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from lxml import etree
from sitekit import REPO, article, base_files, make_site, stogen

from stogen.model.config import Config
from stogen.outputs.pages import PageJob
from stogen.outputs.sitemap import sitemap_files

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XSD_DIR = REPO / "node_modules" / "sitemap" / "schema"


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / name)))


def _indexable_pages(public: Path) -> set[str]:
    """Every HTML page written that does not ask to stay out of search engines, as its canonical URL."""
    found = set()
    for path in public.rglob("*.html"):
        doc = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        if doc.find("meta", attrs={"name": "robots", "content": "noindex"}):
            continue
        found.add(doc.find("link", rel="canonical")["href"])
    return found


def test_sitemap_valid_and_complete(tmp_path: Path) -> None:
    files = base_files()
    files["content/nieuws/2026-11-10-concept.md"] = article("Concept", "2026-11-10", draft="true")
    files["content/nieuws/2026-11-12-bijgewerkt.md"] = article("Bijgewerkt", "2026-11-12", updated='"2026-11-20"')
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    doc = etree.parse(str(root / "public/sitemap.xml"))
    schema = _schema("sitemap.xsd")
    assert schema.validate(doc), schema.error_log
    locs = [e.text for e in doc.findall("s:url/s:loc", NS)]
    assert len(locs) == len(set(locs))
    assert set(locs) == _indexable_pages(root / "public")
    assert "https://sto.example.org/404.html" not in locs
    assert not any("concept" in loc for loc in locs)
    lastmod = {
        u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS) for u in doc.findall("s:url", NS)
    }
    assert lastmod["https://sto.example.org/nieuws/bijgewerkt/"] == "2026-11-20T00:00:00+01:00"
    assert lastmod["https://sto.example.org/nieuws/"] == "2026-11-20T00:00:00+01:00"  # the newest item listed
    before = (root / "public/sitemap.xml").read_bytes()
    assert stogen(root, "build", now="2026-12-01 08:00").returncode == 0
    assert (root / "public/sitemap.xml").read_bytes() == before  # never the clock


def test_drafts_stay_out_even_in_a_draft_build(site: Path) -> None:
    (site / "content/nieuws/2026-11-10-concept.md").write_text(article("Concept", "2026-11-10", draft="true"))
    assert stogen(site, "build", "--drafts").returncode == 0
    assert b"concept" not in (site / "public/sitemap.xml").read_bytes()
    assert (site / "public/nieuws/concept/index.html").is_file()


def test_sitemap_index_above_the_threshold(tmp_path: Path) -> None:
    config = Config(root=tmp_path, title="T", base_url="https://sto.example.org")
    jobs = [PageJob(f"/p{n}/", "page.html", f"P{n}", "test") for n in range(5)]
    jobs.append(PageJob("/404.html", "404.html", "404", "test", indexable=False))
    files = dict(sitemap_files(config, jobs, max_urls=2))
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = etree.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{NS['s']}}}sitemapindex"  # the npm package ships no siteindex.xsd
    assert [e.text for e in index.findall("s:sitemap/s:loc", NS)] == [
        f"https://sto.example.org/sitemap-{n}.xml" for n in (1, 2, 3)
    ]
    urls = []
    for n in (1, 2, 3):
        part = etree.fromstring(files[f"sitemap-{n}.xml"])
        assert _schema("sitemap.xsd").validate(part)
        urls += [e.text for e in part.findall("s:url/s:loc", NS)]
    assert urls == [f"https://sto.example.org/p{n}/" for n in range(5)]
    by_size = sitemap_files(config, jobs, max_bytes=400)
    assert len(by_size) > 2 and all(len(data) <= 400 for name, data in by_size[1:])


def test_robots_allow_and_block(site: Path) -> None:
    assert stogen(site, "build").returncode == 0
    text = (site / "public/robots.txt").read_text()
    assert text == "User-agent: *\nDisallow:\n\nSitemap: https://sto.example.org/sitemap.xml\n"
    assert stogen(site, "build", env={"STOGEN_ROBOTS": "block"}).returncode == 0
    assert (site / "public/robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    (site / "stogen.yml").write_text((site / "stogen.yml").read_text() + "robots: block\n")
    assert stogen(site, "build").returncode == 0
    assert (site / "public/robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    (site / "stogen.yml").write_text((site / "stogen.yml").read_text().replace("robots: block", "robots: maybe"))
    result = stogen(site, "build")
    assert result.returncode == 1 and "robots: unknown value 'maybe'" in result.stderr
