"""The webinar RSS feed, /webinars/feed.xml: every webinar, newest first, made with feedgen.

Made with the site's shared feed builder (full content, absolute links). Deterministic: the build date
is the newest webinar's start, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from stogen.core.artifacts import Artifact, Owner
from stogen.model import urls
from stogen.model.site import Item, Site
from stogen.outputs import Plan
from stogen.outputs.feeds import FeedItem, rss_feed

LIMIT = 50


def newest(site: Site) -> list[Item]:
    return list(reversed(site.webinars()))[:LIMIT]


def feed(site: Site, title: str, description: str, chosen: list[Item]) -> bytes:
    items = [FeedItem(i.entry.title, i.url, i.entry.start.at, i.description, i.html) for i in chosen]
    return rss_feed(site, title, urls.section(urls.WEBINARS), urls.webinar_feed_url(), description, items)


def artifacts(plan: Plan) -> Iterator[Artifact]:
    """The feed of the newest webinars, full text."""
    t, site = plan.theme.strings, plan.site
    title, description = f"{t['webinars']} | {site.config.title}", t["webinars_description"]
    chosen = newest(site)
    make = partial(feed, site, title, description, chosen)
    url = urls.webinar_feed_url()
    owner = Owner.generator("the webinar feed")
    yield Artifact(urls.output_path(url), owner, ("webinar-feed", title, description, chosen), make=make)
