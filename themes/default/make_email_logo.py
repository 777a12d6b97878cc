"""Draw static/email-logo.png, the newsletter's header logo, from the site's own header: static/logo.svg and the site
title in the theme's typeface, on the brand colour of identity.yml. Mail clients show no SVG and no web font, so the
email gets this PNG (drawn at twice its size for sharp screens). Run it after changing the logo or the palette:

    python themes/default/make_email_logo.py            # needs Playwright and /usr/bin/chromium
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import yaml

THEME = Path(__file__).resolve().parent
TITLE = "Sterk Techniekonderwijs"
WIDTH = 240  # CSS pixels; stogen/outputs/email.py LOGO_WIDTH


def main() -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    identity = yaml.safe_load((THEME / "identity.yml").read_text("utf-8"))
    colors = identity["colors"]
    bold = next(f[2] for f in identity["font"]["files"] if f[0] == 700 and f[1] == "normal")
    # A data: URL: a page made with set_content may not load file: fonts.
    font = "data:font/woff2;base64," + base64.b64encode((THEME / "static" / bold).read_bytes()).decode()
    logo = (THEME / "static" / "logo.svg").read_text("utf-8")
    html = f"""<!doctype html><meta charset="utf-8"><style>
    @font-face {{ font-family: brand; font-weight: 700; src: url("{font}") format("woff2"); }}
    body {{ margin: 0; }}
    .logo {{ display: inline-flex; align-items: center; gap: 8px; padding: 6px 0; width: {WIDTH}px;
      background: {colors["brand"]}; color: {colors["on-brand"]}; font: 700 16px/1 brand; white-space: nowrap; }}
    svg {{ width: 36px; height: 36px; flex: none; }}
    </style><div class="logo">{logo}<span>{TITLE}</span></div>"""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(device_scale_factor=2)
        page.set_content(html)
        page.evaluate("document.fonts.ready")
        shot = page.locator(".logo").screenshot()
        browser.close()
    image = Image.open(io.BytesIO(shot)).convert("RGB").quantize(colors=64)
    image.save(THEME / "static" / "email-logo.png", optimize=True)
    print(THEME / "static" / "email-logo.png", image.size)


if __name__ == "__main__":
    main()
