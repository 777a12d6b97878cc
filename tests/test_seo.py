"""The SEO head: one canonical per page equal to its own URL, unique titles, Open Graph, JSON-LD."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image
from sitekit import article, base_files, make_site, soup, stogen

from stogen.render.theme import _json_ld

BASE = "https://sto.example.org"


def _url_of(public: Path, path: Path) -> str:
    rel = path.relative_to(public).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _ld(doc: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in doc.find_all("script", type="application/ld+json")]


def _types(doc: BeautifulSoup) -> list[str]:
    return [b.get("@type") for b in _ld(doc)]


def _meta(doc: BeautifulSoup, prop: str) -> str | None:
    tag = doc.find("meta", attrs={"property": prop}) or doc.find("meta", attrs={"name": prop})
    return tag["content"] if tag else None


def test_every_page_has_one_canonical_and_a_unique_title(site: Path) -> None:
    assert stogen(site, "build").returncode == 0
    public = site / "public"
    titles: dict[str, str] = {}
    for path in sorted(public.rglob("*.html")):
        doc = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        url = _url_of(public, path)
        canonicals = doc.find_all("link", rel="canonical")
        if url == "/404.html":
            assert canonicals == []
            continue
        assert [c["href"] for c in canonicals] == [BASE + url], url
        assert _meta(doc, "og:url") == BASE + url
        title = doc.title.string
        assert title not in titles, (url, titles.get(title))
        titles[title] = url
        for block in _ld(doc):
            assert block["@context"] == "https://schema.org"
        if url.count("/") > 2:
            assert "BreadcrumbList" in _types(doc), url


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def test_home_and_article_metadata(tmp_path: Path) -> None:
    files = base_files()
    files["content/images/foto.png"] = _png(800, 450)  # large enough for a social image of its own
    files["regions/alpha/nieuws/2026-11-20-werkplaats.md"] = article(
        "Nieuwe werkplaats",
        "2026-11-20",
        "Eerste alinea over de werkplaats. " * 10,
        image="/images/foto.png",
        image_alt="Leerlingen aan het werk",
        author="Piet Schrijver",
        updated='"2026-11-25"',
    )
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    home = soup(root, "/")
    assert _types(home) == ["Organization", "WebSite"]
    assert _meta(home, "og:type") == "website" and _meta(home, "og:locale") == "nl_NL"
    page = soup(root, "/regio/alpha/nieuws/werkplaats/")
    assert page.find("link", rel="canonical")["href"] == BASE + "/regio/alpha/nieuws/werkplaats/"
    description = _meta(page, "description")
    assert description.startswith("Eerste alinea") and len(description) <= 156 and description.endswith("…")
    assert _meta(page, "og:type") == "article"
    assert _meta(page, "og:image") == BASE + "/images/foto-social.jpg"  # the photo's 1200 x 630 crop
    assert _meta(page, "og:image:alt") == "Leerlingen aan het werk"
    assert _meta(page, "twitter:card") == "summary_large_image"
    blocks = {b["@type"]: b for b in _ld(page)}
    assert set(blocks) == {"NewsArticle", "BreadcrumbList"}
    news = blocks["NewsArticle"]
    assert news["headline"] == "Nieuwe werkplaats"
    assert news["image"] == [BASE + "/images/foto-social.jpg", BASE + "/images/foto-800w.jpg"]
    assert news["datePublished"] == "2026-11-20T00:00:00+01:00"
    assert news["dateModified"] == "2026-11-25T00:00:00+01:00"
    assert news["author"] == {"@type": "Person", "name": "Piet Schrijver"}
    assert news["publisher"]["@type"] == "Organization"
    trail = [e["item"] for e in blocks["BreadcrumbList"]["itemListElement"]]
    assert trail == [
        BASE + "/",
        BASE + "/regio/",
        BASE + "/regio/alpha/",
        BASE + "/regio/alpha/nieuws/",
        BASE + "/regio/alpha/nieuws/werkplaats/",
    ]
    # shown on the central listing, the regional article keeps its one URL under /regio/
    links = [a["href"] for a in soup(root, "/nieuws/").find_all("a")]
    assert "/regio/alpha/nieuws/werkplaats/" in links
    assert not (root / "public/nieuws/werkplaats").exists()


def test_json_ld_cannot_be_broken_out_of(tmp_path: Path) -> None:
    files = base_files()
    files["content/nieuws/2026-11-21-truc.md"] = article("Truc </script><b>x", "2026-11-21")
    root = make_site(tmp_path / "s", files)
    assert stogen(root, "build").returncode == 0
    (path,) = (root / "public/nieuws").glob("truc*/index.html")
    found = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    news = next(b for b in _ld(found) if b["@type"] == "NewsArticle")
    assert news["headline"] == "Truc </script><b>x"


@settings(max_examples=300, deadline=None)
@example("\ud800 lone")
@example(2**70)
@example("</script>\u2028\x00 é 🚀")
@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(), lambda inner: st.lists(inner, max_size=3)))
def test_json_ld_text_is_the_standard_librarys(value: object) -> None:
    """The JSON-LD writer (orjson, for speed) gives the bytes json.dumps gives, for any text (lone surrogates and
    integers past 64 bits included, which orjson refuses), with <, > and & escaped."""
    data = {"@type": "Thing", "name": value}
    expected = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    expected = expected.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    assert str(_json_ld(data)) == expected


def test_too_long_summary_warns(site: Path) -> None:
    summary = "Een samenvatting die veel te lang is. " * 6
    (site / "content/nieuws/2026-11-03-lang.md").write_text(article("Lang", "2026-11-03", summary=summary.strip()))
    result = stogen(site, "build")
    assert result.returncode == 0
    assert "content/nieuws/2026-11-03-lang.md:4: warning: summary: is 227 characters" in result.stderr
