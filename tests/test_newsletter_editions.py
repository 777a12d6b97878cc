"""The newsletter at the programme's scale: 78 regions in one email, extra editions, sign-up and a test send."""

from __future__ import annotations

import email
import email.policy
import json
import random
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitekit import REPO, article, base_files, make_site, region_yml, require_tool, soup, stogen
from test_newsletter import ALLOWED, NEVER

NOW = "2026-11-28 09:00"
PROVINCES = ["Groningen", "Friesland", "Drenthe", "Overijssel", "Gelderland", "Utrecht", "Noord-Holland",
             "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg", "Flevoland"]  # fmt: skip
NEWSLETTER = "---\nsubject: Nieuwsbrief november\npreheader: Het nieuws van november.\n{extra}---\nDe inleiding.\n"


def programme_files(regions: int = 78, seed: int = 7) -> tuple[dict[str, str | bytes], dict[str, int]]:
    """A site of `regions` regions, each with 1-5 news items in November (long titles, long summaries)."""
    rng = random.Random(seed)
    files: dict[str, str | bytes] = dict(base_files())
    posted: dict[str, int] = {}
    for n in range(regions):
        slug = f"regio-{n:02d}"
        codes = (f"{n:02d}AA00", f"{n:02d}AB00", f"{n:02d}AC00")
        files[f"regions/{slug}/region.yml"] = region_yml(f"Regio {n:02d}", codes, province=PROVINCES[n % 12])
        posted[slug] = rng.randint(1, 5)
        for k in range(posted[slug]):
            title = f"Leerlingen van regio {n:02d} bouwen samen met bedrijven een {k + 1}e technieklab"
            summary = (
                "Een middag vol techniek met gastlessen, een werkplaats en bedrijven uit de regio voor alle leerlingen."
            )
            files[f"regions/{slug}/nieuws/2026-11-{k + 2:02d}-lab-{k}.md"] = article(
                title, f"2026-11-{k + 2:02d}", "Tekst over het lab. " * 40, summary=summary
            )
    return files, posted


def run_newsletter(root: Path, edition: str, *args: str, env: dict[str, str] | None = None):
    return stogen(root, "newsletter", edition, "--now", NOW, *args, env=env)


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    files, posted = programme_files()
    files["newsletters/2026-11.md"] = NEWSLETTER.format(extra="")
    root = make_site(tmp_path_factory.mktemp("programme") / "site", files)
    done = run_newsletter(root, "2026-11")
    assert done.returncode == 0, done.stderr
    return root, posted


def test_a_78_region_month_fits_in_one_email(programme: tuple[Path, dict[str, int]]) -> None:
    root, posted = programme
    out = root / "newsletter-out/2026-11"
    html = (out / "email.html").read_bytes()
    assert len(html) < 100_000, len(html)
    page = BeautifulSoup(html, "html.parser")
    hrefs = {a["href"].split("?")[0] for a in page.find_all("a", href=True)}
    for slug in posted:  # every region with news is reachable: its news page is linked
        assert f"https://sto.example.org/regio/{slug}/nieuws/" in hrefs, slug
    text = (out / "email.txt").read_text("utf-8")
    assert f"{sum(posted.values()) + 1} berichten uit de regio's" in text  # and Alpha's open day (base_files)
    assert all(f"Regio {n:02d} (" in text for n in range(78))  # the text part follows the same choice
    provinces = [p.get_text() for p in page.find_all("p", class_="province")]
    assert provinces == sorted(set(provinces), key=provinces.index) and len(provinces) == 12


def test_the_digest_holds_up_in_mail_clients(programme: tuple[Path, dict[str, int]]) -> None:
    node = require_tool("node")
    cli = REPO / "node_modules" / "doiuse-email" / "bin" / "cli.js"
    if not cli.is_file():
        pytest.skip("doiuse-email is not installed (npm ci)")
    made = programme[0] / "newsletter-out/2026-11/email.html"
    result = subprocess.run(
        [node, str(cli), "-e", "gmail.*,outlook.*,apple-mail.*", str(made)], capture_output=True, text=True, timeout=60
    )
    report = json.loads(result.stdout)
    features = {re.match(r"`([^`]+)`", e).group(1) for e in report["errors"]}
    assert features <= set(ALLOWED), sorted(features - set(ALLOWED))
    assert not any(word in f.lower() for f in features for word in NEVER)


def test_the_team_picks_excludes_and_chooses_full_regional_news(tmp_path: Path) -> None:
    files, _posted = programme_files(regions=3)
    picked = "regions/regio-01/nieuws/2026-11-02-lab-0.md"
    left_out = "regions/regio-00/nieuws/2026-11-02-lab-0.md"
    extra = f"picks:\n  - {picked}\nexclude:\n  - {left_out}\n  - content/nieuws/bestaat-niet.md\nregional: full\n"
    files["newsletters/2026-11.md"] = NEWSLETTER.format(extra=extra)
    root = make_site(tmp_path / "site", files)
    done = run_newsletter(root, "2026-11")
    assert done.returncode == 0, done.stderr
    assert "newsletters/2026-11.md:8: warning: exclude: content/nieuws/bestaat-niet.md does not exist" in done.stderr
    page = BeautifulSoup((root / "newsletter-out/2026-11/email.html").read_text("utf-8"), "html.parser")
    titles = [h.get_text(strip=True) for h in page.find_all("h3")]
    assert titles[0] == "Leerlingen van regio 01 bouwen samen met bedrijven een 1e technieklab"  # the pick first
    assert titles.count(titles[0]) == 1
    assert not page.find_all(class_="digest")  # regional: full
    left_title = "Leerlingen van regio 00 bouwen samen met bedrijven een 1e technieklab"
    assert left_title not in titles and left_title not in (root / "newsletter-out/2026-11/email.txt").read_text()


def test_an_extra_edition_has_its_own_page_links_and_campaign(tmp_path: Path) -> None:
    files = dict(base_files())
    files["newsletters/2026-11.md"] = NEWSLETTER.format(extra="")
    files["newsletters/2026-11-sto-dag.md"] = (
        "---\nsubject: Extra editie over de landelijke STO-dag\nblocks:\n  - title: Meld je aan\n"
        "    text: De STO-dag is op 12 maart.\n    link: /agenda/\n---\nEen extra nieuwsbrief.\n"
    )
    root = make_site(tmp_path / "site", files)
    done = run_newsletter(root, "2026-11-sto-dag")
    assert done.returncode == 0, done.stderr
    assert "newsletter 2026-11-sto-dag:" in done.stdout
    page = BeautifulSoup((root / "newsletter-out/2026-11-sto-dag/email.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("https://sto.example.org")]
    assert links and all("utm_campaign=2026-11-sto-dag" in href for href in links)
    assert stogen(root, "build").returncode == 0
    archive = soup(root, "/nieuwsbrief/")
    editions = [a["href"] for a in archive.select(".newsletter-archive a")]
    assert editions == ["/nieuwsbrief/2026-11-sto-dag/", "/nieuwsbrief/2026-11/"]
    assert (
        soup(root, "/nieuwsbrief/2026-11-sto-dag/").find("h1").get_text() == "Extra editie over de landelijke STO-dag"
    )
    assert (root / "public/nieuwsbrief/2026-11-sto-dag/email.html").is_file()
    wrong = run_newsletter(root, "2026-11-STO")
    assert wrong.returncode == 1 and "is not a month or an edition of one" in wrong.stderr


SIGNUP = (
    "newsletter:\n  service: mailchimp\n  signup_url: https://sto.us21.list-manage.com/subscribe/post?u=abc&id=123\n"
)


def test_the_sign_up_form_posts_to_the_mail_service(tmp_path: Path) -> None:
    files = dict(base_files())
    files["stogen.yml"] += SIGNUP + "  signup_hidden:\n    b_abc_123: ''\n".replace("''", '"x"')
    files["newsletters/2026-11.md"] = NEWSLETTER.format(extra="")
    root = make_site(tmp_path / "site", files)
    done = stogen(root, "build")
    assert done.returncode == 0, done.stderr
    for url in ("/", "/nieuwsbrief/"):
        page = soup(root, url)
        forms = page.find_all("form", class_="signup-form")
        assert forms and all(f["action"].startswith("https://sto.us21.list-manage.com/") for f in forms)
        for form in forms:
            field = form.find("input", type="email")
            assert field["name"] == "EMAIL" and field.has_attr("required") and field["autocomplete"] == "email"
            assert form.find("label", attrs={"for": field["id"]})
            assert form.find("a", href="/privacy/")
        ids = [tag["id"] for tag in page.find_all(id=True)]
        assert len(ids) == len(set(ids)), ids
    assert not soup(root, "/nieuwsbrief/").find("script", src=re.compile("list-manage"))


def test_the_form_must_be_allowed_by_the_content_security_policy(tmp_path: Path) -> None:
    files = dict(base_files())
    files["stogen.yml"] += SIGNUP
    files["netlify.toml"] = (REPO / "netlify.toml").read_text("utf-8")
    root = make_site(tmp_path / "site", files)
    done = stogen(root, "build")
    assert done.returncode == 1
    assert "newsletter.signup_url: the site's Content-Security-Policy (netlify.toml) does not let a form post to " \
           "https://sto.us21.list-manage.com" in done.stderr  # fmt: skip
    (root / "netlify.toml").write_text(
        files["netlify.toml"].replace("form-action 'self'", "form-action 'self' https://*.list-manage.com")
    )
    assert stogen(root, "build").returncode == 0


def test_a_test_send_arrives_as_a_multipart_message(tmp_path: Path) -> None:
    controller_module = pytest.importorskip("aiosmtpd.controller")
    handler_module = pytest.importorskip("aiosmtpd.handlers")
    received: list[bytes] = []

    class Keep(handler_module.Sink):
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.original_content or envelope.content)
            return "250 OK"

    with socket.socket() as probe:  # a free port for the local SMTP server
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    controller = controller_module.Controller(Keep(), hostname="127.0.0.1", port=free)
    controller.start()
    try:
        files = dict(base_files())
        files["newsletters/2026-11.md"] = NEWSLETTER.format(extra="")
        root = make_site(tmp_path / "site", files)
        port = str(free)
        env = {"STOGEN_SMTP_HOST": "127.0.0.1", "STOGEN_SMTP_PORT": port, "STOGEN_SMTP_SECURITY": "none"}
        done = run_newsletter(root, "2026-11", "--test-naar", "redactie@example.org", env=env)
        assert done.returncode == 0, done.stderr
        assert f"test sent to redactie@example.org through 127.0.0.1:{port}" in done.stdout
        for _ in range(50):
            if received:
                break
            time.sleep(0.05)
    finally:
        controller.stop()
    message = email.message_from_bytes(received[0], policy=email.policy.default)
    assert message["Subject"] == "[TEST] Nieuwsbrief november"
    assert message["To"] == "redactie@example.org"
    assert message["List-Unsubscribe"] == "<*|UNSUB|*>"
    assert message.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    html = message.get_body(("html",)).get_content().replace("\r\n", "\n")  # SMTP sends lines ending in CRLF
    assert html.rstrip("\n") == (root / "newsletter-out/2026-11/email.html").read_text("utf-8").rstrip("\n")
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.rstrip("\n") == (root / "newsletter-out/2026-11/email.txt").read_text("utf-8").rstrip("\n")


def test_a_test_send_without_a_server_says_what_to_set(tmp_path: Path) -> None:
    files = dict(base_files())
    files["newsletters/2026-11.md"] = NEWSLETTER.format(extra="")
    root = make_site(tmp_path / "site", files)
    done = run_newsletter(root, "2026-11", "--test-naar", "redactie@example.org", env={"STOGEN_SMTP_HOST": ""})
    assert done.returncode == 1 and "STOGEN_SMTP_HOST is not set" in done.stderr
    assert (root / "newsletter-out/2026-11/email.html").is_file()  # the files are made all the same
