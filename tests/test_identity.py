"""One visual identity: the palette, typeface and type scale of themes/default/identity.yml reach both the site
(CSS custom properties, a self-hosted typeface, no third-party request) and the newsletter (inline colours and
sizes), and a change in that one file changes both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitekit import CHROMIUM_ARGS, REPO, make_site, page_path, require_tool, soup, stogen
from test_newsletter import newsletter_files

from stogen.render import identity

THEME = REPO / "themes" / "default"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def test_every_text_colour_pair_meets_wcag_aa() -> None:
    found = identity.load(THEME)
    assert len(found.contrast) >= 8
    low = [
        f"{fg} on {bg}: {ratio:.2f}"
        for fg, bg in found.contrast
        if (ratio := identity.contrast_ratio(found.colors[fg], found.colors[bg])) < 4.5
    ]
    assert low == []
    assert round(identity.contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # the known AA threshold grey


def test_the_theme_states_no_colour_outside_the_identity() -> None:
    """style.css and the email template name colours only through identity.yml."""
    css = (THEME / "static" / "style.css").read_text("utf-8")
    email = (THEME / "email" / "email.html").read_text("utf-8")
    assert HEX.findall(css) == [] and HEX.findall(email) == []
    assert not re.search(r"font-size:\s*[\d.]+(px|rem)", email.split("</style>")[0].replace("font-size: 1px", ""))


def built(tmp_path: Path, brand: str | None = None) -> Path:
    root = make_site(tmp_path / "site", newsletter_files())
    if brand:
        path = root / "themes/default/identity.yml"
        path.write_text(path.read_text("utf-8").replace('brand: "#16325c"', f'brand: "{brand}"'), "utf-8")
    done = stogen(root, "build")
    assert done.returncode == 0, done.stderr
    return root


def site_css(root: Path) -> str:
    href = soup(root, "/").find("link", rel="stylesheet")["href"]
    return page_path(root, href.split("?")[0]).read_text("utf-8")


def email_colours(root: Path) -> set[str]:
    return {c.lower() for c in HEX.findall(page_path(root, "/nieuwsbrief/2026-11/email.html").read_text("utf-8"))}


def test_one_change_in_identity_yml_changes_the_site_and_the_email(tmp_path: Path) -> None:
    palette = {c.lower() for c in identity.load(THEME).colors.values()}
    before = built(tmp_path / "a")
    css = site_css(before)
    assert "--brand: #16325c;" in css and "--step-base: 1.0625rem;" in css
    assert '"Atkinson Hyperlegible Next"' in css and "font-display: swap" in css
    mail = email_colours(before)
    assert "#16325c" in mail and mail <= palette, mail - palette
    sizes = set(re.findall(r"font-size: ?(\d+)px", page_path(before, "/nieuwsbrief/2026-11/email.html").read_text()))
    assert sizes - {"1"} <= {str(s.px) for s in identity.load(THEME).scale.values()}

    after = built(tmp_path / "b", brand="#0b3d2e")
    assert "--brand: #0b3d2e;" in site_css(after)
    assert "#0b3d2e" in email_colours(after) and "#16325c" not in email_colours(after)


def test_the_typeface_is_served_by_the_site_and_nothing_else_is_asked_for(tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    from playwright.sync_api import Route, sync_playwright

    root = built(tmp_path)
    public = root / "public"
    base = "https://sto.example.org"
    requested: list[str] = []

    def serve(route: Route) -> None:
        path = route.request.url.removeprefix(base).split("?", 1)[0]
        file = public / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        kind = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".woff2": "font/woff2"}
        if file.is_file():
            route.fulfill(status=200, body=file.read_bytes(), content_type=kind.get(file.suffix, "image/svg+xml"))
        else:
            route.fulfill(status=404, body="")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.on("request", lambda r: requested.append(r.url))
        page.route(f"{base}/**", serve)
        page.route(re.compile(r"^(?!https://sto\.example\.org/).*"), lambda r: r.abort())
        page.goto(f"{base}/regio/alpha/", wait_until="load")
        page.evaluate("document.fonts.ready")
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)"
        )
        body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
        header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        browser.close()
    assert '"Atkinson Hyperlegible Next" 400' in loaded or "Atkinson Hyperlegible Next 400" in loaded, loaded
    assert body_font.startswith('"Atkinson Hyperlegible Next"')
    assert header == "rgb(22, 50, 92)"  # #16325c, the brand
    assert requested and all(u.startswith(base + "/") for u in requested), requested
    assert any(u.split("?")[0].endswith(".woff2") for u in requested)


@pytest.mark.parametrize("mistake", ['brand: "blue"', "brand:"])
def test_a_broken_identity_is_named(tmp_path: Path, mistake: str) -> None:
    theme = tmp_path / "theme"
    (theme / "static").mkdir(parents=True)
    text = (THEME / "identity.yml").read_text("utf-8").replace('brand: "#16325c"', mistake)
    (theme / "identity.yml").write_text(text, "utf-8")
    with pytest.raises(ValueError, match=r"identity\.yml"):
        identity.load(theme)
