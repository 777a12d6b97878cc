"""The webinar RSS feed, /webinars/feed.xml: every webinar, newest first, made with feedgen.

Made with the site's shared feed builder (full content, absolute links). Deterministic: the build date
is the newest webinar's start, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterator

from stogen import urls
from stogen.outputs import OutputFile, RenderContext
from stogen.outputs.feeds import FeedItem, rss_feed
from stogen.site import Site

FEED = "feed.xml"
LIMIT = 50


def feed_url() -> str:
    return urls.section(urls.WEBINARS) + FEED


def feed(site: Site, title: str, description: str) -> bytes:
    newest = list(reversed(site.webinars()))[:LIMIT]
    items = [FeedItem(i.entry.title, i.url, i.entry.start.at, i.description, i.html) for i in newest]
    return rss_feed(site, title, urls.section(urls.WEBINARS), feed_url(), description, items)


def write(ctx: RenderContext) -> Iterator[OutputFile]:
    t = ctx.theme.strings
    data = feed(ctx.site, f"{t['webinars']} | {ctx.site.config.title}", t["webinars_description"])
    yield OutputFile(urls.output_path(feed_url()), data)
