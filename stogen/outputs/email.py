"""An Issue -> the email: HTML with all CSS inlined (css-inline) and a plain-text part."""

from __future__ import annotations

import html as htmllib
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import css_inline
import jinja2
from bs4 import BeautifulSoup, NavigableString, Tag
from markupsafe import Markup

from stogen.model.config import Config
from stogen.model.issues import Issue
from stogen.model.site import Item
from stogen.outputs.utm import email_link_fixer, tag_links
from stogen.render.theme import Theme

# Gmail clips a message above about 102 KB; stay clearly below it.
SIZE_LIMIT = 100_000
STYLE_LIMIT = 16_000
WIDTH = 78
CONTENT_WIDTH = 552  # 600 px minus the padding on both sides
LOGO = "email-logo.png"
LOGO_WIDTH = 240  # static/email-logo.png is 480 px wide (themes/default/make_email_logo.py)

_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_SRC = re.compile(r'\ssrc="([^"]*)"')
# A photo is a <picture> on the site; mail clients mostly ignore <source> and srcset, so the mail keeps the <img>
# with its fallback (the largest JPEG or PNG) alone.
_PICTURE = re.compile(r"</?picture\b[^>]*>|<source\b[^>]*>")
_SRCSET = re.compile(r'\ssrcset="([^"]*)"')
_RESPONSIVE = re.compile(r'\s(?:srcset|sizes|width|height|loading|decoding|fetchpriority)="[^"]*"')
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


@dataclass
class Email:
    html: str
    text: str

    @property
    def size(self) -> int:
        return len(self.html.encode("utf-8"))

    @property
    def style_size(self) -> int:
        return sum(len(s.encode("utf-8")) for s in _STYLE.findall(self.html))


def service_links(config: Config, issue: Issue) -> tuple[str, str]:
    """(web version, unsubscribe) as the mail service wants them; no web-version tag: the site's page."""
    settings = config.newsletter
    return settings.web_version_url or config.absolute(issue.url), settings.unsubscribe_url


def email_env(theme: Theme) -> jinja2.Environment:
    """The theme's environment (filters, strings, autoescape) reading themes/<name>/email/; every value the
    template shows passes `_no_merge_tags`, so only the service's own tags (ServiceTag) reach the mail."""
    return theme.env.overlay(loader=jinja2.FileSystemLoader(theme.path / "email"), finalize=_no_merge_tags)


class ServiceTag(str):
    """A merge tag of the mail service from the configuration (`*|UNSUB|*`): the one kind the mail may hold."""

    __slots__ = ()


# How mail services mark a merge tag: Mailchimp *|UNSUB|*, Handlebars/Liquid {{unsubscribe}} and {% %},
# Mailjet [[UNSUB_LINK]], Salesforce and others %%unsubscribe%%. One in a title or an article would be filled
# in by the service: a subscriber's address, or an unsubscribe link, wherever a region put it.
# A zero-width space inside each opener: the reader sees the same characters, the service no tag. (Not an
# entity: the HTML is parsed and written again after rendering, which would turn it back into the character.)
_MERGE_TAG = re.compile(r"\*\||\{\{|\{%|\[\[|%%")


def text_without_merge_tags(text: str) -> str:
    return _MERGE_TAG.sub(lambda m: m.group()[0] + "\u200b" + m.group()[1], text)


def _no_merge_tags(value: Any) -> Any:
    """Every value the email template shows, with merge-tag openers broken; the service's own tags pass."""
    if isinstance(value, ServiceTag) or not isinstance(value, str):
        return value
    if isinstance(value, Markup):
        return Markup(text_without_merge_tags(str(value)))
    return text_without_merge_tags(value)


def render_email(theme: Theme, issue: Issue) -> Email:
    config = theme.config
    web_version, unsubscribe = service_links(config, issue)
    context: dict[str, Any] = {
        "issue": issue,
        "web_version_url": ServiceTag(web_version),
        "unsubscribe_url": ServiceTag(unsubscribe),
        "logo_url": config.absolute(theme.static_url(LOGO)),
        "logo_width": LOGO_WIDTH,
        "content_width": CONTENT_WIDTH,
        "intro": jinja2.utils.markupsafe.Markup(email_fragment(issue.intro_html, config)),
        "blocks": [(b, jinja2.utils.markupsafe.Markup(email_fragment(b.html, config))) for b in issue.blocks],
        "item_meta": lambda item: item_meta(theme, item),
        "item_action": lambda item: item_action(theme, item),
    }
    raw = email_env(theme).get_template("email.html").render(**context)
    inlined = _INLINER.inline(raw)
    # The mail service's own links are left as they are; the site's web version is tagged like any link.
    keep = {unsubscribe} | ({web_version} if config.newsletter.web_version_url else set())
    fix = email_link_fixer(config.absolute, config.newsletter.utm_source, issue.campaign, keep)
    return Email(tag_links(inlined, fix), plain_text(theme, issue, web_version, unsubscribe, fix))


def email_fragment(markup: str, config: Config) -> str:
    """Rendered Markdown made fit for mail: images with an absolute src, a width attribute and fluid style."""

    def one(m: re.Match[str]) -> str:
        srcset = _SRCSET.search(m.group(1))
        attrs = _RESPONSIVE.sub("", m.group(1))
        if srcset is not None:  # a photo: the variant that is sharp at 2x, not the largest (mail is read on phones)
            attrs = _SRC.sub(lambda s: f' src="{_for_mail(srcset.group(1), s.group(1))}"', attrs)
        attrs = _SRC.sub(lambda s: f' src="{htmllib.escape(config.absolute(htmllib.unescape(s.group(1))))}"', attrs)
        return f'<img{attrs} width="{CONTENT_WIDTH}" class="fluid">'

    return _IMG.sub(one, _PICTURE.sub("", markup))


def _for_mail(srcset: str, src: str) -> str:
    """From "a-480w.jpg 480w, a-800w.jpg 800w, ...": the narrowest at least twice the mail's width, else `src`."""
    candidates = []
    for candidate in htmllib.unescape(srcset).split(","):
        url, _, width = candidate.strip().partition(" ")
        if width.endswith("w") and width[:-1].isdigit():
            candidates.append((int(width[:-1]), url))
    wide = sorted(c for c in candidates if c[0] >= 2 * CONTENT_WIDTH)
    return htmllib.escape(wide[0][1]) if wide else src


# The plain-text part --------------------------------------------------------------------------


class _Refs:
    """Numbered link references: [1] in the text, the list of addresses at the end."""

    def __init__(self, fix: Any) -> None:
        self.fix = fix
        self.urls: list[str] = []

    def ref(self, url: str) -> str:
        url = self.fix(url)
        if url not in self.urls:
            self.urls.append(url)
        return f"[{self.urls.index(url) + 1}]"


def plain_text(theme: Theme, issue: Issue, web_version: str, unsubscribe: str, fix: Any) -> str:
    t = theme.strings["newsletter"]
    refs = _Refs(fix)
    out: list[str] = [issue.subject, "=" * min(len(issue.subject), WIDTH), ""]
    out += _para(f"{t['web_version']}: {refs.ref(web_version)}")
    out += _html_text(issue.intro_html, refs)
    sections = [
        (t["picks"], issue.picks),
        (t["central"], issue.central),
        (t["regional"], issue.regional),
        (t["webinars"], issue.webinars),
        (t["recordings"], issue.recordings),
        (t["events"], issue.events),
    ]
    for title, items in sections:
        if items:
            out += [title.upper(), "-" * len(title), ""]
            for item in items:
                out += _item_text(theme, item, refs)
    if issue.digest:
        out += [t["regional"].upper(), "-" * len(t["regional"]), ""]
        out += _para(t["digest_intro"].replace("{n}", str(issue.digest_count)))
        for group in issue.digest:
            out += [group.province, ""]
            for line in group.regions:
                out += _para(f"{line.region.name} ({line.count}) {refs.ref(line.url)}: {line.newest.entry.title} "
                             f"{refs.ref(line.newest.url)}", "  ")[:-1]  # fmt: skip
            out.append("")
    for block in issue.blocks:
        out += [block.title.upper(), "-" * len(block.title), ""]
        out += _html_text(block.html, refs)
        if block.link:
            out += _para(f"{block.link_text or t['read_more']} {refs.ref(block.link)}")
    out += ["-- ", *_para(t["why"]), *_para(f"{t['unsubscribe']}: {refs.ref(unsubscribe)}")]
    out += [t["links"].upper(), ""]
    service = {fix(web_version), fix(unsubscribe)}  # the service's own tags, in the list of links only
    out = [text_without_merge_tags(line) for line in out]
    out += [f"[{n}] {url if url in service else text_without_merge_tags(url)}" for n, url in enumerate(refs.urls, 1)]
    return "\n".join(out).rstrip() + "\n"


def _para(text: str, indent: str = "") -> list[str]:
    lines = textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [*lines, ""]


def _item_text(theme: Theme, item: Item, refs: _Refs) -> list[str]:
    lines = _para(f"{item.entry.title} {refs.ref(item.url)}")[:-1]
    meta = item_meta(theme, item)
    if meta:
        lines += _para(meta)[:-1]
    lines += _para(item.description)
    action = item_action(theme, item)
    if action:
        lines = lines[:-1] + _para(f"{action[0]}: {refs.ref(action[1])}")
    return lines


def item_action(theme: Theme, item: Item) -> tuple[str, str] | None:
    """An upcoming webinar's or event's registration link, as (label, url)."""
    url = getattr(item.entry, "registration_url", None)
    if url and item.kind in ("webinar", "event") and not getattr(item.entry, "recording", None):
        return theme.strings["newsletter"]["register"], url
    return None


def item_meta(theme: Theme, item: Item) -> str:
    """One line under an item's title: region and date, or when and where."""
    t = theme.strings["newsletter"]
    if item.kind == "article":
        place = item.region.name if item.region else t["central_label"]
        return f"{place} · {theme.format_date(item.entry.date)}"
    when = theme.format_datetime(item.entry.start)
    where = getattr(item.entry, "location", None) or (item.region.name if item.region else None)
    return f"{when} · {where}" if where else when


def _html_text(markup: str, refs: _Refs) -> list[str]:
    """Rendered Markdown -> wrapped paragraphs; a link becomes its text and a [n] reference."""
    soup = BeautifulSoup(markup, "html.parser")
    out: list[str] = []
    for block in soup.find_all(["p", "li", "h2", "h3", "h4", "blockquote"], recursive=True):
        if block.find_parent(["li", "blockquote"]) is not None:
            continue
        text = _inline_text(block, refs)
        indent = "  " if block.name in ("li", "blockquote") else ""
        prefix = "- " if block.name == "li" else ""
        out += _para(prefix + text, indent)[:-1] if block.name == "li" else _para(text, indent)
        if block.name in ("h2", "h3", "h4"):
            out.insert(len(out) - 1, "")
    return out + ([""] if out and out[-1] else [])


def _inline_text(node: Tag, refs: _Refs) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif isinstance(child, Tag) and child.name == "a" and child.get("href"):
            parts.append(f"{_inline_text(child, refs)} {refs.ref(str(child['href']))}")
        elif isinstance(child, Tag) and child.name == "img":
            parts.append(f"({child.get('alt', '')})")
        elif isinstance(child, Tag):
            parts.append(_inline_text(child, refs))
    return "".join(parts)
