"""One configured, safe-by-default Markdown renderer.

Content is untrusted: raw HTML is escaped (never passed through), links and images with a script-capable
scheme are dropped, external links get rel="noopener". Relative links to other content files and images are
resolved to their output URLs.

Parsing is markdown-it (CommonMark, plus tables, strikethrough and footnotes) in its Rust port,
markdown-it-pyrs, with the HTML rules left out. The syntax tree it returns is written out as HTML here, so
every attribute that reaches a page passes through this module: text is escaped, URLs are checked.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from markdown_it_pyrs import MarkdownIt, Node

from stogen.core.messages import Msg, msg
from stogen.model import figures
from stogen.model.entries import slugify
from stogen.render.pictures import picture_html

# Only these schemes may appear in a link; everything else (javascript:, data:, vbscript:, file:) is dropped.
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")

# The CommonMark rules and three extensions. Not enabled, on purpose: html_block and html_inline (raw HTML
# is shown as text), linkify, typographic replacements.
RULES = [
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
    "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline",
    "table", "strikethrough", "footnote",
]  # fmt: skip

# Headings that get an id, after the shift of `#` to <h2> (the page template owns the one <h1>).
ANCHORED_LEVELS = (2, 3, 4)

# Nesting no real text comes near (a list in a list in a quote is 3), checked in the source before parsing:
# markdown-it-pyrs recurses per level and crashes the process (a segmentation fault, not an exception) on
# some ten thousand levels; this writer recurses too. 32 levels leave both far from their stacks.
MAX_NESTING = 32
# A long guide has 40 headings; thousands only make a table of contents no one reads.
MAX_HEADINGS = 1000
# Link reference definitions (`[label]: /url`) on consecutive lines are re-read by the parser once per line:
# 8,000 in a row took 4.6 s, 70,000 over 7 minutes. A real text has a handful; a blank line ends a run.
MAX_REFERENCE_RUN = 100
_REFERENCE = re.compile(r"\[[^\]]*\]:")
# Emphasis markers (`*`, `_`, `~` runs) in one paragraph are matched against each other in quadratic time:
# 20,000 took 3 s, 125,000 almost 6 minutes. A real paragraph has a few dozen.
MAX_MARKERS_PER_PARAGRAPH = 1000
_MARKER_RUN = re.compile(r"[*_~]+")

_CONTAINER = re.compile(r" {0,3}(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)) ?")
_INLINE_OPEN = re.compile(r"(?<![\w\\*_~\[])[*_~]+(?=[^\s*_~])|\[")
# Footnotes take the ids fn1, fn2, ... and fnref1, ...: a heading never does (`## fn1` gets fn1-1).
_FOOTNOTE_ID = re.compile(r"^fn(?:ref)?\d")
# The escapes and entities CommonMark resolves in a fence's info string (spec 4.5: `foo\+bar` is foo+bar).
_INFO_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INLINE_CLOSE = re.compile(r"(?<=[^\s*_~\\])[*_~]+(?![\w])|\]")
_INLINE_MARK = re.compile(f"{_INLINE_OPEN.pattern}|(?P<close>{_INLINE_CLOSE.pattern})")


@dataclass(frozen=True)
class LinkIssue:
    line: int
    target: str
    message: Msg
    hint: Msg
    field: str = "body"  # the field of `path:line: field: message`
    warning: bool = False  # reported, but the build goes on (a link to an unpublished item)


@dataclass
class Rendered:
    html: str
    issues: list[LinkIssue] = field(default_factory=list)
    first_paragraph: str = ""
    digest: str = ""  # a hash of the HTML, so pages that show it can tell when it changed

    def __post_init__(self) -> None:
        if not self.digest:
            self.digest = hashlib.sha256(self.html.encode("utf-8")).hexdigest()


# resolve(kind, repo_relative_path) -> site URL, or None when no such file is published.
Resolver = Callable[[str, str], "str | None"]


def is_safe_url(url: str) -> bool:
    m = _SCHEME.match(url.strip())
    if m is None:
        return True  # relative, or a site path
    return m.group(1).lower() in SAFE_SCHEMES


def escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


_PARSER: MarkdownIt | None = None


def parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("zero").enable_many(RULES)
    return _PARSER


def render(body: str, source: str, first_line: int, resolve: Resolver, host: str) -> Rendered:
    """Render a Markdown body; `source` is its repository-relative path, `first_line` its line in the file."""
    writer = _Writer(body, source, first_line, resolve, host.lower())
    too_deep = nesting_problem(body)
    if too_deep is not None:  # never handed to the parser: see MAX_NESTING
        line, message = too_deep
        hint = msg(
            "use at most {max} levels of quotes, lists, emphasis and links inside each other, and put a"
            " blank line between long lists of link references",
            max=MAX_NESTING,
        )
        return Rendered(html="", issues=[LinkIssue(first_line + line - 1, "", message, hint)])
    try:
        tree = _tree(body)
    except BaseException as exc:  # pyo3's PanicException is a BaseException: the parser's own bug, not the editor's
        if type(exc).__name__ != "PanicException":
            raise
        message = msg("this paragraph cannot be read: a [ is followed by a ` that is never closed")
        hint = msg("close the code with a second ` (like `code`), or write \\` for a backtick that is just a character")
        return Rendered(html="", issues=[LinkIssue(first_line + _panicking_line(body) - 1, "", message, hint)])
    out: list[str] = []
    writer.blocks(tree.children, out)
    return Rendered(html="".join(out), issues=writer.issues, first_paragraph=writer.first_paragraph)


def _tree(body: str) -> Node:
    """The parsed body. markdown-it-pyrs 0.6 panics on a `[` followed by a backtick run that is never closed
    (`[a` b`); Rust prints the panic on stderr before Python sees it, so a body that could panic is parsed with
    stderr silenced, and the caller turns the panic into a problem at its paragraph."""
    if "`" not in body or "[" not in body:
        return parser().tree(body)
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            return parser().tree(body)
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _panicking_line(body: str) -> int:
    """The first line of the first paragraph the parser panics on when given alone (1 if none does)."""
    lines = body.split("\n")  # split once: the body may have many paragraphs
    start = 1
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            continue
        paragraph = "\n".join(lines[start - 1 : number - 1])
        if "`" in paragraph and "[" in paragraph:  # what the panic needs; other paragraphs are not parsed again
            try:
                _tree(paragraph + "\n")
            except BaseException:
                return start
        start = number + 1
    return 1


# 17 characters at the start of a line that could all be indentation or container markers; each such character
# adds at most 2 to a line's block depth (a tab is 4 columns), so a body without them is never too deep in blocks.
_LEADING = "[ \t>*+\\-0-9.)]{" + str(MAX_NESTING // 2 + 1) + "}"
_DEEP_FIRST_LINE, _DEEP_LINE = re.compile(_LEADING), re.compile("\n" + _LEADING)


def surely_shallow(body: str) -> bool:
    """True when counting alone shows the body within every limit nesting_problem checks (almost every real
    body): its line-by-line reading costs 0.4 ms a body, these scans in C a few microseconds.

    Each bound over-counts its limit: every emphasis run or bracket counts as opening (none ever closes), a
    paragraph ends only at an empty line, and every `]:` counts as a reference in one run."""
    if body.count("]:") > MAX_REFERENCE_RUN or _DEEP_FIRST_LINE.match(body) or _DEEP_LINE.search(body):
        return False
    if sum(map(body.count, "*_~[")) <= MAX_NESTING:  # every mark of the body in one paragraph is still shallow
        return True
    return all(len(_MARKER_RUN.findall(part)) + part.count("[") <= MAX_NESTING for part in body.split("\n\n"))


def nesting_problem(body: str) -> tuple[int, Msg] | None:
    """(line, message) when the body nests blocks or inline markup deeper than MAX_NESTING, else None.

    An upper bound read from the source in one pass, so it never needs the parser it protects: block depth
    is the container markers (`>`, list markers) at the start of a line plus its indentation in steps of two;
    inline depth is the opening emphasis runs and brackets not yet closed within a paragraph."""
    return None if surely_shallow(body) else nesting_by_lines(body)


def nesting_by_lines(body: str) -> tuple[int, Msg] | None:
    """nesting_problem's reading, line by line."""
    inline = references = markers = 0
    for number, line in enumerate(body.split("\n"), start=1):
        if not line.strip():
            inline = references = markers = 0  # a blank line ends a paragraph, and any inline markup in it
            continue
        markers += len(_MARKER_RUN.findall(line))
        if markers > MAX_MARKERS_PER_PARAGRAPH:
            return number, msg("a paragraph has more than {max} emphasis marks (* _ ~)", max=MAX_MARKERS_PER_PARAGRAPH)
        expanded = line.expandtabs(4)
        stripped = expanded.lstrip(" ")
        depth = (len(expanded) - len(stripped)) // 2
        pos = 0
        while depth <= MAX_NESTING and (m := _CONTAINER.match(stripped, pos)) and m.end() > pos:
            depth, pos = depth + 1, m.end()
        if depth > MAX_NESTING:
            return number, msg("quotes or lists are nested more than {max} levels deep", max=MAX_NESTING)
        references = references + 1 if _REFERENCE.match(stripped, pos) else 0
        if references > MAX_REFERENCE_RUN:
            return number, msg(
                "more than {max} link references ([naam]: adres) follow each other", max=MAX_REFERENCE_RUN
            )
        for m in _INLINE_MARK.finditer(line):
            inline = max(0, inline - 1) if m.group("close") is not None else inline + 1
            if inline > MAX_NESTING:
                return number, msg("emphasis or links are nested more than {max} levels deep", max=MAX_NESTING)
    return None


# Inline nodes, whose HTML is written without line breaks around it.
_INLINE = frozenset(
    {
        "text", "text_special", "softbreak", "hardbreak", "em", "strong", "strikethrough", "code_inline",
        "link", "autolink", "image", "footnote_ref", "footnote_inline", "footnote_ref_anchor",
    }
)  # fmt: skip
_WRAP = {"em": "em", "strong": "strong", "strikethrough": "s"}


class _Writer:
    """Writes one body's syntax tree as HTML, collecting link problems on the way."""

    def __init__(self, body: str, source: str, first_line: int, resolve: Resolver, host: str) -> None:
        self.body = body
        self.source = source
        self.first_line = first_line
        self.resolve = resolve
        self.host = host
        self.issues: list[LinkIssue] = []
        self.first_paragraph = ""
        self.slugs: set[str] = set()
        self.next_suffix: dict[str, int] = {}  # per heading slug, so a thousand equal headings stay linear
        self.headings = 0
        self._newlines: list[int] | None = None

    # -- blocks

    def blocks(self, nodes: list[Node], out: list[str]) -> None:
        block = self.block
        for node in nodes:
            block(node, out)

    def block(self, node: Node, out: list[str]) -> None:
        name = node.name
        if name == "paragraph":
            if not self.first_paragraph:
                self.first_paragraph = " ".join(_plain(node.children).split())
            out.append("<p>")
            self.inlines(node.children, out)
            out.append("</p>\n")
        elif name in ("heading", "lheading"):
            self.heading(node, out)
        elif name in ("bullet_list", "ordered_list"):
            self.list(node, out)
        elif name == "list_item":
            self.list_item(node, out)
        elif name == "blockquote":
            out.append("<blockquote>\n")
            self.blocks(node.children, out)
            out.append("</blockquote>\n")
        elif name in ("fence", "code_block"):
            meta = node.meta
            lang = _language(str(meta.get("info", ""))) if name == "fence" else ""
            cls = f' class="language-{escape(lang)}"' if lang else ""
            out.append(f"<pre><code{cls}>{escape(str(meta.get('content', '')))}</code></pre>\n")
        elif name == "hr":
            out.append("<hr>\n")
        elif name == "table":
            self.table(node, out)
        elif name == "footnote_container":
            out.append('<hr class="footnotes-sep">\n<section class="footnotes">\n<ol class="footnotes-list">\n')
            for note in node.children:
                out.append(f'<li id="fn{note.meta.get("def_id")}" class="footnote-item">')
                self.blocks(note.children, out)
                out.append("</li>\n")
            out.append("</ol>\n</section>\n")
        elif name in _INLINE:
            self.inline(node, out)
        else:  # a node this writer does not know: its text still goes through escape()
            self.blocks(node.children, out)

    def heading(self, node: Node, out: list[str]) -> None:
        level = max(2, int(node.meta.get("level", 2)))  # `# Kop` in a body becomes <h2>
        attrs = ""
        self.headings += 1
        if self.headings == MAX_HEADINGS + 1:
            self.issue(
                node,
                "",
                msg("has more than {max_headings} headings", max_headings=MAX_HEADINGS),
                msg("split the text into several pages"),
            )
        if level in ANCHORED_LEVELS:
            attrs = f' id="{escape(self.unique_id(slugify(_plain(node.children)) or "kop"))}"'
        out.append(f"<h{level}{attrs}>")
        self.inlines(node.children, out)
        out.append(f"</h{level}>\n")

    def unique_id(self, slug: str) -> str:
        """The slug, or slug-1, slug-2, ...: the first not taken by an earlier heading or by a footnote."""
        unique = slug
        if unique in self.slugs or _FOOTNOTE_ID.match(unique):
            n = self.next_suffix.get(slug, 1)
            while f"{slug}-{n}" in self.slugs:
                n += 1
            unique = f"{slug}-{n}"
            self.next_suffix[slug] = n + 1
        self.slugs.add(unique)
        return unique

    def list(self, node: Node, out: list[str]) -> None:
        if node.name == "bullet_list":
            out.append("<ul>\n")
            self.blocks(node.children, out)
            out.append("</ul>\n")
            return
        start = int(node.meta.get("start", 1))
        out.append(f'<ol start="{start}">\n' if start != 1 else "<ol>\n")
        self.blocks(node.children, out)
        out.append("</ol>\n")

    def list_item(self, node: Node, out: list[str]) -> None:
        # In a tight list an item holds its inline content directly, without a paragraph.
        out.append("<li>")
        for child in node.children:
            if child.name in _INLINE:
                self.inline(child, out)
            else:
                if not out[-1].endswith("\n"):
                    out.append("\n")
                self.block(child, out)
        out.append("</li>\n")

    def table(self, node: Node, out: list[str]) -> None:
        # A class, not a style attribute: the site's CSP (style-src 'self') blocks inline styles.
        classes = [
            f' class="align-{align}"' if align in ("left", "center", "right") else ""
            for align in node.meta.get("alignments", [])
        ]
        columns = len(classes)
        inlines = self.inlines
        out.append("<table>\n")
        for section in node.children:
            name = section.name
            tag = "th" if name == "thead" else "td"
            opened, closed = [f"<{tag}{cls}>" for cls in classes], f"</{tag}>\n"
            out.append(f"<{name}>\n")
            for row in section.children:
                out.append("<tr>\n")
                for i, cell in enumerate(row.children):
                    out.append(opened[i] if i < columns else f"<{tag}>")
                    inlines(cell.children, out)
                    out.append(closed)
                out.append("</tr>\n")
            out.append(f"</{name}>\n")
        out.append("</table>\n")

    # -- inlines

    def inlines(self, nodes: list[Node], out: list[str]) -> None:
        inline = self.inline
        for node in nodes:
            inline(node, out)

    def inline(self, node: Node, out: list[str]) -> None:
        name = node.name
        if name == "text" or name == "text_special":
            text = node.meta.get("content", "")
            if "{aantal-" in text:
                text = self.figures(node, text)
            out.append(escape(text))
        elif name == "softbreak":
            out.append("\n")
        elif name == "hardbreak":
            out.append("<br>\n")
        elif name in _WRAP:
            tag = _WRAP[name]
            out.append(f"<{tag}>")
            self.inlines(node.children, out)
            out.append(f"</{tag}>")
        elif name == "code_inline":
            out.append(f"<code>{escape(_plain(node.children))}</code>")
        elif name == "link" or name == "autolink":
            self.link(node, out)
        elif name == "image":
            self.image(node, out)
        elif name == "footnote_ref":
            meta = node.meta
            n, ref = meta.get("def_id"), meta.get("ref_id")
            out.append(f'<sup class="footnote-ref"><a href="#fn{n}" id="fnref{ref}">[{n}]</a></sup>')
        elif name == "footnote_ref_anchor":
            for ref in node.meta.get("ref_ids", []):
                out.append(f' <a href="#fnref{ref}" class="footnote-backref">↩︎</a>')
        else:  # footnote_inline, and anything unknown: only its children
            self.inlines(node.children, out)

    def link(self, node: Node, out: list[str]) -> None:
        meta = node.meta
        href = self.rewrite(str(meta.get("url", "")), "link", node)
        if href is None:  # dropped: its text stays, without a link
            self.inlines(node.children, out)
            return
        attrs = f' href="{escape(href)}"'
        if meta.get("title"):
            attrs += f' title="{escape(str(meta["title"]))}"'
        if _is_external(href, self.host):
            attrs += ' rel="noopener"'
        out.append(f"<a{attrs}>")
        self.inlines(node.children, out)
        out.append("</a>")

    def image(self, node: Node, out: list[str]) -> None:
        meta = node.meta
        written = str(meta.get("url", ""))
        alt = _plain(node.children)
        if not alt.strip():
            self.issue(
                node,
                written,
                msg("image has no alt text"),
                msg("describe the image: ![Leerlingen in de werkplaats](foto.png)"),
            )
        photo = self.photo(written)
        if photo is not None:  # a raster: its ladder of stripped variants, never the file as it is
            if "error" in photo:
                message, hint = (Msg.load(m) for m in photo["error"])
                self.issue(
                    node, written, msg("{written!r} {message}", written=written, message=message), hint, field="image"
                )
                out.append(escape(alt))
            else:
                out.append(picture_html(photo, alt, title=str(meta.get("title") or "") or None))
            return
        src = self.rewrite(written, "image", node)
        if not src:  # an unsafe scheme, or a file that is not there: the alt text stands in
            out.append(escape(alt))
            return
        attrs = f'<img src="{escape(src)}" alt="{escape(alt)}"'
        if meta.get("title"):
            attrs += f' title="{escape(str(meta["title"]))}"'
        out.append(attrs + ' loading="lazy">')

    def photo(self, url: str) -> dict[str, object] | None:
        """What the link table knows of the raster an image names (relative to this file, or a site path)."""
        if not url or _SCHEME.match(url) or url.startswith(("#", "//")):
            return None
        path = unquote(urlsplit(url).path)
        if not path.startswith("/"):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), path))
        text = self.resolve("photo", path)
        return json.loads(text) if text else None

    # -- links

    def rewrite(self, url: str, kind: str, node: Node) -> str | None:
        """A link or image target as written -> the URL to publish, or None to drop it."""
        if _SCHEME.match(url):
            return url if is_safe_url(url) else None
        if not url or url.startswith("#") or url.startswith("//"):
            return url
        parts = urlsplit(url)
        path = unquote(parts.path)
        suffix = ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")
        if path.startswith("/"):
            return url  # a site path: checked against the built site by `stogen check`
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), path))
        if rel.startswith("../") or rel == "..":
            self.issue(
                node,
                url,
                msg("{kind} points outside the repository", kind=kind),
                msg("link only to files inside content/ or regions/"),
            )
            return None
        is_markdown = path.endswith(".md")
        target = self.resolve("entry" if is_markdown else "asset", rel)
        if target is not None:
            return target + suffix
        if not is_markdown and not posixpath.splitext(path)[1]:
            return url  # a relative URL, not a file; left as written
        if is_markdown and self.resolve("unpublished", rel) is not None:
            # A region unpublishing its own article must not break the central pages that link to it.
            self.issue(
                node,
                url,
                msg(
                    "{kind} to {rel}, which is not published (a draft, or dated in the future): shown as plain text",
                    kind=kind,
                    rel=rel,
                ),
                msg("publish it, or remove the link"),
                warning=True,
            )
            return None
        self.issue(
            node,
            url,
            msg("{kind} target {url!r} not found", kind=kind, url=url),
            msg("no published file at {rel}; check the name and the ../ parts, and that it is not a draft", rel=rel),
        )
        return None

    def figures(self, node: Node, text: str) -> str:
        """Text with its {aantal-...} placeholders filled in (model/figures.py); an unknown name is a problem."""

        def figure(m: re.Match[str]) -> str:
            found = self.resolve("figure", m[1])
            if found is None:
                unknown = msg("{placeholder} is not a figure stogen counts", placeholder=m[0])
                self.issue(node, m[0], unknown, figures.HINT)
                return m[0]
            return found

        return figures.PLACEHOLDER.sub(figure, text)

    def issue(
        self, node: Node, target: str, message: Msg, hint: Msg, field: str = "body", warning: bool = False
    ) -> None:
        self.issues.append(LinkIssue(self.line_of(node), target, message, hint, field, warning))

    def line_of(self, node: Node) -> int:
        """The file line of a node: its source map is a byte range in the body."""
        span = node.srcmap
        if span is None:
            return self.first_line
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer(b"\n", self.body.encode())]
        return self.first_line + bisect_right(self._newlines, span[0] - 1)


def _plain(nodes: list[Node]) -> str:
    """The text of inline nodes, without markup, images or footnote marks (for ids, alt texts and summaries)."""
    parts: list[str] = []
    for node in nodes:
        name = node.name
        if name in ("text", "text_special"):
            parts.append(str(node.meta.get("content", "")))
        elif name in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif name not in ("footnote_ref", "footnote_inline", "footnote_ref_anchor"):
            parts.append(_plain(node.children))
    return "".join(parts)


def _is_external(url: str, host: str) -> bool:
    """A link to another host: with http(s), or protocol-relative (`//host/`), which takes the page's scheme."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "") and bool(parts.netloc) and parts.netloc.lower() != host


def _language(info: str) -> str:
    """A fence's language: the first word of its info string, escapes and entities resolved (CommonMark 4.5)."""

    def unescape(m: re.Match[str]) -> str:
        return m.group(1) if m.group(1) is not None else html.unescape(m.group(0))

    words = _INFO_ESCAPE.sub(unescape, info).split()
    return words[0] if words else ""
