"""sitemap.xml (sitemaps.org 0.9) and robots.txt.

Every indexable page is listed with its absolute canonical URL and a lastmod taken from the content (an
item's `updated` or `date`; a listing's newest item), never from the clock. Above 50,000 URLs or 50 MB
the URLs go into sitemap-1.xml, sitemap-2.xml, ... and sitemap.xml becomes their index.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import partial
from html import escape as _html_escape

from stogen.core.artifacts import Artifact, Owner
from stogen.model.config import Config
from stogen.model.site import Item
from stogen.outputs import Plan
from stogen.outputs.jobs import PageJob


def escape(text: str) -> str:
    """&, < and > as entities (what xml.sax.saxutils.escape does, without importing urllib with it)."""
    return _html_escape(text, quote=False)


SITEMAP = "sitemap.xml"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
_INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def _changed(item: Item) -> datetime | None:
    entry = item.entry
    moment = getattr(entry, "updated", None) or getattr(entry, "date", None)
    return moment.at if moment is not None else None


class _Lastmods:
    """When each page's content last changed, as far as the content says; each item looked at once.

    An item's page: its `updated` or `date`. Any other page: the newest of the items it lists.
    """

    def __init__(self) -> None:
        self.items: dict[int, datetime | None] = {}

    def item(self, item: Item) -> datetime | None:
        key = id(item)
        if key not in self.items:
            self.items[key] = _changed(item)
        return self.items[key]

    def page(self, job: PageJob) -> datetime | None:
        if job.item is not None and job.url != "/":
            return self.item(job.item)
        pager = job.context.get("pager")
        dates = [d for d in map(self.item, getattr(pager, "items", None) or ()) if d is not None]
        return max(dates) if dates else None


def listed(job: PageJob) -> bool:
    item = job.item
    return job.indexable and not (item is not None and (item.is_draft or item.is_scheduled))


def _url_entry(config: Config, job: PageJob, lastmods: _Lastmods, stamps: dict[datetime, str]) -> str:
    loc = escape(config.absolute(job.url))
    changed = lastmods.page(job)
    if changed is None:
        return f"  <url>\n    <loc>{loc}</loc>\n  </url>\n"
    stamp = stamps.get(changed)
    if stamp is None:  # many pages share a moment (a listing and its newest article): written once
        stamp = stamps[changed] = changed.astimezone(config.tz).isoformat()
    return f"  <url>\n    <loc>{loc}</loc>\n    <lastmod>{stamp}</lastmod>\n  </url>\n"


def sitemap_files(
    config: Config, jobs: list[PageJob], max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES
) -> list[tuple[str, bytes]]:
    """(file name, content) of the sitemap: one file, or an index and its parts when a limit would be passed."""
    lastmods = _Lastmods()
    stamps: dict[datetime, str] = {}
    entries = [_url_entry(config, job, lastmods, stamps) for job in sorted(jobs, key=lambda j: j.url) if listed(job)]
    overhead = len(_HEAD) + len(_URLSET) + len("</urlset>\n")
    parts: list[list[str]] = [[]]
    size = overhead
    for entry in entries:
        length = len(entry) if entry.isascii() else len(entry.encode())
        if parts[-1] and (len(parts[-1]) >= max_urls or size + length > max_bytes):
            parts.append([])
            size = overhead
        parts[-1].append(entry)
        size += length
    if len(parts) == 1:
        return [(SITEMAP, (_HEAD + _URLSET + "".join(parts[0]) + "</urlset>\n").encode())]
    files = [
        (f"sitemap-{n}.xml", (_HEAD + _URLSET + "".join(part) + "</urlset>\n").encode())
        for n, part in enumerate(parts, start=1)
    ]
    index = "".join(
        f"  <sitemap>\n    <loc>{escape(config.absolute('/' + name))}</loc>\n  </sitemap>\n" for name, _ in files
    )
    return [(SITEMAP, (_HEAD + _INDEX + index + "</sitemapindex>\n").encode()), *files]


def robots_txt(config: Config) -> str:
    if config.robots == "block":  # a preview deploy: nothing of it may be indexed
        return "User-agent: *\nDisallow: /\n"
    return f"User-agent: *\nDisallow:\n\nSitemap: {config.absolute('/' + SITEMAP)}\n"


def artifacts(plan: Plan) -> Iterator[Artifact]:
    """sitemap.xml (or an index and its parts) and robots.txt."""
    config = plan.site.config
    jobs = plan.jobs
    files = sitemap_files(config, jobs)  # cheap next to rendering: made every build, fingerprinted by its bytes
    for name, data in files:
        yield Artifact(name, Owner.generator("the sitemap"), ("sitemap", data), make=partial(bytes, data))
    robots = robots_txt(config).encode()
    yield Artifact("robots.txt", Owner.generator("robots.txt"), ("robots", robots), make=partial(bytes, robots))
