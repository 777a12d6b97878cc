"""Hostile input from a regional editor's position: never a traceback, a hang or a leak; every output format
escaped for its own reader. See docs/content.md, "Limits", for the numbers."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from sitekit import REPO, article, base_files, make_site, page_path, region_yml, soup, stogen, tree_digest
from webinarkit import programme_files

from stogen.core.messages import Msg

NEWS = "regions/alpha/nieuws/2026-11-07-x.md"
EVENT = "regions/alpha/agenda/2026-12-01-x.md"


def news(front: str, body: str = "Tekst.") -> str:
    return f"---\ntitle: X\ndate: 2026-11-07\n{front}---\n{body}\n"


def event(title: str, start: str = "2026-12-01 10:00", extra: str = "") -> str:
    return f'---\ntitle: {title}\nstart: "{start}"\nlocation: Hier\n{extra}---\nTekst.\n'


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


ALPHA = region_yml("Alpha", ("99AA00", "99AB00", "99AC00"))
BETA = region_yml("Beta", ("99BA00", "99BB00", "99BC00"), province="Zeeland")

# case -> (files, texts the report must contain)
CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "yaml alias bomb": ({NEWS: news(alias_bomb())}, [f"{NEWS}:", "more than 10,000 values"]),
    "impossible !!timestamp": (
        {NEWS: "---\ntitle: X\ndate: !!timestamp 2026-02-30\n---\n"},
        [f"{NEWS}:3: date: front matter is not valid YAML: YAML tags like !!timestamp are not accepted"],
    ),
    "!!bool maybe": ({NEWS: news("draft: !!bool maybe\n")}, [f"{NEWS}:4: draft:", "!!bool are not accepted"]),
    "bad !!int in region.yml": (
        {"regions/beta/region.yml": BETA.replace("description:", "description: !!int twaalf\nx:")},
        ["regions/beta/region.yml:3: invalid YAML: YAML tags like !!int are not accepted"],
    ),
    "integer of thousands of digits": (
        {NEWS: news("summary: " + "9" * 5000 + "\n")},
        [f"{NEWS}:4:", "a number of 5000 characters is too long"],
    ),
    "yaml nested deeper than the limit": (
        {NEWS: news("tags: " + "[" * 30 + "]" * 30 + "\n")},
        [f"{NEWS}:4:", "more than 20 levels deep"],
    ),
    "NUL in a body": ({NEWS: news("", "Eerste\nA\x00B")}, [f"{NEWS}:6: contains the control character U+0000"]),
    "escape sequence in a title": (
        {NEWS: '---\ntitle: "Rood \\e[31m"\ndate: 2026-11-07\n---\n'},
        [f"{NEWS}:2:", "contains the control character U+001B"],
    ),
    "bare CR in a location": (
        {EVENT: event("X", extra='online_url: "https://example.org/\\rX-INJECT: 1"\n')},
        [f"{EVENT}:5:", "control character U+000D"],
    ),
    "year 9999": ({EVENT: event("X", "9999-12-31 23:30")}, [f"{EVENT}:3: start: the year 9999 is outside 1900-2200"]),
    "year 0001": ({NEWS: "---\ntitle: X\ndate: 0001-01-01\n---\n"}, [f"{NEWS}:3: date: the year 1 is outside"]),
    "file of 1 MB": ({NEWS: news("", "Lang verhaal. " * 75_000)}, [f"{NEWS}: is larger than 512 KB"]),
    "deeply nested quotes": ({NEWS: news("", ">" * 5000 + " x")}, [f"{NEWS}:5: body: quotes or lists are nested"]),
    "deeply nested lists": (
        {NEWS: news("", "".join("  " * i + "- x\n" for i in range(300)))},
        [f"{NEWS}:", "body: quotes or lists are nested more than 32 levels deep"],
    ),
    "deeply nested emphasis": (
        {NEWS: news("", "*a " * 100 + "x" + " b*" * 100)},
        [f"{NEWS}:5: body: emphasis or links are nested more than 32 levels deep"],
    ),
    "a run of link references": (
        {NEWS: news("", "".join(f"[r{i}]: /u{i}\n" for i in range(5000)))},
        [f"{NEWS}:105: body: more than 100 link references"],
    ),
    "thousands of emphasis marks in a paragraph": (
        {NEWS: news("", "*a* " * 20_000)},
        [f"{NEWS}:5: body: a paragraph has more than 1000 emphasis marks"],
    ),
    "a [ before a backtick that is never closed (the Rust parser panics on it)": (
        {NEWS: news("", "Eerste alinea.\n\nZie [de `config voor meer.")},
        [f"{NEWS}:7: body: this paragraph cannot be read: a [ is followed by a ` that is never closed"],
    ),
    "thousands of headings": ({NEWS: news("", "## Kop\n\n" * 3000)}, [f"{NEWS}:", "has more than 1000 headings"]),
    "thousands of aliases": (
        {NEWS: news("aliases:\n" + "".join(f"  - /regio/alpha/oud-{i}/\n" for i in range(3000)))},
        [f"{NEWS}:4: aliases: 3000 aliases are too many"],
    ),
    "line break in an alias": (
        {NEWS: news('aliases: ["/regio/alpha/oud/\\n/ https://evil.example 301!"]\n')},
        [f"{NEWS}:4: aliases:", "is not a site path"],
    ),
    "space in an alias": (
        {NEWS: news('aliases: ["/regio/alpha/oud/ /x"]\n')},
        [f"{NEWS}:4: aliases:", "a space as %20"],
    ),
    "alias for the home page": ({NEWS: news("aliases: [/]\n")}, [f"{NEWS}:4: aliases: alias / is outside"]),
    "file name that becomes a too long slug": (
        {"regions/alpha/" + "中" * 80 + ".md": "---\ntitle: L\n---\n"},
        ["slug: the URL made from this file name is 479 characters long, more than 120"],
    ),
    "slug field too long": ({NEWS: news("slug: " + "a" * 300 + "\n")}, [f"{NEWS}:4: slug: a slug of 300"]),
    "file name without a slug": (
        {"regions/alpha/~~~.md": "---\ntitle: Kaping\n---\nHet intro vervangen.\n"},
        ["regions/alpha/~~~.md:1: slug: cannot make a URL from this file name"],
    ),
    "folder name that breaks a URL": (
        {"regions/alpha/Mijn map #1/over.md": "---\ntitle: Over\n---\nTekst.\n"},
        ["regions/alpha/Mijn map #1: the name contains # ? % or \\"],
    ),
    "page folder that is no slug": (
        {"regions/alpha/Mijn Map/over.md": "---\ntitle: Over\n---\nTekst.\n"},
        ["regions/alpha/Mijn Map/over.md:1: slug: the folder name 'Mijn Map' cannot be part of a web address"],
    ),
    "question mark in a document name": (
        {"regions/alpha/docs/verslag?.pdf": b"%PDF-1.4\n"},
        ["regions/alpha/docs/verslag?.pdf: the name contains # ? % or \\"],
    ),
    "tag too long for its topic page": (
        {NEWS: news("tags: [" + "a" * 300 + "]\n")},
        [f"{NEWS}:4: tags: the tag 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'... is longer than 60 characters"],
    ),
    "region named like another": (
        {"regions/beta/region.yml": region_yml("ALPHA", ("99BA00", "99BB00", "99BC00"))},
        ["regions/beta/region.yml:1: name: 'ALPHA' is also the name of region alpha"],
    ),
    "region named Landelijk": (
        {"regions/beta/region.yml": region_yml("Landelijk", ("99BA00", "99BB00", "99BC00"))},
        ["regions/beta/region.yml:1: name: 'Landelijk' is the name of the central programme"],
    ),
}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("hostile") / "site", base_files())
    assert stogen(root, "build").returncode == 0
    return root


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_is_a_clear_problem(built_once: Path, tmp_path: Path, case: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_once, site, symlinks=True)
    before = tree_digest(site / "public")
    files, expected = CASES[case]
    make_site(site, files)
    result = stogen(site, "build", timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert "previous output is unchanged" in result.stderr
    assert tree_digest(site / "public") == before


def test_a_file_name_that_is_not_utf8_and_terminal_escapes_in_names(site: Path) -> None:
    folder = os.fsencode(site / "regions/alpha/nieuws")
    with open(folder + b"/2026-11-01-caf\xe9.md", "wb") as f:
        f.write(article("Cafe", "2026-11-01").encode())
    (site / "regions/alpha/nieuws/2026-11-02-\x1b[2J.md").write_text(article("Wis", "2026-11-02"), "utf-8")
    result = stogen(site, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "regions/alpha/nieuws/2026-11-01-caf\\udce9.md: the file name is not UTF-8 text" in result.stderr
    assert "2026-11-02-\\x1b[2J.md: the file name is not UTF-8 text or contains control characters" in result.stderr
    assert "\x1b" not in result.stderr


def test_symlinks_publish_only_from_the_own_region(site: Path) -> None:
    make_site(site, {"regions/beta/nieuws/_concept.md": article("Concept", "2026-11-01", "Nog geheim.")})
    (site / ".git").mkdir()
    (site / ".git/config").write_text("[remote]\n  url = geheim\n")
    alpha = site / "regions/alpha"
    os.symlink(site / ".git/config", alpha / "git.txt")
    os.symlink(site / "stogen.yml", alpha / "instellingen.txt")
    os.symlink(site / "regions/beta/nieuws/_concept.md", alpha / "nieuws/2026-11-01-concept.md")
    os.symlink(site / "regions/beta/nieuws/2026-09-15-robots.md", alpha / "nieuws/2026-09-15-robots.md")
    result = stogen(site, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for name in ("git.txt", "instellingen.txt", "nieuws/2026-11-01-concept.md", "nieuws/2026-09-15-robots.md"):
        assert f"regions/alpha/{name}: is a symlink to a file outside this region's folder" in result.stderr
    assert not (site / "public").exists()
    for name in ("git.txt", "instellingen.txt", "nieuws/2026-11-01-concept.md", "nieuws/2026-09-15-robots.md"):
        (alpha / name).unlink()
    os.symlink(alpha / "over-de-regio.md", alpha / "over-ons.md")  # inside the region: allowed
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    assert soup(site, "/regio/alpha/over-ons/").h1.get_text(strip=True) == "Over de regio Alpha"


def test_calendars_escape_titles_and_names(site: Path) -> None:
    make_site(
        site,
        {
            EVENT: event('"Open dag\\nwerkplaats; hal, 2"'),
            "regions/alpha/region.yml": ALPHA.replace("name: Alpha", "name: Alpha, Oost; en meer"),
        },
    )
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    for url in ("/regio/alpha/agenda/agenda.ics", "/regio/alpha/agenda/x/x.ics"):
        raw = page_path(site, url).read_bytes()
        assert b"\r" not in raw.replace(b"\r\n", b"")  # no bare CR: every line ends in CRLF
        cal = Calendar.from_ical(raw)
        (ev,) = cal.walk("VEVENT")
        assert str(ev["SUMMARY"]) == "Open dag\nwerkplaats; hal, 2"
    cal = Calendar.from_ical(page_path(site, "/regio/alpha/agenda/agenda.ics").read_bytes())
    # icalendar leaves an X- property as written, so the TEXT escaping (RFC 5545 3.3.11) is seen as is.
    assert str(cal["X-WR-CALNAME"]) == "Testsite STO: agenda Alpha\\, Oost\\; en meer"


def test_feeds_show_markup_in_titles_as_text(site: Path) -> None:
    title = '"<b>Vet</b> & <img src=x onerror=alert(1)> 1 < 2"'
    make_site(
        site, {NEWS: news('summary: "<script>alert(1)</script> & meer"\n').replace("title: X", f"title: {title}")}
    )
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse(page_path(site, "/regio/alpha/feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith("/regio/alpha/nieuws/x/"))
    # feedparser treats the title as HTML when it looks like it: no tag may be left for it to find.
    assert "<" not in entry.title and "Vet" in entry.title and "1 ‹ 2" in entry.title
    assert entry.summary == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; meer"  # shown as the editor typed it


def test_redirects_have_one_rule_per_alias(site: Path) -> None:
    make_site(site, {NEWS: news("aliases: [/regio/alpha/oud%20nieuws/, /regio/alpha/oud/]\n")})
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    lines = (site / "public/_redirects").read_text("utf-8").splitlines()
    assert all(len(line.split()) == 3 for line in lines)
    assert [line.split()[0] for line in lines] == ["/regio/alpha/oud%20nieuws/", "/regio/alpha/oud/"]


def test_csv_report_cells_are_never_formulas(tmp_path: Path) -> None:
    files = programme_files()
    rel = next(k for k in files if k.startswith("content/webinars/") and "techniekpact" in k)
    files[rel] = str(files[rel]).replace("title: Techniekpact en STO", 'title: "=HYPERLINK(\\"http://evil\\")"')
    root = make_site(tmp_path / "site", files)
    result = stogen(root, "report", "webinars", "--now", "2026-11-28 12:00", "--format", "csv")
    assert result.returncode == 0, result.stderr
    titles = [r["title"] for r in csv.DictReader(io.StringIO(result.stdout)) if r["row"] == "webinar"]
    assert '\'=HYPERLINK("http://evil")' in titles
    assert not [t for t in titles if t.startswith(("=", "+", "-", "@"))]


def test_problems_cannot_write_workflow_commands_or_escapes(site: Path) -> None:
    bad = "regions/alpha/nieuws/2026-11-07-a,b:c.md"
    make_site(site, {bad: '---\ntitle: X\ndate: 2026-11-07\n"x\\n::error file=stogen.yml::pwned%0A": 1\n---\n'})
    text = stogen(site, "build")
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert not [line for line in text.stderr.splitlines() if line.lstrip().startswith("::")]
    assert "x\\n::error file=stogen.yml::pwned%0A: unknown field" in text.stderr
    github = stogen(site, "build", "--format", "github")
    commands = [line for line in (github.stdout + github.stderr).splitlines() if line.startswith("::")]
    assert len(commands) == 1, commands
    where, _, rest = commands[0].removeprefix("::error ").partition("::")
    assert where.startswith("file=regions/alpha/nieuws/2026-11-07-a%2Cb%3Ac.md,line=4,title=x\\n%3A%3Aerror")
    assert "::" not in rest and "stogen.yml%3A" in where


def test_markdown_details_commonmark_and_attributes(site: Path) -> None:
    body = (
        "## fn1\n\nZie noot[^a].\n\n[^a]: De noot.\n\n```foo\\+bar\tbaz\nx\n```\n\n"
        "[extern](//evil.example/pad)\n\n| links | rechts |\n|:--|--:|\n| a | b |\n"
    )
    make_site(site, {NEWS: news("", body)})
    result = stogen(site, "build")
    assert result.returncode == 0, result.stderr
    page = soup(site, "/regio/alpha/nieuws/x/")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)) and "fn1" in ids and "fn1-1" in ids
    assert page.find("code", class_="language-foo+bar")
    assert page.find("a", href="//evil.example/pad")["rel"] == ["noopener"]
    assert not page.find(style=True)  # the CSP blocks style attributes
    assert [td["class"] for td in page.find("tbody").find_all("td")] == [["align-left"], ["align-right"]]


def test_merge_tags_only_from_the_template(tmp_path: Path) -> None:
    files = {
        **base_files(),
        "newsletters/2026-11.md": "---\nsubject: November\npicks:\n  - regions/alpha/nieuws/2026-11-05-open-dag.md\n---\nIntro.\n",
        "regions/alpha/nieuws/2026-11-05-open-dag.md": article(
            '"Open dag *|UNSUB|* {{unsubscribe}}"',
            "2026-11-05",
            "Klik [[UNSUB_LINK]] of %%unsubscribe%%.",
            summary='"Zie *|ARCHIVE|*"',
        ),
    }
    root = make_site(tmp_path / "site", files)
    result = stogen(root, "newsletter", "2026-11", "--now", "2026-11-28 12:00")
    assert result.returncode == 0, result.stderr
    out = root / "newsletter-out/2026-11"
    html, text = (out / "email.html").read_text("utf-8"), (out / "email.txt").read_text("utf-8")
    for made in (html, text):
        assert made.count("*|UNSUB|*") == 1 and made.count("*|ARCHIVE|*") == 1  # the template's own links
        for tag in ("{{", "[[", "%%"):
            assert tag not in made
    assert "Open dag *\u200b|UNSUB|* {\u200b{unsubscribe}}" in html  # reads the same, is no tag


def test_check_external_refuses_loopback_and_private_addresses(site: Path) -> None:
    body = "[a](http://127.0.0.1:9/admin) [b](http://169.254.169.254/latest/meta-data/) [c](http://localhost:9/)"
    make_site(site, {"content/nieuws/2026-11-07-intern.md": article("Intern", "2026-11-07", body)})
    result = stogen(site, "check", "--external", timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "http://127.0.0.1:9/admin: not fetched: 127.0.0.1 is at 127.0.0.1, a loopback" in result.stderr
    assert "http://169.254.169.254/latest/meta-data/: not fetched" in result.stderr
    assert "http://localhost:9/: not fetched" in result.stderr


def test_serve_survives_hostile_edits(site: Path) -> None:
    import signal
    import subprocess
    import sys

    from test_serve import _free_port, _wait_for

    port = _free_port()
    # The code next to these tests, whatever an editable install points at (as sitekit.stogen does).
    env = {**{k: v for k, v in os.environ.items() if k not in ("STOGEN_NOW", "STOGEN_LANG")}, "PYTHONPATH": str(REPO)}
    argv = [sys.executable, "-m", "stogen", "serve", "--port", str(port), "--now", "2026-11-28 12:00"]
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    page = site / "regions/alpha/nieuws/2026-11-05-open-dag.md"
    base = f"http://127.0.0.1:{port}/regio/alpha/nieuws/open-dag/"
    try:
        _wait_for(base, "Open dag in Alpha")
        edits = [
            '---\ntitle: "Open \\x01 dag"\ndate: 2026-11-05\n---\nTekst.\n',  # a control character in the title
            "---\ntitle: Open dag in Alpha\ndate: 2026-11-05\n---\nTekst \x07 met bel.\n",  # in the body
            "---\ntitle: Open dag in Alpha\ndate: 2026-11-05\n---\n" + ">" * 3000 + " diep\n",  # body only: quick path
            "---\ntitle: Open dag in Alpha\ndate: 9999-11-05\n---\nTekst.\n",
        ]
        for text in edits:
            page.write_text(text, "utf-8")
            status, body = _wait_for(base, "Het bouwen is mislukt")
            assert status == 500 and "regions/alpha/nieuws/2026-11-05-open-dag.md" in body, (text, body)
            page.write_text("---\ntitle: Open dag hersteld\ndate: 2026-11-05\n---\nTekst.\n", "utf-8")
            _wait_for(base, "Open dag hersteld")
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "Traceback" not in err, err


def test_check_external_follows_no_redirect_into_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import http.server
    import threading

    from stogen.tools.check import fetch

    class Redirecting(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            target = {"/ftp": "ftp://127.0.0.1/x", "/intern": "http://localhost:9/admin"}.get(self.path)
            self.send_response(302 if target else 200)
            if target:
                self.send_header("Location", target)
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args: object) -> None:
            pass

    # The test server itself is on loopback: allowed by name, as in test_check.py; localhost is not.
    monkeypatch.setenv("STOGEN_CHECK_ALLOW_HOSTS", "127.0.0.1")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert fetch(base + "/goed") is None
        assert _en(fetch(base + "/ftp")) == "not fetched: a redirect to ftp: is not followed"
        assert (
            _en(fetch(base + "/intern"))
            == "not fetched: localhost is at 127.0.0.1, a loopback, private or link-local address"
        )
    finally:
        server.shutdown()


def _en(message: Msg | None) -> str | None:
    return message.text("en") if message is not None else None
