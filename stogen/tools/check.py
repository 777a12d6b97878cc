"""stogen check: build into a temporary folder, then check the built HTML.

Every internal link and #anchor must resolve to a written file, every image must exist and have alt
text, and no two pages may share a <title>. A problem in the built HTML is reported at the source file
that made the page (and the line of the link in it, when the link's text is found there), so an editor
sees it on the line they changed. External links are only fetched on request (`external=True`).
"""

from __future__ import annotations

import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

from stogen.build.pipeline import BuildResult, build
from stogen.core.messages import Msg, msg
from stogen.core.problems import BuildFailed, Problems
from stogen.tools import public_fetch

Progress = Callable[[str, int, int], None]
EXTERNAL_TIMEOUT = 10.0
EXTERNAL_WORKERS = 4


@dataclass
class Page:
    rel: str  # output path, e.g. nieuws/x/index.html
    source: str  # repository-relative file the problems are reported at
    text: str  # the source's text, to find the line of a link ("" for generated pages)
    ids: set[str] = field(default_factory=set)
    title: str = ""


def check_site(
    root: Path,
    now: str | None = None,
    drafts: bool = False,
    future: bool = False,
    external: bool = False,
    progress: Progress | None = None,
) -> Problems:
    """All build problems plus the problems found in the built pages; the caller decides the exit status."""
    with tempfile.TemporaryDirectory(prefix="stogen-check-") as tmp:
        out = Path(tmp) / "site"
        try:
            # Made photo files are kept by content (never stale), so a check does not encode every photo again.
            result = build(
                root,
                now=now,
                drafts=drafts,
                future=future,
                use_cache=False,
                output=out,
                progress=progress,
                photo_store=True,
            )
        except BuildFailed as failed:
            return failed.problems
        problems = result.problems
        Checker(root, out, result, problems, progress).run(external)
        return problems


class Checker:
    def __init__(self, root: Path, out: Path, result: BuildResult, problems: Problems, progress: Progress | None):
        self.root, self.out, self.problems = root, out, problems
        self.progress = progress or (lambda stage, done, total: None)
        self.host = urlsplit(result.site.config.base_url).netloc
        self.sources = _sources(root, result)
        self.pages: dict[str, Page] = {}
        self.redirects = _redirects(out / "_redirects")
        self.external: dict[str, tuple[Page, str]] = {}

    def run(self, external: bool) -> None:
        files = sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*.html"))
        soups = {}
        for n, rel in enumerate(files, 1):
            soups[rel] = self._read(rel)
            self.progress("reading", n, len(files))
        # Only the site's pages are checked; other HTML (the newsletter's email, redirect stubs) is not a web page
        # of its own, but its anchors still count as link targets.
        checked = [rel for rel in soups if rel in self.sources]
        for n, rel in enumerate(checked, 1):
            self._links(self.pages[rel], soups[rel])
            self._markup_as_text(self.pages[rel], soups[rel])
            self.progress("checking links", n, len(checked))
        self._titles(checked)
        if external and self.external:
            self._fetch_all()

    def _read(self, rel: str) -> BeautifulSoup:
        soup = BeautifulSoup((self.out / rel).read_text("utf-8"), _parser())
        source, text = self.sources.get(rel, (f"{self.out.name}/{rel}", ""))
        page = Page(rel, source, text)
        page.ids = {str(t["id"]) for t in soup.find_all(id=True)} | {
            str(a["name"]) for a in soup.find_all("a", attrs={"name": True})
        }
        page.title = soup.title.get_text(strip=True) if soup.title else ""
        self.pages[rel] = page
        return soup

    def _links(self, page: Page, soup: BeautifulSoup) -> None:
        for tag in soup.find_all(["a", "area", "link"], href=True):
            if tag.name == "link" and not set(tag.get("rel") or []) & {"stylesheet", "icon", "alternate"}:
                continue  # canonical and the like point at the public site, not into this build
            self._link(page, str(tag["href"]), "link")
        for img in soup.find_all("img"):
            src = str(img.get("src") or "")
            if not src:
                self._error(page, src, "image", msg("an <img> without src"), msg("give the image a file or address"))
            else:
                self._link(page, src, "image")
            if img.get("alt") is None:
                self._error(
                    page,
                    src,
                    "image_alt",
                    msg("image {src} has no alt text", src=src),
                    msg("add image_alt to the front matter"),
                )

    def _markup_as_text(self, page: Page, soup: BeautifulSoup) -> None:
        """Markdown shown as text: `![` or `](` left in a page's main content means an image or a link that the
        Markdown parser did not take as one (most often a file name with spaces, as WhatsApp and phones save)."""
        main = soup.find("main")
        if main is None or not page.text:  # a listing shows others' text: reported at their own pages
            return
        for node in main.find_all(string=True):
            if node.find_parent(["code", "pre", "script", "style"]) is not None:
                continue
            text = str(node)
            for marker, kind in (("![", "image"), ("](", "link")):
                at = text.find(marker)
                if at < 0:
                    continue
                start = text.rfind("\n", 0, at) + 1
                end = text.find("\n", at)
                shown = text[start : end if end >= 0 else len(text)].strip()
                self.problems.error(
                    page.source,
                    _line_of(page.text, shown) or _line_of(page.text, text[at : at + 20]),
                    kind,
                    msg(
                        "{shown!r} is shown as text: the Markdown {kind} was not recognised",
                        shown=shown[:80],
                        kind=kind,
                    ),
                    msg(
                        "a file name with spaces goes between < and >: ![Beschrijving](<WhatsApp Image 2026.jpeg>); "
                        "or rename the file without spaces"
                    ),
                )
                break

    def _link(self, page: Page, href: str, field: str) -> None:
        parts = urlsplit(href)
        if parts.scheme in ("mailto", "tel", "data"):
            return
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.external.setdefault(urldefrag(href)[0], (page, href))
            return
        if parts.scheme and parts.scheme not in ("http", "https"):
            return
        base = "/" + page.rel
        path = parts.path if parts.path.startswith("/") else _join(base, parts.path) if parts.path else base
        target = self._resolve(unquote(path))
        if target is None:
            self._error(
                page, href, field, msg("{href} leads to a page that does not exist", href=href), _link_hint(href)
            )
        elif parts.fragment and target.endswith(".html"):
            ids = self.pages[target].ids if target in self.pages else set()
            if unquote(parts.fragment) not in ids and parts.fragment != "top":
                self._error(
                    page,
                    href,
                    field,
                    msg("{href}: no anchor #{anchor} on that page", href=href, anchor=parts.fragment),
                    msg("check the part after # against the headings of that page"),
                )

    def _resolve(self, path: str, hops: int = 0) -> str | None:
        """The output file a URL path serves (pretty URLs: /x/ and /x -> x/index.html), following _redirects."""
        rel = path.lstrip("/")
        candidates = [rel + "index.html"] if rel.endswith("/") or not rel else [rel, rel + "/index.html"]
        for candidate in candidates:
            if (self.out / candidate).is_file():
                return candidate
        dest = self.redirects.get(path) or self.redirects.get(path.rstrip("/") + "/")
        if dest and hops < 5:
            return self._resolve(dest, hops + 1)
        return None

    def _titles(self, checked: list[str]) -> None:
        seen: dict[str, Page] = {}
        for rel in sorted(checked):
            page = self.pages[rel]
            if rel == "404.html" or not page.title:
                continue
            first = seen.setdefault(page.title, page)
            if first is not page:
                self.problems.error(
                    page.source,
                    None,
                    "title",
                    msg("the title {title!r} is also the title of /{url}", title=page.title, url=_url(first.rel)),
                    msg("give each page its own title"),
                )

    def _fetch_all(self) -> None:
        urls = sorted(self.external)
        with ThreadPoolExecutor(EXTERNAL_WORKERS) as pool:
            for n, (url, failure) in enumerate(zip(urls, pool.map(fetch, urls), strict=True), 1):
                self.progress("fetching external links", n, len(urls))
                if failure:
                    page, href = self.external[url]
                    self._error(
                        page,
                        href,
                        "link",
                        msg("{href}: {failure}", href=href, failure=failure),
                        msg("fix or remove the link"),
                    )

    def _error(self, page: Page, needle: str, field: str, message: Msg, hint: Msg | None = None) -> None:
        self.problems.error(page.source, _line_of(page.text, needle), field, message, hint)


def fetch(url: str) -> Msg | None:
    """None when the URL answers with a success; else what went wrong. HEAD first, GET when HEAD is refused."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "stogen-check"})
        try:
            with public_fetch.opener().open(request, timeout=EXTERNAL_TIMEOUT):
                return None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return msg("the server answered {code} {reason}", code=exc.code, reason=exc.reason)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, public_fetch.RefusedAddress):
                return msg("not fetched: {reason}", reason=reason)
            return msg("could not be fetched ({reason})", reason=getattr(exc, "reason", exc))
    return None


def _sources(root: Path, result: BuildResult) -> dict[str, tuple[str, str]]:
    """Output path -> (the source file that made it, its text); generated pages point at their template."""
    out: dict[str, tuple[str, str]] = {}
    for job in result.jobs:
        if job.item is not None:
            src = job.item.entry.source
            out[job.path] = (src.rel, src.path.read_text("utf-8", errors="replace"))
        elif (root / job.owner).is_file():
            out[job.path] = (job.owner, (root / job.owner).read_text("utf-8", errors="replace"))
        else:
            out[job.path] = (f"themes/{result.site.config.theme}/templates/{job.template}", "")
    return out


def _redirects(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    table = {}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith("#"):
            table[parts[0]] = parts[1]
    return table


def _line_of(text: str, needle: str) -> int | None:
    """The first line of the source that mentions the link (its full text, else its last path part)."""
    if not text or not needle:
        return None
    tail = urlsplit(needle).path.rstrip("/").rsplit("/", 1)[-1]
    for candidate in (needle, urldefrag(needle)[0], tail):
        if candidate and len(candidate) > 2:
            at = text.find(candidate)
            if at >= 0:
                return text.count("\n", 0, at) + 1
    return None


def _join(base: str, rel: str) -> str:
    from posixpath import dirname, normpath

    joined = normpath(dirname(base) + "/" + rel)
    return joined + "/" if rel.endswith("/") else joined


def _url(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _link_hint(href: str) -> Msg:
    if href.endswith(".md"):
        return msg("link to another content file by its path relative to this file, e.g. ../nieuws/2026-11-02-x.md")
    return msg("check the address, or link to the content file (.md) so stogen writes the right URL")


def _parser() -> str:
    try:
        import lxml  # noqa: F401  # faster; html.parser is the fallback

        return "lxml"
    except ImportError:
        return "html.parser"
