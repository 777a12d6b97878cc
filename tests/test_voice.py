"""One voice: the example site, its feeds, calendars and newsletter speak to the visitor with "je", never "u", and
write times one way ("10.00 uur", "10.00–15.00 uur")."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from sitekit import NOW, copy_example, stogen

# "u", "uw", "uzelf" as whole words; "uur", "u-bocht", "U+0041" are no match. Words joined by a hyphen or an
# apostrophe ("u-vorm") are not the formal pronoun either.
FORMAL = re.compile(r"(?<![\w'’-])(u|uw|uzelf|uwe)(?![\w'’+-])", re.IGNORECASE)
# Reviewed exceptions: (file, the sentence it may stay in). Keep this short; a quote is the only good reason.
ALLOWED: set[tuple[str, str]] = set()
# A time of day: "15:30", "09.30", "10.00 - 15.00" are wrong; the site writes 15.30, 9.30 and 10.00–15.00 (uur).
TIME = re.compile(r"(?<![\d.:])(\d{1,2})([.:])(\d{2})(?![\d.:])")
RANGE = re.compile(r"(?<![\d.:])\d{1,2}[.:]\d{2}(\s*[-–—]\s*|\s+tot\s+)\d{1,2}[.:]\d{2}(?![\d.:])")
VISIBLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "content")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site (public/) and its newsletter (newsletter-out/2026-11/), built as the README says."""
    root = tmp_path_factory.mktemp("voice")
    copy_example(root)
    done = stogen(root, "build", now=NOW)
    assert done.returncode == 0, done.stderr
    done = stogen(root, "newsletter", "2026-11", "--out", "newsletter-out", now=NOW)
    assert done.returncode == 0, done.stderr
    return root


def visible_texts(root: Path) -> dict[str, str]:
    """Every text a visitor, reader or subscriber gets, by file: page text and attributes, feeds, calendars, email."""
    texts: dict[str, str] = {}
    public = root / "public"
    for page in public.rglob("*.html"):
        rel = page.relative_to(root).as_posix()
        if rel.startswith("public/admin/"):
            continue  # Decap CMS's own interface, not ours
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        attributes = [str(t.get(a)) for t in soup.find_all(True) for a in VISIBLE_ATTRIBUTES if t.get(a)]
        attributes = [a for a in attributes if not a.startswith(("http", "/", "width="))]
        texts[rel] = "\n".join([soup.get_text("\n"), *attributes])
    for feed in public.rglob("feed.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        parts = [parsed.feed.get("title", ""), parsed.feed.get("subtitle", "")]
        for entry in parsed.entries:
            parts += [entry.get("title", ""), _text(entry.get("summary", ""))]
            parts += [_text(c.value) for c in entry.get("content", [])]
        texts[feed.relative_to(root).as_posix()] = "\n".join(parts)
    for ics in public.rglob("*.ics"):
        calendar = icalendar.Calendar.from_ical(ics.read_bytes())
        parts = [str(e.get(k, "")) for e in calendar.walk("VEVENT") for k in ("SUMMARY", "DESCRIPTION", "LOCATION")]
        texts[ics.relative_to(root).as_posix()] = "\n".join(parts)
    for mail in (root / "newsletter-out").rglob("email.txt"):
        texts[mail.relative_to(root).as_posix()] = mail.read_text("utf-8")
    return texts


def _text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text("\n")


def wrong_times(line: str) -> list[str]:
    """What is wrong with the times in a line of visible text."""
    found = [f"{m[0]} (write {int(m[1])}.{m[3]})" for m in TIME.finditer(line) if m[2] == ":" or m[1] != str(int(m[1]))]
    found += [f"{m[0]} (write a range as 10.00–15.00)" for m in RANGE.finditer(line) if m[1] != "–"]
    return found


def test_the_example_site_says_je_never_u(built: Path) -> None:
    texts = visible_texts(built)
    assert len(texts) > 150 and any(name.endswith("email.txt") for name in texts)
    found = []
    for name, text in sorted(texts.items()):
        for line in text.splitlines():
            if FORMAL.search(line) and (name, line.strip()) not in ALLOWED:
                found.append(f"{name}: {line.strip()[:160]}")
    assert found == [], "\n".join(found[:40])


def test_the_formal_pattern_finds_u_and_uw_but_not_uur() -> None:
    assert FORMAL.search("Heeft u een vraag?") and FORMAL.search("Uw rechten") and FORMAL.search("(u)")
    assert not FORMAL.search("Om 10.00 uur, U+0041, een u-bocht, je hebt het recht, Utrecht")


def test_the_time_rules_find_what_they_should() -> None:
    assert wrong_times("om 15:30 uur, van 09.30 tot 12.00, 10.00 - 15.00 uur") == [
        "15:30 (write 15.30)",
        "09.30 (write 9.30)",
        "09.30 tot 12.00 (write a range as 10.00–15.00)",
        "10.00 - 15.00 (write a range as 10.00–15.00)",
    ]
    assert wrong_times("9.30–16.30 uur, 2026.11, versie 1.2.3, 14 maart 2026, 10.00 uur") == []


def test_every_time_is_written_the_dutch_way(built: Path) -> None:
    found = [
        f"{name}: {', '.join(wrong)}: {line.strip()[:120]}"
        for name, text in sorted(visible_texts(built).items())
        for line in text.splitlines()
        if (wrong := wrong_times(line))
    ]
    assert found == [], "\n".join(found[:40])
