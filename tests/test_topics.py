"""Pages by subject: a page per technical profile (its schools, news and events) and per topic (tag)."""

from __future__ import annotations

from pathlib import Path

from sitekit import article, base_files, make_site, soup, stogen


def test_profile_and_topic_pages_are_linked_from_every_item(tmp_path: Path) -> None:
    files = base_files()
    files["regions/alpha/nieuws/2026-11-06-bouwplaats.md"] = article(
        "Bouwplaats op school", "2026-11-06", profiles="[BWI]", tags="[hybride docenten, Bouw]"
    )
    files["content/nieuws/2026-11-07-leerlijn.md"] = article("Leerlijn bouw", "2026-11-07", tags="[bouw]")
    root = make_site(tmp_path / "site", files)
    assert stogen(root, "build").returncode == 0
    item = soup(root, "/regio/alpha/nieuws/bouwplaats/")
    terms = {a.get_text(): a["href"] for a in item.select(".terms a")}
    assert terms == {
        "Bouwen, wonen en interieur": "/profielen/bouwen-wonen-en-interieur/",
        "bouw": "/onderwerpen/bouw/",
        "hybride docenten": "/onderwerpen/hybride-docenten/",
    }
    profile = soup(root, "/profielen/bouwen-wonen-en-interieur/")
    schools = [li.get_text(" ", strip=True) for li in profile.select("#h-scholen ~ ul li")]
    assert schools == ["Fictief Lyceum Alpha, Plaats A · Regio Alpha", "Fictief Lyceum Beta, Plaats A · Regio Beta"]
    assert profile.find("a", href="/regio/alpha/nieuws/bouwplaats/")
    assert [a["href"] for a in soup(root, "/profielen/").select("main li a")][:1] == [
        "/profielen/bouwen-wonen-en-interieur/"
    ]
    topic = soup(root, "/onderwerpen/bouw/")
    assert [a["href"] for a in topic.select(".card-title a")] == [
        "/nieuws/leerlijn/",
        "/regio/alpha/nieuws/bouwplaats/",
    ]
    index = {a.get_text(): a["href"] for a in soup(root, "/onderwerpen/").select("main li a")}
    assert index == {"Bouw": "/onderwerpen/bouw/", "Hybride docenten": "/onderwerpen/hybride-docenten/"}
