"""No URL lost by accident: every page of the previous build that is gone without a redirect gets a warning.

Search engines and old newsletters keep linking to what the site once published. A renamed file, a removed
page or a changed slug silently turns such links into 404s, so after each build the pages it lists in the sitemap
are remembered in .stogen-cache/urls.txt (plain text: it stays valid across stogen versions, unlike the cache's
pickles), and the next build warns for each one it no longer serves and no rule of `_redirects` covers.
"""

from __future__ import annotations

from pathlib import Path

from stogen.core.cache import Cache
from stogen.core.messages import msg
from stogen.core.problems import Problems
from stogen.outputs.jobs import PageJob
from stogen.outputs.redirects import Rule
from stogen.outputs.sitemap import listed

FILE = "urls.txt"


def check_and_remember(cache: Cache, jobs: list[PageJob], rules: list[Rule], problems: Problems) -> None:
    if not cache.enabled:
        return  # --no-cache: nothing remembered, nothing compared
    path = cache.folder / FILE
    served = {job.url for job in jobs}
    try:
        previous = path.read_text("utf-8").splitlines()
    except OSError:
        previous = []
    for line, url in enumerate(previous, start=1):
        if url and url not in served and not any(rule.covers(url) for rule in rules):
            problems.warning(
                _shown(path, cache),
                line,
                "url",
                msg("{url} was published by the previous build and is gone, with no redirect", url=url),
                msg(
                    "a renamed or moved file: add its old URL to `aliases:` in its front matter; "
                    "removed on purpose: nothing to do (this warning is not repeated)"
                ),
            )
    try:
        path.parent.mkdir(exist_ok=True)
        path.write_text("".join(f"{url}\n" for url in sorted(job.url for job in jobs if listed(job))), "utf-8")
    except OSError:
        pass  # like the cache: not remembering only costs a warning next time


def _shown(path: Path, cache: Cache) -> str:
    return f"{cache.folder.name}/{path.name}"
