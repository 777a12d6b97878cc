"""RSS 2.0 feeds (feedgen): /feed.xml (all news, central and regional) and /regio/<slug>/feed.xml per region.

`rss_feed()` is the one way to make a feed, for other outputs too (the webinar feed). Feeds are deterministic:
lastBuildDate is the newest item's date and feedgen's clock-based defaults are overridden.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from html import escape, unescape
from typing import Any
from urllib.parse import urljoin

from stogen.core.artifacts import Artifact, Owner
from stogen.model import urls
from stogen.model.site import Item, Site
from stogen.outputs import Plan


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed; `url` is a site path, `html` the full body (made absolute here)."""

    title: str
    url: str
    published: datetime
    description: str
    html: str = ""
    author: str | None = None
    first_url: str | None = None  # the item's first URL (urls.identity), its GUID: stable when the item moves


# Item HTML comes from stogen's own Markdown renderer: attribute values are always double-quoted and escaped,
# and a quote in text is always written as &quot;, so an attribute can be found without parsing the document.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|poster|cite)=")([^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')  # a photo's candidates: "url 480w, url 800w"


def absolute_html(html: str, page_url: str) -> str:
    """The HTML with every link and image address absolute (relative to the page's absolute URL)."""

    def fix(m: re.Match[str]) -> str:
        value = unescape(m.group(2))
        if not value or value.startswith(("#", "mailto:", "tel:")):
            return m.group(0)
        return m.group(1) + escape(urljoin(page_url, value), quote=True) + '"'

    def fix_srcset(m: re.Match[str]) -> str:
        candidates = [c.strip().split(" ", 1) for c in unescape(m.group(2)).split(",") if c.strip()]
        absolute = ", ".join(" ".join([urljoin(page_url, c[0]), *c[1:]]) for c in candidates)
        return m.group(1) + escape(absolute, quote=True) + '"'

    return _SRCSET.sub(fix_srcset, _URL_ATTRIBUTE.sub(fix, html))


# What an HTML parser would read as the start of a tag: `<b>`, `</p`, `<!--`, `<?`.
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>?")


def plain_title(text: str) -> str:
    """A title without anything a reader could take for markup: many feed readers show an RSS <title> as
    HTML, others as text, so a title with neither `<tag` nor `>` reads the same in both (tags dropped,
    a stray angle bracket becomes a look-alike)."""
    text = _TAG.sub("", text)
    return " ".join(text.replace("<", "‹").replace(">", "›").split()) or "-"


def html_text(text: str) -> str:
    """Plain text for an element readers treat as HTML (RSS <description>): escaped for HTML here and again
    for XML by feedgen, so `<b>` in a summary is shown as `<b>`, never made bold."""
    return escape(text, quote=False)


def rss_feed(site: Site, title: str, link_url: str, feed_url: str, description: str, items: list[FeedItem]) -> bytes:
    """An RSS 2.0 feed of `items` (given newest first, already cut to length); URLs are site paths."""
    from feedgen.feed import FeedGenerator  # loaded only when a feed is made again

    config = site.config
    fg = FeedGenerator()
    fg.title(plain_title(title))
    fg.link(href=config.absolute(feed_url), rel="self")
    fg.link(href=config.absolute(link_url), rel="alternate")  # last: feedgen's <link> is the last link given
    fg.description(html_text(description))
    fg.language(config.language)
    fg.generator("stogen")  # feedgen's default names its own version: output would change with an upgrade
    if items:
        fg.lastBuildDate(items[0].published.astimezone(config.tz))
    else:  # feedgen defaults to the clock; an empty feed has no lastBuildDate (it is optional in RSS)
        fg._FeedGenerator__rss_lastBuildDate = None  # type: ignore[attr-defined]
    for item in reversed(items):  # feedgen prepends each entry: add oldest first for newest-first output
        entry = fg.add_entry()
        link = config.absolute(item.url)
        first = item.first_url or item.url
        entry.guid(config.absolute(first), permalink=first == item.url)
        entry.title(plain_title(item.title))
        entry.link(href=link)
        entry.description(html_text(item.description or item.title))
        if item.html:
            entry.content(absolute_html(item.html, link), type="CDATA")
        entry.pubDate(item.published.astimezone(config.tz))
    return fg.rss_str(pretty=True)


def news_item(item: Item) -> FeedItem:
    first = urls.identity(item.entry, item.url)
    return FeedItem(
        item.entry.title, item.url, item.entry.date.at, item.description, item.html, item.entry.author, first
    )


def feed_size(site: Site) -> int:
    return site.config.feed_items


def _region_title(site: Site, slug: str, t: dict[str, Any]) -> str:
    return f"{t['news']} {t['from_region']} {site.regions[slug].name} | {site.config.title}"


def artifacts(plan: Plan) -> Iterator[Artifact]:
    """The site feed and a feed per region: the newest items, full text."""
    site, t = plan.site, plan.theme.strings
    limit = feed_size(site)
    feeds = [(f"{t['news']} | {site.config.title}", None, t["news_description"])]
    feeds += [
        (_region_title(site, slug, t), slug, f"{t['news_description_region']} {region.name}.")
        for slug, region in site.regions.items()
    ]
    for title, slug, description in feeds:
        chosen = site.news(slug)[:limit] if slug else site.news()[:limit]
        url = urls.region_feed_url(slug) if slug else urls.site_feed_url()
        owner = Owner.generator(f"the news feed of region {slug}" if slug else "the news feed")
        make = partial(_news_feed, site, title, urls.section(urls.NEWS, slug), url, description, chosen)
        yield Artifact(urls.output_path(url), owner, ("feed", title, url, description, chosen), make=make)


def _news_feed(site: Site, title: str, link: str, url: str, description: str, chosen: list[Item]) -> bytes:
    return rss_feed(site, title, link, url, description, [news_item(i) for i in chosen])
