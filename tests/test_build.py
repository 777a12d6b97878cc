"""stogen build on a small site: what is written where, and what a reader of the HTML sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitekit import NOW, PNG, article, base_files, make_site, page_path, soup, stogen, tree_digest

from stogen.build.pipeline import build
from stogen.build.writer import Staging


def test_build_writes_central_and_regional_pages(site: Path) -> None:
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    assert "built" in result.stdout
    for url in [
        "/",
        "/nieuws/",
        "/nieuws/landelijk-nieuws/",
        "/over-sto/",
        "/agenda/",
        "/agenda/congres/",
        "/regio/",
        "/regio/alpha/",
        "/regio/alpha/nieuws/",
        "/regio/alpha/nieuws/open-dag/",
        "/regio/alpha/over-de-regio/",
        "/regio/alpha/agenda/",
        "/regio/beta/",
        "/404.html",
    ]:
        assert page_path(site, url).is_file(), url


def test_regional_article_has_one_url_and_is_listed_centrally(site: Path) -> None:
    assert stogen(site, "build").returncode == 0
    assert not page_path(site, "/nieuws/open-dag/").exists()
    listing = soup(site, "/nieuws/")
    links = [a["href"] for a in listing.select("main a")]
    assert "/regio/alpha/nieuws/open-dag/" in links
    card = listing.find("a", href="/regio/alpha/nieuws/open-dag/").find_parent("article")
    assert "Regio Alpha" in card.get_text()
    central_card = listing.find("a", href="/nieuws/landelijk-nieuws/").find_parent("article")
    assert "Landelijk" in central_card.get_text()


def test_news_listing_is_paginated_newest_first(site: Path) -> None:
    assert stogen(site, "build").returncode == 0  # per_page: 3, four articles
    first = [a["href"] for a in soup(site, "/nieuws/").select("main article h2 a")]
    assert first == [
        "/regio/alpha/nieuws/open-dag/",
        "/nieuws/landelijk-nieuws/",
        "/regio/alpha/nieuws/gastles/",
    ]
    second = soup(site, "/nieuws/pagina/2/")
    assert [a["href"] for a in second.select("main article h2 a")] == ["/regio/beta/nieuws/robots/"]
    assert second.find("a", rel="prev")["href"] == "/nieuws/"


def test_region_home_shows_profile(site: Path) -> None:
    assert stogen(site, "build").returncode == 0
    page = soup(site, "/regio/alpha/")
    text = page.get_text(" ")
    assert page.h1.get_text() == "Regio Alpha"
    for expected in [
        "Fictief Lyceum Alpha",
        "Voorbeeldcollege Alpha",
        "Stichting Voorbeeld",
        "Jan Voorbeeld",
        "Demobouw BV",
        "Techniekhuis Voorbeeld",
        "Vmbo-scholen",
        "Mbo-instellingen",
    ]:
        assert expected in text, expected
    assert page.find("a", href="/regio/alpha/nieuws/open-dag/")
    directory = soup(site, "/regio/")
    provinces = [h.get_text() for h in directory.select("main h2[id^=p-]")]
    assert provinces == ["Overijssel", "Zeeland"]


def test_pages_are_accessible_in_structure(site: Path) -> None:
    assert stogen(site, "build").returncode == 0
    for url in ["/", "/nieuws/", "/regio/alpha/", "/regio/alpha/nieuws/open-dag/", "/agenda/", "/404.html"]:
        page = soup(site, url)
        assert page.html["lang"] == "nl"
        assert len(page.find_all("h1")) == 1, url
        assert page.find("main", id="inhoud")
        assert page.find("a", href="#inhoud"), "skip link"
        assert page.find("header") and page.find("footer") and page.find("nav")
        # No JavaScript needed to read: a script only enhances (the region finder), deferred, from the site itself.
        for script in page.find_all("script", src=True):
            assert script.has_attr("defer") and script["src"].startswith("/static/"), (url, script)
        assert not page.find("script", src=False, type=lambda kind: kind != "application/ld+json"), url
        for img in page.find_all("img"):
            assert img.has_attr("alt"), img


def test_canonical_and_title_unique(site: Path) -> None:
    assert stogen(site, "build").returncode == 0
    titles = {}
    for path in (site / "public").rglob("index.html"):
        page = soup(site, "/" + path.parent.relative_to(site / "public").as_posix().strip(".") + "/")
        title = page.title.get_text()
        assert title not in titles, (title, path, titles.get(title))
        titles[title] = path
        canonical = page.find("link", rel="canonical")["href"]
        url = "/" + path.parent.relative_to(site / "public").as_posix()
        assert canonical == "https://sto.example.org" + (url.rstrip("/.") + "/" if url != "/." else "/")


def test_markdown_is_safe_and_links_resolve(site: Path) -> None:
    body = """
    # Kop in de tekst

    <script>alert('x')</script> en <img src=x onerror="alert(1)">

    [gevaarlijk](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [extern](https://example.org/x)
    [hoofdletters](JaVaScRiPt:alert(2)) [entiteit](java&#x73;cript:alert(3)) <javascript:alert(4)> [vb](vbscript:x)
    ![plaatje](data:image/svg+xml;base64,PHN2Zz4=) ![<img src=x onerror=alert(5)>](../images/werkplaats.png "<b>")
    [regio](../over-de-regio.md#team) [ander artikel](2026-10-01-gastles.md) [landelijk](../../../content/over-sto.md)

    ![Leerlingen in de werkplaats](../images/werkplaats.png)

    | a | b |
    |---|---|
    | 1 | 2 |

    Met een voetnoot.[^1]

    [^1]: De bron.
    """
    make_site(
        site,
        {
            "regions/alpha/nieuws/2026-11-06-veilig.md": article("Veilig", "2026-11-06", body),
            "regions/alpha/images/werkplaats.png": PNG,
        },
    )
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    html = page_path(site, "/regio/alpha/nieuws/veilig/").read_text("utf-8")
    page = soup(site, "/regio/alpha/nieuws/veilig/")
    prose = page.select_one(".prose")
    assert prose.find("script") is None and "&lt;script&gt;" in html
    assert not prose.find("img", onerror=True)
    hrefs = [a.get("href") for a in prose.find_all("a")]
    assert not any(h and h.lower().startswith(("javascript:", "data:", "vbscript:")) for h in hrefs)
    assert [img["src"] for img in prose.find_all("img")] == ["/regio/alpha/images/werkplaats-1w.jpg"] * 2
    assert prose.find("img", title="<b>")["alt"] == "<img src=x onerror=alert(5)>"  # text, never markup
    assert prose.find("a", href="https://example.org/x")["rel"] == ["noopener"]
    assert "/regio/alpha/over-de-regio/#team" in hrefs
    assert "/regio/alpha/nieuws/gastles/" in hrefs
    assert "/over-sto/" in hrefs
    assert page_path(site, "/regio/alpha/images/werkplaats.png").is_file()
    assert prose.find("h2", id="kop-in-de-tekst"), "body headings start at h2 and get ids"
    assert len(page.find_all("h1")) == 1
    assert prose.find("table") and prose.find(class_="footnotes")


def test_drafts_and_future_are_not_published_unless_asked(site: Path) -> None:
    make_site(
        site,
        {
            "content/nieuws/2026-11-10-concept.md": article("Concept", "2026-11-10", draft="true"),
            "regions/beta/nieuws/2026-12-15-later.md": article("Later", "2026-12-15"),
        },
    )
    assert stogen(site, "build").returncode == 0
    assert not page_path(site, "/nieuws/concept/").exists()
    assert not page_path(site, "/regio/beta/nieuws/later/").exists()
    assert stogen(site, "build", "--drafts", "--future").returncode == 0
    assert page_path(site, "/nieuws/concept/").exists()
    later = soup(site, "/regio/beta/nieuws/later/")
    assert "gepland" in later.h1.get_text()
    # "now" from the environment, as in CI: the future article is due by then.
    result = stogen(site, "build", now=None, env={"STOGEN_NOW": "2026-12-16"})
    assert result.returncode == 0, result.stderr
    assert page_path(site, "/regio/beta/nieuws/later/").exists()


def test_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    assert stogen(site, "build").returncode == 0
    first = tree_digest(site / "public")
    assert stogen(site, "build").returncode == 0
    assert tree_digest(site / "public") == first
    assert ".stogen" in first


def test_static_files_are_copied(site: Path) -> None:
    make_site(site, {"content/images/logo.png": PNG, "regions/beta/docs/plan.pdf": b"%PDF-1.4"})
    assert stogen(site, "build").returncode == 0
    # A raster goes through the photo engine (tests/test_photos_site.py); its own URL still serves it.
    assert page_path(site, "/images/logo.png").read_bytes().startswith((b"\x89PNG", b"\xff\xd8"))
    assert page_path(site, "/regio/beta/docs/plan.pdf").is_file()
    css = soup(site, "/").find("link", rel="stylesheet")["href"]
    assert css.startswith("/static/style.css?v=")
    assert page_path(site, "/static/style.css").is_file()


def test_output_folder_not_made_by_stogen_is_refused(site: Path) -> None:
    (site / "public").mkdir()
    (site / "public" / "precious.txt").write_text("keep me")
    result = stogen(site, "build")
    assert result.returncode == 1
    assert "was not made by stogen" in result.stderr
    assert (site / "public" / "precious.txt").read_text() == "keep me"


def test_library_build_from_a_relative_root_equals_the_cli(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_site(site, {"regions/beta/images/foto.png": PNG})  # assets are named by their path
    assert stogen(site, "build").returncode == 0
    expected = tree_digest(site / "public")
    shutil.rmtree(site / "public")
    shutil.rmtree(site / ".stogen-cache")
    monkeypatch.chdir(site)
    result = build(Path("."), now=NOW)
    assert not result.problems.has_errors()
    assert tree_digest(site / "public") == expected


def test_front_matter_images_by_relative_path_and_by_site_path(tmp_path: Path) -> None:
    """`image:` relative to the file and the same image by its site path name one photo; a site path to nothing is
    refused at its line (assembled through one lookup per folder and path, see model/site.py _Targets)."""
    files = base_files()
    files["regions/alpha/images/werkplaats.png"] = PNG
    files["regions/alpha/nieuws/2026-11-20-relatief.md"] = article(
        "Relatief", "2026-11-20", image="../images/werkplaats.png", image_alt="Werkplaats"
    )
    files["regions/alpha/nieuws/2026-11-21-sitepad.md"] = article(
        "Sitepad", "2026-11-21", image="/regio/alpha/images/werkplaats.png", image_alt="Werkplaats"
    )
    root = make_site(tmp_path / "site", files)
    done = stogen(root, "build")
    assert done.returncode == 0, done.stderr

    def shown(url: str) -> str:
        return soup(root, url).select_one("article img")["src"]

    assert shown("/regio/alpha/nieuws/relatief/") == shown("/regio/alpha/nieuws/sitepad/")
    assert "werkplaats" in shown("/regio/alpha/nieuws/sitepad/")
    broken = root / "regions/alpha/nieuws/2026-11-22-weg.md"
    broken.write_text(article("Weg", "2026-11-22", image="/regio/alpha/images/weg.png", image_alt="x"), "utf-8")
    failed = stogen(root, "build")
    assert failed.returncode == 1
    assert "regions/alpha/nieuws/2026-11-22-weg.md:4: image:" in failed.stderr


def test_folders_made_ahead_are_in_place_and_the_process_is_gone(tmp_path: Path) -> None:
    """A clean build's folders are made by a process of its own while the build plans (Staging.prepare): what it
    made is in the output, files find their folders (or make them, when first), and commit() waits for it."""
    out = tmp_path / "public"
    staging = Staging(out)
    staging.prepare(lambda: ["a/b/c", "a/b", "x", "", "a/b/c", "deep/er/still"])
    staging.put("a/b/c/index.html", b"c")
    staging.put("new/folder/index.html", b"n")  # not among them: made by the file that needs it
    staging.mark("a/b/c/index.html")
    staging.mark("new/folder/index.html")
    staging.commit({"a/b/c/index.html": "1", "new/folder/index.html": "2"})
    assert (out / "a/b/c/index.html").read_bytes() == b"c" and (out / "new/folder/index.html").read_bytes() == b"n"
    assert all((out / f).is_dir() for f in ("a/b", "x", "deep/er/still"))
    assert staging._preparing is None  # waited for: no process left behind


def test_a_build_that_fails_after_its_folders_were_made_ahead_leaves_nothing(site: Path) -> None:
    """The folders are made ahead as soon as the model is loaded; a build that then fails (a path claimed twice,
    found while planning) removes them with the rest of the staging folder, and the output stays as it was."""
    assert stogen(site, "build").returncode == 0
    before = tree_digest(site / "public")
    make_site(site, {"content/nieuws.md": "---\ntitle: Nieuws\n---\nDe URL van het nieuwsoverzicht.\n"})
    result = stogen(site, "build")
    assert result.returncode == 1 and "/nieuws/" in result.stderr
    assert tree_digest(site / "public") == before
    assert not (site / "public.building").exists()


def test_a_clean_build_into_an_output_not_ours_reports_the_other_problems_too(site: Path) -> None:
    """The output folder is checked before planning now; its refusal does not hide what planning finds."""
    (site / "public").mkdir()
    (site / "public" / "precious.txt").write_text("keep me")
    make_site(site, {"content/nieuws.md": "---\ntitle: Nieuws\n---\nDe URL van het nieuwsoverzicht.\n"})
    result = stogen(site, "build")
    assert result.returncode == 1
    assert "was not made by stogen" in result.stderr and "/nieuws/" in result.stderr
    assert sorted(p.name for p in (site / "public").iterdir()) == ["precious.txt"]
    assert not (site / "public.building").exists()
