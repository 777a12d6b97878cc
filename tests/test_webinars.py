"""The webinar archive: listing, year pages, webinar pages, the privacy-friendly player, JSON-LD, feed, bad input."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from sitekit import CHROMIUM_ARGS, REPO, make_site, page_path, require_tool, soup, stogen, tree_digest, webinar
from webinarkit import build_programme, programme_files

EMBED_HOSTS = re.compile(r"(youtube\.com|youtu\.be|vimeo\.com|ytimg\.com|youtube-nocookie\.com)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_programme(tmp_path_factory, "webinars")


def card_links(root: Path, url: str, section_id: str) -> list[str]:
    section = soup(root, url).find(id=section_id).find_parent("section")
    return [a["href"] for a in section.select(".card-title a")]


def json_ld(root: Path, url: str) -> dict:
    found = [json.loads(b.string) for b in soup(root, url).find_all("script", type="application/ld+json")]
    blocks = [b for b in found if b.get("@type") != "BreadcrumbList"]  # every nested page has one (docs/seo.md)
    assert len(blocks) == 1
    return blocks[0]


def test_listing_shows_upcoming_first_then_recordings_by_year_newest_first(built: Path) -> None:
    page = soup(built, "/webinars/")
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert headings == ["Volgende webinars", "Terugkijken 2026", "Terugkijken 2025"]
    assert card_links(built, "/webinars/", "h-komend") == ["/webinars/leerlijnen/"]
    assert card_links(built, "/webinars/", "h-2026") == [
        "/webinars/techniekpact/",
        "/regio/alpha/webinars/alpha-live/",
        "/webinars/hotspots/",
    ]
    assert card_links(built, "/webinars/", "h-2025") == ["/webinars/meiden/"]
    assert page.find("a", href="/webinars/2025/") is not None
    assert page.find("link", type="application/rss+xml")["href"] == "/webinars/feed.xml"


def test_year_pages_list_only_the_past_webinars_of_that_year(built: Path) -> None:
    links = [a["href"] for a in soup(built, "/webinars/2026/").select("main .card-title a")]
    assert links == ["/webinars/techniekpact/", "/regio/alpha/webinars/alpha-live/", "/webinars/hotspots/"]
    assert [a["href"] for a in soup(built, "/webinars/2025/").select("main .card-title a")] == ["/webinars/meiden/"]
    assert not page_path(built, "/webinars/2027/").exists()
    assert [a["href"] for a in soup(built, "/regio/alpha/webinars/").select("main .card-title a")] == [
        "/regio/alpha/webinars/alpha-live/"
    ]


def test_recording_is_a_local_poster_and_a_plain_link_until_clicked(built: Path) -> None:
    page = soup(built, "/webinars/techniekpact/")
    video = page.select_one(".video")
    assert video["data-embed"] == "https://www.youtube-nocookie.com/embed/Tp3kStO8oct?autoplay=1"
    link = video.select_one("a.video-link")
    assert link["href"] == "https://www.youtube.com/watch?v=Tp3kStO8oct"
    assert video.find("img")["src"].startswith("/static/video-poster.svg?v=")
    assert page.find("iframe") is None
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert scripts and all(s.startswith("/static/video.js?v=") for s in scripts)
    vimeo = soup(built, "/webinars/meiden/").select_one(".video")
    assert vimeo["data-embed"] == "https://player.vimeo.com/video/912345678?dnt=1&autoplay=1"
    assert (
        soup(built, "/regio/alpha/webinars/alpha-live/")
        .select_one(".video")["data-embed"]
        .startswith("https://www.youtube-nocookie.com/embed/Ab1cD2eF3gH")
    )


def test_no_page_loads_anything_from_video_hosts(built: Path) -> None:
    pages = sorted((built / "public").rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = soup(built, "/" + path.relative_to(built / "public").as_posix())
        for tag in html.find_all(["iframe", "script", "img", "link", "source", "video"]):
            for attr in ("src", "href", "srcset"):
                assert not EMBED_HOSTS.search(tag.get(attr) or ""), f"{path}: {tag}"
        assert "ytimg" not in path.read_text("utf-8")


def test_past_webinar_without_recording_says_so(built: Path) -> None:
    page = soup(built, "/webinars/hotspots/")
    assert page.select_one(".video") is None
    assert "Van dit webinar is geen opname beschikbaar." in page.select_one(".notice").get_text()
    assert (
        "geen opname"
        in soup(built, "/webinars/").find("a", href="/webinars/hotspots/").find_parent("article").get_text()
    )


def test_upcoming_webinar_has_registration_and_calendar_links(built: Path) -> None:
    page = soup(built, "/webinars/leerlijnen/")
    assert page.find("a", href="https://example.org/aanmelden") is not None
    ics = page.find("a", href="/webinars/leerlijnen/leerlijnen.ics")
    assert ics is not None and ics.has_attr("download")
    assert page_path(built, "/webinars/leerlijnen/leerlijnen.ics").is_file()
    facts = page.select_one("dl.facts").get_text(" ", strip=True)
    assert "10 december 2026, 15.30–16.30 uur" in facts and "60 minuten" in facts
    assert "Mirjam Moderator, Presentator" in facts and "Karel Kunstmatig" in facts
    assert page.select_one(".video") is None and page.select_one(".notice") is None
    # past webinars do not ask to register
    assert soup(built, "/webinars/techniekpact/").find("a", href=re.compile("aanmelden")) is None


def test_slides_file_is_published_and_linked(built: Path) -> None:
    page = soup(built, "/webinars/techniekpact/")
    assert page.find("a", href="/webinars/slides/techniekpact.pdf") is not None
    assert page_path(built, "/webinars/slides/techniekpact.pdf").read_bytes() == b"%PDF-1.4\n"


def test_json_ld_of_a_webinar_with_recording(built: Path) -> None:
    data = json_ld(built, "/webinars/techniekpact/")
    event, video = data["@graph"]
    assert event["@type"] == "Event"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"]["@type"] == "VirtualLocation"
    assert event["startDate"] == "2026-10-08T15:30:00+02:00"
    assert event["endDate"] == "2026-10-08T16:15:00+02:00"
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "Testsite STO",
        "url": "https://sto.example.org/",
    }
    assert video["@type"] == "VideoObject"
    assert video["name"] == "Techniekpact en STO"
    assert video["description"] == "Samen werken aan de arbeidsmarkt."
    assert video["duration"] == "PT45M"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/Tp3kStO8oct"
    assert video["uploadDate"] == "2026-10-08T16:15:00+02:00"
    # A raster search engines accept (the site's 1200 x 630 title card: this webinar has no photo), never the SVG poster
    assert video["thumbnailUrl"] == ["https://sto.example.org/static/og/site.jpg"]
    assert event["image"] == video["thumbnailUrl"]


def test_json_ld_of_an_upcoming_webinar_is_an_event_only(built: Path) -> None:
    data = json_ld(built, "/webinars/leerlijnen/")
    assert data["@type"] == "Event"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/aanmelden"}
    assert data["startDate"] == "2026-12-10T15:30:00+01:00"
    assert [p["name"] for p in data["performer"]] == ["Mirjam Moderator", "Karel Kunstmatig"]


def test_feed_is_valid_and_lists_every_webinar_newest_first(built: Path) -> None:
    feed = feedparser.parse(page_path(built, "/webinars/feed.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.link for e in feed.entries] == [
        "https://sto.example.org/webinars/leerlijnen/",
        "https://sto.example.org/webinars/techniekpact/",
        "https://sto.example.org/regio/alpha/webinars/alpha-live/",
        "https://sto.example.org/webinars/hotspots/",
        "https://sto.example.org/webinars/meiden/",
    ]
    assert feed.entries[0].title == "Doorlopende leerlijnen"
    assert feed.entries[0].summary == "Van vmbo naar mbo zonder drempels."


def test_pages_follow_now(tmp_path: Path) -> None:
    """After the upcoming webinar's date, it moves to the recordings and loses its registration link."""
    root = make_site(tmp_path / "site", programme_files())
    assert stogen(root, "build", "--now", "2026-12-11 09:00").returncode == 0
    assert soup(root, "/webinars/").find("a", href="/webinars/leerlijnen/") is not None
    assert card_links(root, "/webinars/", "h-2026")[0] == "/webinars/leerlijnen/"
    assert "Er staat op dit moment geen webinar gepland." in soup(root, "/webinars/").get_text()
    assert soup(root, "/webinars/leerlijnen/").find("a", href="https://example.org/aanmelden") is None


W1, W2, W3, W4, W5 = (f"content/webinars/2026-05-0{n}-fout-{n}.md" for n in range(1, 6))
EV = "content/agenda/2026-05-06-fout.md"

BAD_CASES = {
    "recording from an unknown host": (
        W1,
        webinar("Fout", "2026-05-01 15:30", recording="https://example.com/video/12"),
        [f"{W1}:5: recording: 'https://example.com/video/12' is not a YouTube or Vimeo video address", "youtu.be"],
    ),
    "recording that is not a video": (
        W2,
        webinar("Fout", "2026-05-01 15:30", recording="https://www.youtube.com/channel/abc"),
        [f"{W2}:5: recording: ", "hint: use a YouTube or Vimeo address"],
    ),
    "future webinar with a recording": (
        W3,
        webinar("Fout", "2027-05-01 15:30", recording="https://youtu.be/Ab1cD2eF3gH"),
        [f"{W3}:5: recording: this webinar starts on 2027-05-01 15:30, after now", "hint: remove the recording"],
    ),
    "negative viewer count": (
        W4,
        webinar("Fout", "2026-05-01 15:30", live_viewers="-5"),
        [f"{W4}:5: live_viewers: must not be negative, got -5"],
    ),
    "slides file missing": (
        W5,
        webinar("Fout", "2026-05-01 15:30", slides="slides/weg.pdf"),
        [f"{W5}:5: slides: slides file 'slides/weg.pdf' not found", "hint: write the path relative"],
    ),
    "event ends before it starts": (
        EV,
        '---\ntitle: Fout\nstart: "2026-05-01 15:30"\nend: "2026-05-01 14:00"\nlocation: Utrecht\n---\n',
        [f"{EV}:4: end: is before the start"],
    ),
}


def write_case(site: Path, case: str) -> list[str]:
    rel, text, expected = BAD_CASES[case]
    (site / rel).parent.mkdir(parents=True, exist_ok=True)
    (site / rel).write_text(text, encoding="utf-8")
    return expected


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_webinar_input_is_reported_and_old_output_kept(site: Path, case: str) -> None:
    assert stogen(site, "build").returncode == 0
    before = tree_digest(site / "public")
    expected = write_case(site, case)
    result = stogen(site, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for fragment in expected:
        assert fragment in result.stderr
    assert "build failed: 1 error," in result.stderr
    assert tree_digest(site / "public") == before


def test_all_bad_webinar_input_in_one_run(site: Path) -> None:
    expected = [fragment for case in sorted(BAD_CASES) for fragment in write_case(site, case)]
    result = stogen(site, "build")
    assert result.returncode == 1
    for fragment in expected:
        assert fragment in result.stderr
    assert f"build failed: {len(BAD_CASES)} errors," in result.stderr


def axe_violations(page: object) -> list[str]:
    """WCAG 2.1 A/AA violations found by axe-core (from node_modules) on the page as it is now."""
    axe = REPO / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.is_file():
        return []
    page.add_script_tag(content=axe.read_text("utf-8"))  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))"
        ".violations.map(v => v.id + ': ' + v.nodes[0].html)"
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_in_chromium_nothing_is_requested_from_video_hosts_before_the_click(built: Path) -> None:
    chromium = require_tool("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    handler = functools.partial(_Quiet, directory=str(built / "public"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"http://127.0.0.1:{server.server_port}"
    requested: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=CHROMIUM_ARGS,
            )
            page = browser.new_page()
            page.on("request", lambda r: requested.append(r.url))

            def route(r: object) -> None:  # nothing leaves the machine
                if r.request.url.startswith(local):  # type: ignore[attr-defined]
                    r.continue_()  # type: ignore[attr-defined]
                else:
                    r.abort()  # type: ignore[attr-defined]

            page.route("**/*", route)
            page.goto(local + "/webinars/techniekpact/", wait_until="load")
            page.wait_for_timeout(300)
            on_load = [u for u in requested if EMBED_HOSTS.search(urlsplit(u).netloc)]
            assert on_load == []
            assert page.locator("iframe").count() == 0
            assert axe_violations(page) == []
            button = page.get_by_role("button", name="Opname afspelen: Techniekpact en STO")
            button.focus()
            assert page.evaluate("document.activeElement.className") == "video-button"
            button.click()
            frame = page.locator("iframe.video-frame")
            frame.wait_for(state="attached", timeout=5000)
            src = frame.get_attribute("src")
            assert src == "https://www.youtube-nocookie.com/embed/Tp3kStO8oct?autoplay=1"
            assert frame.get_attribute("title") == "Opname: Techniekpact en STO"
            browser.close()
    finally:
        server.shutdown()
    hosts = {urlsplit(u).netloc for u in requested} - {urlsplit(local).netloc}
    assert hosts <= {"www.youtube-nocookie.com"}


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=q7Lm2Xp9RtA",
            "https://www.youtube-nocookie.com/embed/q7Lm2Xp9RtA?autoplay=1",
        ),
        (
            "https://youtube.com/watch?v=q7Lm2Xp9RtA&t=30s",
            "https://www.youtube-nocookie.com/embed/q7Lm2Xp9RtA?autoplay=1",
        ),
        ("https://youtu.be/q7Lm2Xp9RtA", "https://www.youtube-nocookie.com/embed/q7Lm2Xp9RtA?autoplay=1"),
        ("https://www.youtube.com/live/q7Lm2Xp9RtA", "https://www.youtube-nocookie.com/embed/q7Lm2Xp9RtA?autoplay=1"),
        ("https://vimeo.com/912345678", "https://player.vimeo.com/video/912345678?dnt=1&autoplay=1"),
        ("https://www.youtube.com/playlist?list=PL123", None),
        ("https://vimeo.com/channels/staffpicks", None),
        ("https://www.youtube.com.evil.example/watch?v=q7Lm2Xp9RtA", None),
        ("https://example.org/video.mp4", None),
    ],
)
def test_recording_addresses(url: str, embed: str | None) -> None:
    from stogen.model.recordings import parse_recording

    found = parse_recording(url)
    assert (found.embed_url if found else None) == embed


def test_player_files_are_served_from_the_site(built: Path) -> None:
    assert b"youtube" not in page_path(built, "/static/video-poster.svg").read_bytes()
    script = page_path(built, "/static/video.js").read_text("utf-8")
    assert "data-embed" in script and "iframe" in script
