"""One configured, safe-by-default Markdown renderer.

Content is untrusted: raw HTML is escaped (never passed through), links with a
script-capable scheme are dropped, external links get rel="noopener". Relative
links to other content files and images are resolved to their output URLs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from stogen.content.entries import slugify

# Only these schemes may appear in a link; everything else (javascript:, data:, vbscript:, file:) is dropped.
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


@dataclass(frozen=True)
class LinkIssue:
    line: int
    target: str
    message: str
    hint: str


@dataclass
class Rendered:
    html: str
    issues: list[LinkIssue] = field(default_factory=list)
    first_paragraph: str = ""


# resolve(kind, repo_relative_path) -> site URL, or None when no such file is published.
Resolver = Callable[[str, str], "str | None"]


def is_safe_url(url: str) -> bool:
    m = _SCHEME.match(url.strip())
    if m is None:
        return True  # relative, or a site path
    return m.group(1).lower() in SAFE_SCHEMES


def _heading_shift(state: StateCore) -> None:
    # The page template owns the one <h1>: a body's `# Kop` becomes <h2>.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "xhtmlOut": False})
    md.enable("table")
    md.enable("strikethrough")
    md.use(footnote_plugin)
    md.core.ruler.after("block", "heading_shift", _heading_shift)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=_heading_slug)
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.core.ruler.push("site_links", _site_links)
    return md


def _heading_slug(text: str) -> str:
    return slugify(text) or "kop"


def _site_links(state: StateCore) -> None:
    env = state.env
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        line = (block.map[0] if block.map else 0) + env.get("line_offset", 1)
        for tok in block.children:
            if tok.type == "link_open":
                href = str(tok.attrGet("href") or "")
                new = _rewrite(href, "link", line, env)
                if new is None:
                    tok.attrs.pop("href", None)
                else:
                    tok.attrSet("href", new)
                    if _is_external(new, env["host"]):
                        tok.attrSet("rel", "noopener")
            elif tok.type == "image":
                src = str(tok.attrGet("src") or "")
                new = _rewrite(src, "image", line, env)
                tok.attrSet("src", new or "")
                tok.attrSet("loading", "lazy")
                alt = "".join(c.content for c in tok.children or [])
                if not alt.strip():
                    env["issues"].append(
                        LinkIssue(
                            line,
                            src,
                            "image has no alt text",
                            "describe the image: ![Leerlingen in de werkplaats](foto.png)",
                        )
                    )


def _is_external(url: str, host: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc.lower() != host


def _rewrite(url: str, kind: str, line: int, env: dict) -> str | None:
    """A link or image target as written -> the URL to publish, or None to drop it."""
    if not url or url.startswith("#") or _SCHEME.match(url) or url.startswith("//"):
        return url
    parts = urlsplit(url)
    path = unquote(parts.path)
    suffix = ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")
    if path.startswith("/"):
        return url  # a site path: checked against the built site by `stogen check`
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(env["source"]), path))
    if rel.startswith("../") or rel == "..":
        env["issues"].append(
            LinkIssue(
                line,
                url,
                f"{kind} points outside the repository",
                "link only to files inside content/ or regions/",
            )
        )
        return None
    resolve: Resolver = env["resolve"]
    is_markdown = path.endswith(".md")
    target = resolve("entry" if is_markdown else "asset", rel)
    if target is not None:
        return target + suffix
    if not is_markdown and not posixpath.splitext(path)[1]:
        return url  # a relative URL, not a file; left as written
    env["issues"].append(
        LinkIssue(
            line,
            url,
            f"{kind} target {url!r} not found",
            f"no published file at {rel}; check the name and the ../ parts, and that it is not a draft",
        )
    )
    return None


_PARSER: MarkdownIt | None = None


def parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = _make_parser()
    return _PARSER


def render(body: str, source: str, first_line: int, resolve: Resolver, host: str) -> Rendered:
    """Render a Markdown body; `source` is its repository-relative path, `first_line` its line in the file."""
    env: dict = {
        "source": source,
        "line_offset": first_line,
        "resolve": resolve,
        "host": host.lower(),
        "issues": [],
    }
    md = parser()
    tokens = md.parse(body, env)
    html = md.renderer.render(tokens, md.options, env)
    return Rendered(html=html, issues=env["issues"], first_paragraph=_first_paragraph(tokens))


def _first_paragraph(tokens: list) -> str:
    for i, tok in enumerate(tokens):
        if tok.type == "paragraph_open" and i + 1 < len(tokens) and tokens[i + 1].type == "inline":
            children = tokens[i + 1].children or []
            text = "".join(
                " " if c.type in ("softbreak", "hardbreak") else c.content
                for c in children
                if c.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            text = " ".join(text.split())
            if text:
                return text
    return ""
