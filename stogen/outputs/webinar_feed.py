"""The webinar RSS feed, /webinars/feed.xml: every webinar, newest first, made with feedgen.

Made with the site's shared feed builder (full content, absolute links). Deterministic: the build date
is the newest webinar's start, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from stogen.model import urls
from stogen.model.site import Item, Site
from stogen.outputs import OutputFile, RenderContext, reusable
from stogen.outputs.feeds import FeedItem, rss_feed

FEED = "feed.xml"
LIMIT = 50


def feed_url() -> str:
    return urls.section(urls.WEBINARS) + FEED


def newest(site: Site) -> list[Item]:
    return list(reversed(site.webinars()))[:LIMIT]


def feed(site: Site, title: str, description: str, chosen: list[Item]) -> bytes:
    items = [FeedItem(i.entry.title, i.url, i.entry.start.at, i.description, i.html) for i in chosen]
    return rss_feed(site, title, urls.section(urls.WEBINARS), feed_url(), description, items)


def write(ctx: RenderContext) -> Iterator[OutputFile]:
    """The feed; made again only when a webinar in it, or its texts, changed."""
    t, site = ctx.theme.strings, ctx.site
    title, description = f"{t['webinars']} | {site.config.title}", t["webinars_description"]
    chosen = newest(site)
    fp = ctx.fingerprints.of("webinar-feed", title, description, chosen)
    yield reusable(ctx, urls.output_path(feed_url()), fp, partial(feed, site, title, description, chosen))
