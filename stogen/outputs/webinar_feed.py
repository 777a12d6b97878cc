"""The webinar RSS feed, /webinars/feed.xml: every webinar, newest first, made with feedgen.

A minimal feed of its own (no shared feed helper existed when it was written). Deterministic: the
build date is the newest webinar's start, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterator

from feedgen.feed import FeedGenerator

from stogen import urls
from stogen.outputs import OutputFile, RenderContext
from stogen.site import Site

FEED = "feed.xml"
LIMIT = 50


def feed_url() -> str:
    return urls.section(urls.WEBINARS) + FEED


def feed(site: Site, title: str, description: str) -> bytes:
    config = site.config
    items = list(reversed(site.webinars()))[:LIMIT]
    fg = FeedGenerator()
    fg.title(title)
    fg.link(href=config.absolute(urls.section(urls.WEBINARS)), rel="alternate")
    fg.link(href=config.absolute(feed_url()), rel="self")
    fg.description(description)
    fg.language(config.language)
    fg.generator("stogen")
    if items:
        fg.lastBuildDate(items[0].entry.start.at)
    else:  # feedgen defaults to the clock; without webinars the feed has no lastBuildDate (optional in RSS)
        fg._FeedGenerator__rss_lastBuildDate = None  # type: ignore[attr-defined]
    for item in reversed(items):  # feedgen prepends each entry: add oldest first for newest-first output
        entry = fg.add_entry()
        link = config.absolute(item.url)
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(item.entry.title)
        entry.link(href=link)
        entry.description(item.description or item.entry.title)
        entry.pubDate(item.entry.start.at)
    return fg.rss_str(pretty=True)


def write(ctx: RenderContext) -> Iterator[OutputFile]:
    t = ctx.theme.strings
    data = feed(ctx.site, f"{t['webinars']} | {ctx.site.config.title}", t["webinars_description"])
    yield OutputFile(urls.output_path(feed_url()), data)
