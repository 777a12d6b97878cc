"""RSS feeds: parse with feedparser, absolute links, newest N, deterministic, autodiscovery."""

from __future__ import annotations

from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from sitekit import PNG, article, base_files, make_site, soup, stogen


def _feed(root: Path, rel: str) -> feedparser.FeedParserDict:
    d = feedparser.parse((root / "public" / rel).read_bytes())
    assert d.version == "rss20", rel
    assert d.bozo == 0, (rel, d.get("bozo_exception"))
    return d


def test_every_feed_parses_with_absolute_links(tmp_path: Path) -> None:
    files = base_files()
    files["content/images/foto.png"] = PNG
    files["content/nieuws/2026-11-20-met-beeld.md"] = article(
        "Met beeld", "2026-11-20", "Zie [over STO](../over-sto.md) en ![Een foto](../images/foto.png)."
    )
    root = make_site(tmp_path / "s", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    site = _feed(root, "feed.xml")
    assert [e.title for e in site.entries][:2] == ["Met beeld", "Open dag in Alpha"]
    assert len(site.entries) == 5  # central and regional news
    for rel in ("feed.xml", "regio/alpha/feed.xml", "regio/beta/feed.xml"):
        for entry in _feed(root, rel).entries:
            assert entry.link.startswith("https://sto.example.org/")
            assert entry.id == entry.link  # guid = canonical URL
    first = site.entries[0]
    assert first.published == "Fri, 20 Nov 2026 00:00:00 +0100"
    assert site.feed.updated == first.published  # lastBuildDate: the newest item, never the clock
    body = BeautifulSoup(first.content[0].value, "html.parser")
    assert body.find("a")["href"] == "https://sto.example.org/over-sto/"
    assert body.find("img")["src"] == "https://sto.example.org/images/foto-1w.jpg"
    alpha = _feed(root, "regio/alpha/feed.xml")
    assert [e.title for e in alpha.entries] == ["Open dag in Alpha", "Gastles in Alpha"]


def test_feed_items_setting_and_determinism(tmp_path: Path) -> None:
    files = base_files()
    files["stogen.yml"] += "feed_items: 2\n"
    root = make_site(tmp_path / "s", files)
    assert stogen(root, "build").returncode == 0
    first = (root / "public/feed.xml").read_bytes()
    assert len(_feed(root, "feed.xml").entries) == 2
    assert stogen(root, "build", now="2027-01-01 10:00").returncode == 0
    assert (root / "public/feed.xml").read_bytes() == first  # a later build date changes nothing


def test_feed_items_must_be_positive(tmp_path: Path) -> None:
    files = base_files()
    files["stogen.yml"] += "feed_items: 0\n"
    result = stogen(make_site(tmp_path / "s", files), "build")
    assert result.returncode == 1
    assert "stogen.yml:13: feed_items: must be at least 1" in result.stderr


def test_autodiscovery_links(site: Path) -> None:
    assert stogen(site, "build").returncode == 0

    def feeds(url: str) -> list[str]:
        return [link["href"] for link in soup(site, url).find_all("link", type="application/rss+xml")]

    assert feeds("/") == ["https://sto.example.org/feed.xml"]
    assert feeds("/over-sto/") == ["https://sto.example.org/feed.xml"]
    expected = ["https://sto.example.org/feed.xml", "https://sto.example.org/regio/alpha/feed.xml"]
    assert feeds("/regio/alpha/") == expected
    assert feeds("/regio/alpha/nieuws/open-dag/") == expected
    assert feeds("/regio/alpha/over-de-regio/") == expected
