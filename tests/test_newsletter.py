"""The monthly newsletter: the email HTML and text part, the web archive, client support, bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from sitekit import PNG, REPO, article, base_files, make_site, page_path, require_tool, soup, stogen, webinar

NOW = "2026-11-28 09:00"
MONTH = "2026-11"
BASE = "https://sto.example.org"
PLACEHOLDERS = {"*|UNSUB|*", "*|ARCHIVE|*"}

NEWSLETTER = """\
---
subject: "Nieuwsbrief november: open dag en robots"
preheader: Een open dag in Alpha en het landelijke nieuws van november.
picks:
  - regions/alpha/nieuws/2026-11-05-open-dag.md
blocks:
  - title: Doe mee aan de enquête
    text: Vul de **enquête** in voor 15 december.
    link: https://example.org/enquete?bron=sto#vragen
    link_text: Naar de enquête
---

Welkom bij de nieuwsbrief van november. Lees het [verslag](https://example.org/verslag?jaar=2026#deel-2),
mail ons via [de redactie](mailto:redactie@example.org) of bekijk [de agenda](/agenda/?utm_source=site).

![Leerlingen in de werkplaats](../content/images/werkplaats.png)
"""

# doiuse-email errors we accept, each a progressive enhancement the layout does not depend on.
ALLOWED = {
    "@media": "only narrows the side padding on small screens; the layout is fluid without it (max-width)",
    "<body> element": "body colours are repeated on the outer table (bgcolor), so clients that drop <body> lose nothing",
    "display:none": "hides the preheader; where unsupported, the preheader shows as a first line of text",
    "overflow": "part of hiding the preheader (with max-height and mso-hide)",
    "role attribute": "role=presentation on layout tables only helps screen readers; ignoring it changes no layout",
    "border-radius": "rounded corners are decoration",
}
NEVER = ("flex", "grid", "var(", "position", "background-image", "float")


def newsletter_files(**extra: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        **base_files(),
        f"newsletters/{MONTH}.md": NEWSLETTER,
        "content/images/werkplaats.png": PNG,
        "regions/beta/nieuws/2026-11-20-robotwedstrijd.md": article(
            "Robotwedstrijd in Beta", "2026-11-20", "Teams bouwden robots. " * 80
        ),
        "content/webinars/2026-12-10-leerlijnen.md": webinar(
            "Leerlijnen van vmbo naar mbo", "2026-12-10 15:30", registration_url="https://example.org/aanmelden?id=7"
        ),
    }
    files.update(extra)
    return files


def run_newsletter(root: Path, *args: str, month: str = MONTH) -> subprocess.CompletedProcess[str]:
    return stogen(root, "newsletter", month, "--now", NOW, *args)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("newsletter") / "site", newsletter_files())
    result = run_newsletter(root)
    assert result.returncode == 0, result.stderr
    assert f"newsletter {MONTH}:" in result.stdout
    return root / "newsletter-out" / MONTH


def email_soup(out: Path) -> BeautifulSoup:
    return BeautifulSoup((out / "email.html").read_text("utf-8"), "html.parser")


def check_links(page: BeautifulSoup, source: str = "nieuwsbrief") -> list[str]:
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert hrefs
    for href in hrefs:
        if href in PLACEHOLDERS or href.startswith("mailto:"):
            continue
        parts = urlsplit(href)
        assert parts.scheme == "https" and parts.netloc, href
        query = parse_qs(parts.query)
        assert query["utm_medium"] == ["email"], href
        assert query["utm_campaign"] == [MONTH], href
        assert len(query["utm_source"]) == 1, href  # never duplicated
    return hrefs


def test_summary_and_size(made: Path) -> None:
    html = (made / "email.html").read_bytes()
    assert 0 < len(html) < 100_000
    styles = email_soup(made).find_all("style")
    assert sum(len(s.get_text().encode()) for s in styles) < 16_000
    assert all("@media" in s.get_text() for s in styles)  # only what cannot be inlined stays


def test_email_structure_is_mail_safe(made: Path) -> None:
    page = email_soup(made)
    assert page.html["lang"] == "nl"
    assert not page.find_all(["script", "svg", "link", "form"])
    tables = page.find_all("table")
    assert tables and all(t.get("role") == "presentation" for t in tables)
    preheader = page.body.find("div")
    assert "display: none" in preheader["style"]
    assert preheader.get_text().startswith("Een open dag in Alpha")
    assert "\u200c\u00a0" in preheader.get_text()  # &zwnj;&nbsp; padding keeps body text out of the preview
    container = page.find("table", class_="container")
    assert "max-width: 600px" in container["style"]
    for tag in page.find_all(style=True):
        style = tag["style"].lower()
        assert not any(word in style for word in NEVER), style
    for cell in page.find_all("td", class_=True):
        if "item" in cell["class"] or "footer" in cell["class"]:
            assert "background-color" in cell["style"] and "color" in cell["style"]


def test_every_link_is_absolute_with_utm_and_keeps_query_and_fragment(made: Path) -> None:
    hrefs = check_links(email_soup(made))
    assert "*|UNSUB|*" in hrefs and "*|ARCHIVE|*" in hrefs
    assert "mailto:redactie@example.org" in hrefs
    report = next(h for h in hrefs if h.startswith("https://example.org/verslag"))
    assert parse_qs(urlsplit(report).query)["jaar"] == ["2026"] and urlsplit(report).fragment == "deel-2"
    agenda = next(h for h in hrefs if h.startswith(f"{BASE}/agenda/"))
    assert parse_qs(urlsplit(agenda).query)["utm_source"] == ["site"]  # an existing utm_ key is kept, not doubled
    survey = next(h for h in hrefs if h.startswith("https://example.org/enquete"))
    assert "bron=sto" in survey and survey.endswith("#vragen")


def test_every_image_has_alt_width_and_absolute_src(made: Path) -> None:
    images = email_soup(made).find_all("img")
    assert len(images) >= 2  # the logo and the intro's photo
    for img in images:
        assert img.get("alt"), img
        assert int(img["width"]) <= 600
        assert urlsplit(img["src"]).scheme == "https"
    assert any(img["src"].startswith(f"{BASE}/images/werkplaats-1w.jpg") for img in images)
    assert any(".png" in img["src"] and "logo" in img["src"] for img in images)


def test_content_is_grouped_and_long_items_are_cut(made: Path) -> None:
    page = email_soup(made)
    text = page.get_text(" ", strip=True)
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert headings[:3] == ["Uitgelicht", "Landelijk nieuws", "Nieuws uit de regio's"]
    assert "Open dag in Alpha" in text and "Landelijk nieuws" in text and "Robotwedstrijd in Beta" in text
    assert "Gastles in Alpha" not in text  # October news is not in November's issue
    assert text.count("Open dag in Alpha") == 1  # a pick is not repeated in its group
    assert "Leerlijnen van vmbo naar mbo" in text  # the next webinar
    assert "Congres techniek" in text  # the agenda
    assert "Teams bouwden robots. " * 20 not in text
    assert "Lees verder" in text


def test_text_part_is_wrapped_and_lists_links(made: Path) -> None:
    text = (made / "email.txt").read_text("utf-8")
    lines = text.splitlines()
    assert all(len(line) <= 78 or re.search(r"\S{40,}", line) for line in lines)
    assert "Open dag in Alpha [" in text and "Nieuws uit de regio's".upper() in text
    refs = dict(re.findall(r"^\[(\d+)\] (\S+)$", text, re.M))
    assert refs and set(re.findall(r"\[(\d+)\]", text)) == set(refs)
    for url in refs.values():
        if url not in PLACEHOLDERS and not url.startswith("mailto:"):
            assert "utm_medium=email" in url and url.startswith("https://"), url
    assert "*|UNSUB|*" in refs.values()


def test_same_input_same_bytes(made: Path, tmp_path: Path) -> None:
    root = made.parent.parent
    result = run_newsletter(root, "--out", str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr
    for name in ("email.html", "email.txt"):
        assert (tmp_path / "again" / name).read_bytes() == (made / name).read_bytes()


def test_css_holds_up_in_gmail_outlook_and_apple_mail(made: Path) -> None:
    node = require_tool("node")
    cli = REPO / "node_modules" / "doiuse-email" / "bin" / "cli.js"
    if not cli.is_file():
        pytest.skip("doiuse-email is not installed (npm ci)")
    result = subprocess.run(
        [node, str(cli), "-e", "gmail.*,outlook.*,apple-mail.*", str(made / "email.html")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(result.stdout)  # the CLI exits 0 even when it finds errors
    features = {re.match(r"`([^`]+)`", e).group(1) for e in report["errors"]}
    assert features <= set(ALLOWED), sorted(features - set(ALLOWED))
    assert not any(word in f.lower() for f in features for word in NEVER)


@pytest.mark.parametrize("width", [320, 600])
def test_no_horizontal_scrolling_in_chromium(made: Path, width: int) -> None:
    chromium = require_tool("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[*args, "--no-first-run", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.route(
                "**/*", lambda route: route.abort() if route.request.url.startswith("http") else route.continue_()
            )
            page.goto((made / "email.html").as_uri())
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll <= client, (width, scroll, client)
        finally:
            browser.close()


def test_mail_services_and_utm_source_setting(tmp_path: Path) -> None:
    config = base_files()["stogen.yml"] + "newsletter:\n  service: url\n  utm_source: sto-mail\n"
    config += "  unsubscribe_url: https://mail.example.org/afmelden?lijst=3\n"
    root = make_site(tmp_path / "site", newsletter_files(**{"stogen.yml": config}))
    result = run_newsletter(root)
    assert result.returncode == 0, result.stderr
    page = email_soup(root / "newsletter-out" / MONTH)
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert "https://mail.example.org/afmelden?lijst=3" in hrefs  # the service's own link is left as it is
    web = f"{BASE}/nieuwsbrief/{MONTH}/?utm_source=sto-mail&utm_medium=email&utm_campaign={MONTH}"
    assert web in hrefs  # without a service tag, the web version is the site's page


def test_web_archive_after_build(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", newsletter_files(**{"newsletters/2026-12.md": "---\nsubject: December\n---\n"}))
    result = stogen(root, "build", now=NOW)
    assert result.returncode == 0, result.stderr
    archive = soup(root, "/nieuwsbrief/")
    links = [a["href"] for a in archive.find("main").find_all("a")]
    assert links == [f"/nieuwsbrief/{MONTH}/"]  # December's issue is not published before December
    issue = soup(root, f"/nieuwsbrief/{MONTH}/")
    assert issue.find("h1").get_text(strip=True) == "Nieuwsbrief november: open dag en robots"
    assert issue.find("link", rel="canonical")["href"] == f"{BASE}/nieuwsbrief/{MONTH}/"
    main_links = [a["href"] for a in issue.find("main").find_all("a")]
    assert "/regio/alpha/nieuws/open-dag/" in main_links and not any("utm_medium" in h for h in main_links)
    copy = BeautifulSoup(page_path(root, f"/nieuwsbrief/{MONTH}/email.html").read_text("utf-8"), "html.parser")
    assert copy.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    check_links(copy)


def test_example_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    for name in ("content", "regions", "newsletters", "themes"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "stogen.yml", root / "stogen.yml")
    result = run_newsletter(root)
    assert result.returncode == 0, result.stderr
    out = root / "newsletter-out" / MONTH
    assert (out / "email.html").stat().st_size < 100_000
    page = email_soup(out)
    check_links(page)
    assert all(img.get("alt") and img.get("width") for img in page.find_all("img"))
    built = stogen(root, "build", now=NOW)
    assert built.returncode == 0 and "0 warnings" in built.stdout, built.stdout + built.stderr
    assert soup(root, f"/nieuwsbrief/{MONTH}/").find("h1").get_text(strip=True).startswith("STO-nieuwsbrief november")


# Bad input: a clear message naming file, line and field; exit 1; nothing written.


def bad(tmp_path: Path, month: str = MONTH, **files: str | bytes) -> str:
    root = make_site(tmp_path / "site", newsletter_files(**files))
    result = run_newsletter(root, month=month)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert not (root / "newsletter-out").exists()
    return result.stderr


def test_bad_month_argument(tmp_path: Path) -> None:
    err = bad(tmp_path, month="2026-13")
    assert "stogen newsletter: month: '2026-13' is not a month" in err and "hint: write the year and month" in err


def test_missing_newsletter_file(tmp_path: Path) -> None:
    assert "newsletters/2026-10.md: there is no newsletter file for 2026-10" in bad(tmp_path, month="2026-10")


def test_missing_subject_and_unknown_field(tmp_path: Path) -> None:
    err = bad(tmp_path, **{f"newsletters/{MONTH}.md": "---\npreheader: Hallo\ntitel: Oeps\n---\nTekst.\n"})
    assert f"newsletters/{MONTH}.md:2: subject: is required" in err
    assert f"newsletters/{MONTH}.md:3: titel: unknown field" in err


def test_picks_that_do_not_exist_or_are_not_published(tmp_path: Path) -> None:
    text = NEWSLETTER.replace(
        "  - regions/alpha/nieuws/2026-11-05-open-dag.md\n",
        "  - content/nieuws/bestaat-niet.md\n  - content/nieuws/2026-11-10-concept.md\n"
        "  - content/nieuws/2026-11-30-later.md\n",
    )
    err = bad(
        tmp_path,
        **{
            f"newsletters/{MONTH}.md": text,
            "content/nieuws/2026-11-10-concept.md": article("Concept", "2026-11-10", draft="true"),
            "content/nieuws/2026-11-30-later.md": article("Later", "2026-11-30"),
        },
    )
    assert f"newsletters/{MONTH}.md:5: picks: content/nieuws/bestaat-niet.md does not exist" in err
    assert f"newsletters/{MONTH}.md:6: picks: content/nieuws/2026-11-10-concept.md is not a published" in err
    assert f"newsletters/{MONTH}.md:7: picks: content/nieuws/2026-11-30-later.md is not a published" in err


def test_month_without_content(tmp_path: Path) -> None:
    err = bad(tmp_path, month="2026-08", **{"newsletters/2026-08.md": "---\nsubject: Zomer\n---\nTekst.\n"})
    assert "newsletters/2026-08.md: there is no news published in 2026-08" in err


def test_image_without_alt(tmp_path: Path) -> None:
    text = NEWSLETTER.replace("![Leerlingen in de werkplaats]", "![]")
    err = bad(tmp_path, **{f"newsletters/{MONTH}.md": text})
    assert re.search(rf"newsletters/{MONTH}\.md:\d+: body: image has no alt text", err)


def test_unknown_mail_service(tmp_path: Path) -> None:
    config = base_files()["stogen.yml"] + "newsletter:\n  service: postduif\n"
    err = bad(tmp_path, **{"stogen.yml": config})
    assert "stogen.yml:14: newsletter.service: unknown mail service 'postduif'" in err
    assert "mailchimp, laposta, url" in err


def test_too_big_is_an_error_with_advice(tmp_path: Path) -> None:
    many = {
        f"regions/alpha/nieuws/2026-11-{d:02d}-bericht-{d}.md": article(f"Bericht {d} met een titel", f"2026-11-{d:02d}",
                                                                         summary="'" + "Een samenvatting. " * 12 + "'")
        for d in range(1, 28)
        for _ in [0]
    }  # fmt: skip
    for n in range(1, 10):
        many.update({k.replace("alpha", "beta").replace(".md", f"-{n}.md"): v for k, v in list(many.items())[:27]})
    # Regional news in full on purpose: as a digest (the default above 8 items) all of it fits.
    many[f"newsletters/{MONTH}.md"] = NEWSLETTER.replace("---\n\n", "regional: full\n---\n\n", 1)
    err = bad(tmp_path, **many)
    assert "Gmail clips" in err and "hint: leave items out (exclude)" in err


def test_scaffold_makes_a_valid_source(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO))
    from stogen.model.newsletters import scaffold_newsletter

    root = make_site(tmp_path / "site", newsletter_files())
    path = scaffold_newsletter(root, "2026-12")
    assert path == root / "newsletters" / "2026-12.md"
    with pytest.raises(ValueError, match="already exists"):
        scaffold_newsletter(root, "2026-12")
    with pytest.raises(ValueError, match="not a month"):
        scaffold_newsletter(root, "dec")
    result = stogen(root, "newsletter", "2026-12", "--now", "2026-12-20")
    assert "newsletters/2026-12.md: there is no news published in 2026-12" in result.stderr  # valid, just empty
    assert "subject" not in result.stderr


def test_build_fails_on_a_bad_newsletter_and_keeps_the_old_output(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", newsletter_files())
    assert stogen(root, "build", now=NOW).returncode == 0
    before = page_path(root, f"/nieuwsbrief/{MONTH}/").read_bytes()
    text = NEWSLETTER.replace("2026-11-05-open-dag.md", "2026-11-05-bestaat-niet.md")
    (root / "newsletters" / f"{MONTH}.md").write_text(text, "utf-8")
    result = stogen(root, "build", now=NOW)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"newsletters/{MONTH}.md:5: picks: regions/alpha/nieuws/2026-11-05-bestaat-niet.md does not exist" in (
        result.stderr
    )
    assert page_path(root, f"/nieuwsbrief/{MONTH}/").read_bytes() == before
