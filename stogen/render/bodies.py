"""Every Markdown body of the site rendered once, with what earlier builds rendered kept in the cache.

The cache holds two shards per region: `markdown.<region>` with what every build needs of a body (its first
paragraph, a hash of its HTML, its link problems and the link lookups it made) and `html.<region>` with the HTML
itself. An incremental build reads the small shards only; a body's HTML is read when something shows it (the
page of an edited article, a feed made again), one region's shard at a time.
"""

from __future__ import annotations

from stogen.core.cache import Cache
from stogen.core.parallel import ordered_map
from stogen.core.problems import Problems
from stogen.model.links import LinkTable
from stogen.model.loader import body_of
from stogen.model.records import Entry
from stogen.model.site import Body, Placement
from stogen.render import markdown

# A body's cache key: the hash of its file (the body is part of it), its path, its first line and the site's host.
Key = tuple[str, str, str, str]
# What is kept of a rendered body, in plain tuples (quick to load): first paragraph, HTML digest,
# link problems (line, target, message, hint, field), and every link lookup made (kind, path, URL found).
Kept = tuple[str, str, tuple[tuple[int, str, str, str, str], ...], tuple[tuple[str, str, str | None], ...]]


class _HtmlShards:
    """The HTML of earlier builds, one region's shard read on first use; a body the cache no longer has (a shard
    lost, or written by another build) is rendered again from its file. Picklable without what it read: the
    quick build saves the site model with it (stogen/build/quick.py)."""

    def __init__(self, cache: Cache, links: LinkTable) -> None:
        self.cache = cache
        self.links = links
        self.loaded: dict[str, dict[Key, str]] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"cache": self.cache, "links": self.links}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state, loaded={})

    def get(self, shard: str, key: Key, entry: Entry) -> str:
        if shard not in self.loaded:
            self.loaded[shard] = self.cache.load(f"html.{shard}")
        html = self.loaded[shard].get(key)
        if html is None:
            links = self.links
            html = markdown.render(body_of(entry), entry.source.rel, entry.body_line, links.resolve, links.host).html
        return html


class KeptHtml:
    """A body's HTML as an earlier build rendered it, read when first shown (most never are in an incremental
    build): the lazy HTML of a Body. Its place in the cache follows from its entry (key_of())."""

    __slots__ = ("entry", "store")

    def __init__(self, store: _HtmlShards, entry: Entry) -> None:
        self.store, self.entry = store, entry

    def __call__(self) -> str:
        entry = self.entry
        return self.store.get(entry.region or "_", key_of(entry, self.store.links.host), entry)

    def __reduce__(self) -> tuple[object, ...]:
        return (KeptHtml, (self.store, self.entry))


def key_of(entry: Entry, host: str) -> Key:
    return (entry.source.digest, entry.source.rel, str(entry.body_line), host)


def render_bodies(
    placement: Placement, links: LinkTable, problems: Problems, cache: Cache | None = None
) -> dict[str, Body]:
    """Render every published Markdown body once, resolving links with the link table; bodies by source path.

    A body is rendered again only when its text changed or a link in it now resolves differently.
    """
    resolve, host = links.resolve, links.host
    entries: list[Entry] = [one.entry for one in placement.every()]
    cache = cache or Cache(placement.config.root, enabled=False)
    shards = cache.load_shards("markdown")  # one file per region: an edit rewrites one small file
    cached: dict[Key, Kept] = {k: v for s in shards.values() for k, v in s.items()}
    keys: list[Key] = [key_of(e, host) for e in entries]

    def still_valid(key: Key) -> bool:
        hit = cached.get(key)
        return hit is not None and all(resolve(kind, rel) == url for kind, rel, url in hit[3])

    todo = [e for e, key in zip(entries, keys, strict=True) if not still_valid(key)]

    def render(entry: Entry) -> tuple[str, Kept]:
        lookups: list[tuple[str, str, str | None]] = []

        def recording(kind: str, rel: str) -> str | None:
            url = resolve(kind, rel)
            lookups.append((kind, rel, url))
            return url

        done = markdown.render(body_of(entry), entry.source.rel, entry.body_line, recording, host)
        issues = tuple((i.line, i.target, i.message, i.hint, i.field, i.warning) for i in done.issues)
        return done.html, (done.first_paragraph, done.digest, issues, tuple(lookups))

    earlier = _HtmlShards(cache, links)
    fresh = dict(zip((e.source.rel for e in todo), ordered_map(render, todo), strict=True))
    bodies: dict[str, Body] = {}
    kept: dict[str, dict[Key, Kept]] = {}
    for entry, key in zip(entries, keys, strict=True):
        shard = entry.region or "_"
        made = fresh.get(entry.source.rel)
        if made is not None:
            html, result = made
            body = Body(html, result[0], result[1], KeptHtml(earlier, entry) if cache.enabled else None)
        else:
            result = cached[key]
            body = Body(KeptHtml(earlier, entry), result[0], result[1])  # read when shown
        bodies[entry.source.rel] = body
        kept.setdefault(shard, {})[key] = result
        for line, _target, message, hint, field, *warning in result[2]:  # (an older cache has no warning flag)
            report = problems.warning if warning and warning[0] else problems.error
            report(entry.source.path, line, field, message, hint)
    dirty = {e.region or "_" for e in todo} | {s for s in kept if kept[s].keys() != shards.get(s, {}).keys()}
    cache.save_shards("markdown", kept, dirty, later=True)
    if cache.enabled:  # the HTML of a shard written again: fresh, or read from the shard it replaces
        html_shards: dict[str, dict[Key, str]] = {s: {} for s in kept}
        for entry, key in zip(entries, keys, strict=True):
            shard = entry.region or "_"
            if shard in dirty:
                html_shards[shard][key] = bodies[entry.source.rel].html
        cache.save_shards("html", html_shards, dirty, later=True)
    return bodies


def rendered_body(entry: Entry, links: LinkTable) -> Body | None:
    """One entry's body rendered as render_bodies renders it, with the site's link table; None when it has a
    problem (the build reports it). The live preview's and the quick build's."""
    done = markdown.render(entry.body, entry.source.rel, entry.body_line, links.resolve, links.host)
    return None if done.issues else Body(done.html, done.first_paragraph, done.digest)


def render_text(text: str, rel: str, first_line: int, links: LinkTable, problems: Problems) -> Body:
    """A body that is not a content file's (a newsletter's intro or block), rendered with the same link table."""
    done = markdown.render(text, rel, first_line, links.resolve, links.host)
    for issue in done.issues:
        report = problems.warning if issue.warning else problems.error
        report(rel, issue.line, issue.field, issue.message, issue.hint)
    return Body(done.html, done.first_paragraph, done.digest)
