"""Every Markdown body of the site rendered once, with what earlier builds rendered kept in the cache.

The cache holds two shards per region: `markdown.<region>` with what every build needs of a body (its first
paragraph, a hash of its HTML, its link problems and the link lookups it made) and `html.<region>` with the HTML
itself. An incremental build reads the small shards only; a body's HTML is read when something shows it (the
page of an edited article, a feed made again), one region's shard at a time.
"""

from __future__ import annotations

from collections.abc import Callable

from stogen.core.cache import Cache
from stogen.core.parallel import ordered_map
from stogen.core.problems import Problems
from stogen.model.loader import body_of
from stogen.model.site import Item, Site
from stogen.render import markdown

# A body's cache key: the hash of its file (the body is part of it), its path, its first line and the site's host.
Key = tuple[str, str, str, str]
# What is kept of a rendered body, in plain tuples (quick to load): first paragraph, HTML digest,
# link problems (line, target, message, hint), and every link lookup made (kind, path, URL found).
Kept = tuple[str, str, tuple[tuple[int, str, str, str], ...], tuple[tuple[str, str, str | None], ...]]


def link_resolver(site: Site) -> tuple[markdown.Resolver, str]:
    """How bodies resolve links to other files and images, and the site's own host (for external links)."""
    entry_urls = {i.entry.source.rel: i.url for i in site.items}
    entry_urls.update({i.entry.source.rel: i.url for i in site.region_intros.values()})
    if site.home:
        entry_urls[site.home.entry.source.rel] = "/"

    def resolve(kind: str, rel: str) -> str | None:
        return entry_urls.get(rel) if kind == "entry" else site.assets.get(rel)

    return resolve, site.config.base_url.split("://", 1)[-1]


class _HtmlShards:
    """The HTML of earlier builds, one region's shard read on first use."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.loaded: dict[str, dict[Key, str]] = {}

    def get(self, shard: str, key: Key) -> str | None:
        if shard not in self.loaded:
            self.loaded[shard] = self.cache.load(f"html.{shard}")
        return self.loaded[shard].get(key)


def render_bodies(site: Site, problems: Problems, cache: Cache | None = None) -> None:
    """Render every Markdown body once, resolving links against the site's URLs.

    A body is rendered again only when its text changed or a link in it now resolves differently.
    """
    resolve, host = link_resolver(site)
    items: list[Item] = [*site.items, *site.region_intros.values(), *([site.home] if site.home else [])]
    cache = cache or Cache(site.config.root, enabled=False)
    shards = cache.load_shards("markdown")  # one file per region: an edit rewrites one small file
    cached: dict[Key, Kept] = {k: v for s in shards.values() for k, v in s.items()}
    keys: list[Key] = [(i.entry.source.digest, i.entry.source.rel, str(i.entry.body_line), host) for i in items]

    def still_valid(key: Key) -> bool:
        hit = cached.get(key)
        return hit is not None and all(resolve(kind, rel) == url for kind, rel, url in hit[3])

    todo = [i for i, key in zip(items, keys, strict=True) if not still_valid(key)]

    def render(item: Item) -> tuple[str, Kept]:
        lookups: list[tuple[str, str, str | None]] = []

        def recording(kind: str, rel: str) -> str | None:
            url = resolve(kind, rel)
            lookups.append((kind, rel, url))
            return url

        entry = item.entry
        done = markdown.render(body_of(entry), entry.source.rel, entry.body_line, recording, host)
        issues = tuple((i.line, i.target, i.message, i.hint) for i in done.issues)
        return done.html, (done.first_paragraph, done.digest, issues, tuple(lookups))

    earlier = _HtmlShards(cache)

    def kept_html(shard: str, key: Key, item: Item) -> Callable[[], str]:
        # A shard lost or written by another build may not have it: then the body is rendered again.
        return lambda: earlier.get(shard, key) or render(item)[0]

    fresh = dict(zip((id(i) for i in todo), ordered_map(render, todo), strict=True))
    kept: dict[str, dict[Key, Kept]] = {}
    for item, key in zip(items, keys, strict=True):
        shard = item.entry.region or "_"
        made = fresh.get(id(item))
        if made is not None:
            item.html, result = made
        else:
            result = cached[key]
            item.html = kept_html(shard, key, item)  # read when shown
        kept.setdefault(shard, {})[key] = result
        item.first_paragraph, item.html_digest = result[0], result[1]
        for line, _target, message, hint in result[2]:
            problems.error(item.entry.source.path, line, "body", message, hint)
    dirty = {i.entry.region or "_" for i in todo} | {s for s in kept if kept[s].keys() != shards.get(s, {}).keys()}
    cache.save_shards("markdown", kept, dirty)
    if cache.enabled:  # the HTML of a shard written again: fresh, or read from the shard it replaces
        html: dict[str, dict[Key, str]] = {s: {} for s in kept}
        for item, key in zip(items, keys, strict=True):
            shard = item.entry.region or "_"
            if shard in dirty:
                html[shard][key] = item.html
        cache.save_shards("html", html, dirty)
