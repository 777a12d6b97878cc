"""Screenshots of the example site's main pages at 375 and 1366 px, for the docs and the closing notes.

    python docs/screenshots/make.py            # builds the example site in a temporary folder, writes PNGs here

Needs Chromium at /usr/bin/chromium and Playwright (the test extra). Each PNG is the first screen of a page, as a
visitor on a phone or a laptop sees it before scrolling.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
NOW = "2026-11-28 12:00"
PAGES = {
    "home": "/",
    "regio-directory": "/regio/",
    "regio": "/regio/twente/",
    "artikel": "/regio/twente/nieuws/nieuwe-cnc-machines-techniekhuis/",
    "agenda": "/agenda/",
    "activiteit": "/agenda/landelijke-sto-dag-2027/",
    "webinar": "/webinars/hybride-docenten-tussen-klas-en-bedrijf/",
    "profiel": "/profielen/bouwen-wonen-en-interieur/",
    "nieuwsbrief": "/nieuwsbrief/",
}
VIEWPORTS = {375: 812, 1366: 900}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]  # fmt: skip


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name in ("content", "regions", "themes", "newsletters"):
            shutil.copytree(REPO / name, site / name)
        shutil.copy(REPO / "stogen.yml", site / "stogen.yml")
        argv = [sys.executable, "-m", "stogen", "build", "--now", NOW]
        subprocess.run(argv, cwd=site, check=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site / "public"))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for width, height in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, url in PAGES.items():
                    page.goto(f"http://127.0.0.1:{server.server_port}{url}")
                    page.screenshot(path=str(HERE / f"{name}-{width}.png"))
                    print(HERE / f"{name}-{width}.png")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
