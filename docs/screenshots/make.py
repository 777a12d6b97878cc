"""Screenshots of the example site's main pages at 375 and 1366 px, for docs/theme.md.

    python docs/screenshots/make.py            # builds the example site in a temporary folder, writes site/*.png

Needs Chromium at /usr/bin/chromium, Playwright (the test extra) and Pillow. Each picture is the first screen of a
page, as a visitor on a phone or a laptop sees it before scrolling, served with the site's own 404 page and after
the page's scripts ran (the region finder and the search have answered their query). The PNGs are reduced to
256 colours: text stays sharp at a fraction of the bytes.
"""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "site"
REPO = HERE.parent.parent
NOW = "2026-11-28 12:00"
# name -> (URL, what to wait for before the picture: a CSS selector that appears once the page's script answered)
PAGES = {
    "home": ("/", None),
    "regio": ("/regio/twente/", None),
    "regiozoeker": ("/regio/", None),  # with "Hengelo" typed in its field
    "agenda": ("/agenda/", None),
    "artikel": ("/regio/twente/nieuws/vernieuwde-werkplaats-fictief-lyceum-oost/", None),
    "activiteit": ("/agenda/landelijke-sto-dag-2027/", None),
    "webinar": ("/webinars/techniekpact-en-sto/", None),
    "zoeken": ("/zoeken/?q=hotspot", ".pagefind-ui__result, #zoeken li"),
    "nieuwsbrief": ("/nieuwsbrief/", None),
    "404": ("/bestaat-niet/", None),
}
VIEWPORTS = {375: 812, 1366: 900}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]  # fmt: skip


class _Site(http.server.SimpleHTTPRequestHandler):
    """The built site, with its own 404 page for a path it does not have (as Netlify serves it)."""

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def small_png(data: bytes) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name in ("content", "regions", "themes", "newsletters"):
            shutil.copytree(REPO / name, site / name)
        shutil.copy(REPO / "stogen.yml", site / "stogen.yml")
        argv = [sys.executable, "-m", "stogen", "build", "--now", NOW]
        subprocess.run(argv, cwd=site, check=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
        handler = functools.partial(_Site, directory=str(site / "public"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for width, height in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, (url, ready) in PAGES.items():
                    page.goto(f"http://127.0.0.1:{server.server_port}{url}", wait_until="networkidle")
                    page.evaluate("document.fonts.ready")
                    if name == "regiozoeker":
                        page.fill(".finder-form input[type=search]", "Hengelo")
                    if ready:
                        try:
                            page.wait_for_selector(ready, timeout=5000)
                        except PlaywrightTimeout:
                            print(f"{name}: {ready!r} did not appear; taken as it is", file=sys.stderr)
                    target = OUT / f"{name}-{width}.png"
                    target.write_bytes(small_png(page.screenshot()))
                    print(target.relative_to(REPO), target.stat().st_size // 1024, "KB")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
