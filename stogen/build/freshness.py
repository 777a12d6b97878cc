"""Freshness, decided in one place: a fingerprint of everything an artifact depends on, compared with the one the
output folder holds, so an unchanged output is not made again.

A page's fingerprint covers the stogen version, the theme, the configuration, its template and every value
its template is given (items by their own fingerprints). A template that reads `site` (directly, or through a
template it extends or includes) can see anything, so its pages also depend on the whole site: every item,
every region and "now". A value this module does not know is never trusted to be unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from datetime import date, datetime
from typing import Any

import jinja2
from jinja2 import meta

from stogen import __version__
from stogen.core.artifacts import Artifact
from stogen.core.cache import Cache, code_digest
from stogen.model.records import Region
from stogen.model.site import Item, Site
from stogen.outputs.jobs import PageJob
from stogen.render.theme import Theme


def _h(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


# of_page reads these fields by name: a new field on PageJob must be added there too.
PAGE_FIELDS = ("url", "template", "title", "owner", "description", "crumbs", "context", "item", "indexable", "feeds")
assert tuple(f.name for f in dataclasses.fields(PageJob)) == PAGE_FIELDS, "update Fingerprints.of_page"


def _by_key(kv: tuple[Any, Any]) -> str:
    return str(kv[0])


class Fingerprints:
    def __init__(
        self,
        site: Site,
        theme: Theme,
        cache: Cache | None = None,
        known: dict[str, str] | None = None,
        base: str | None = None,
    ) -> None:
        """`known` and `base`: what an earlier build of the same theme, configuration and figures worked out (the
        quick build's, see stogen/build/quick.py): the fingerprints of items by source path (items()), for items
        whose entries and bodies are as they were, and `base`. The others are worked out here."""
        self.site = site
        self.theme = theme
        # The figures (model/figures.py) are on every page (the footer): a new count makes every page again.
        figures = repr(sorted(site.figures.items()))
        self.base = base or _h(__version__, code_digest(), theme.digest(), site.config.digest, figures)
        self._reads_site: dict[str, bool] = {}
        self._know_templates(cache)
        self._items: dict[int, str] = {}
        known = known or {}
        for item in site.every():
            fingerprint = known.get(item.entry.source.rel)
            self._items[id(item)] = fingerprint if fingerprint is not None else self._item(item)
        regions = [r.source.digest for r in site.regions.values()]
        self.whole_site = _h(
            self.base,
            site.now.isoformat(),
            *sorted(self._items.values()),
            *regions,
            *sorted(f"{rel}={url}" for rel, url in site.assets.items()),
        )
        self._memo: dict[int, tuple[Any, ...]] = {}
        self._walked: dict[int, tuple[Any, tuple[frozenset[int], bool]]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def items(self) -> dict[str, str]:
        """Every item's fingerprint, by its source path."""
        return {item.entry.source.rel: self._items[id(item)] for item in self.site.every()}

    def _item(self, item: Item) -> str:
        region = item.region.source.digest if item.region else ""
        return _h(
            item.entry.source.digest,
            item.entry.source.rel,
            item.url,
            item.html_digest or hashlib.sha256(item.html.encode("utf-8")).hexdigest(),
            item.first_paragraph,
            item.image_url or "",
            item.photo.text if item.photo is not None else "",  # its size is in the page's <img>
            str(item.is_draft),
            str(item.is_scheduled),
            region,
        )

    def _know_templates(self, cache: Cache | None) -> None:
        """Which templates read `site`: from the cache while the theme (and stogen) are the same, else parsed."""
        known = cache.load("templates") if cache is not None else {}
        if known.get("base") == self.base and isinstance(known.get("reads_site"), dict):
            self._reads_site = dict(known["reads_site"])
            return
        for name in self.theme.env.list_templates():
            self.reads_site(name)
        if cache is not None:
            cache.save("templates", {"base": self.base, "reads_site": self._reads_site})

    def reads_site(self, template: str) -> bool:
        """Whether a template, or one it extends, includes or imports, reads the `site` variable."""
        if template not in self._reads_site:
            self._reads_site[template] = True  # while looking: a cycle counts as reading
            env = self.theme.env
            try:
                source = env.loader.get_source(env, template)[0] if env.loader else ""
                ast = env.parse(source)
            except jinja2.TemplateError:
                return True
            uses = "site" in meta.find_undeclared_variables(ast)
            for ref in meta.find_referenced_templates(ast):
                uses = uses or ref is None or self.reads_site(ref)
            self._reads_site[template] = uses
        return self._reads_site[template]

    def value(self, v: Any) -> str:
        """A text that changes whenever `v` could render differently (exact types first: this runs a lot)."""
        t = type(v)
        if t is str or t is int or t is bool or t is float or v is None:
            return repr(v)
        if t is list or t is tuple:
            if len(v) < 4:  # short lists shared by many pages (crumbs, feeds): hashed once per build
                memo = self._memo.get(id(v))
                if memo is not None and memo[0] is v and memo[2] == v:
                    return memo[1]
                text = "[" + ",".join([self.value(x) for x in v]) + "]"
                self._memo[id(v)] = (v, text, list(v))
                return text
            return "[" + ",".join([self.value(x) for x in v]) + "]"
        if t is Item:
            return "I" + (self._items.get(id(v)) or os.urandom(8).hex())
        if t is PageJob:  # a page's job among other inputs (the search index's): as its page is fingerprinted
            return "J" + self.of_page(v)
        if t is Site:
            return "S" + self.whole_site
        if t in self._fields or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
            if isinstance(v, Region):
                return "R" + v.source.digest
            # Objects live for the whole build, so one shared by many pages (a crumb, a region) is hashed once.
            memo = self._memo.get(id(v))
            if memo is None or memo[0] is not v:
                memo = (v, self._dataclass(v))
                self._memo[id(v)] = memo
            return memo[1]
        if t is dict:
            return "{" + ",".join([f"{k!r}:{self.value(x)}" for k, x in sorted(v.items(), key=_by_key)]) + "}"
        if isinstance(v, str | int | float | bool):
            return repr(v)
        if isinstance(v, Item):
            return "I" + (self._items.get(id(v)) or os.urandom(8).hex())
        if isinstance(v, Site):
            return "S" + self.whole_site
        if isinstance(v, datetime | date):
            return v.isoformat()
        if isinstance(v, bytes):
            return "B" + hashlib.sha256(v).hexdigest()
        if isinstance(v, list | tuple):
            return "[" + ",".join([self.value(x) for x in v]) + "]"
        if isinstance(v, dict):
            return self.value(dict(v))
        return "?" + os.urandom(8).hex()  # unknown: never taken as unchanged

    def _dataclass(self, v: Any) -> str:
        names = self._fields.get(type(v))
        if names is None:
            names = self._fields[type(v)] = tuple(f.name for f in dataclasses.fields(v))
        return type(v).__name__ + "(" + ",".join([self.value(getattr(v, name)) for name in names]) + ")"

    def of_page(self, job: PageJob) -> str:
        # Field by field (the same text _dataclass would make, without its generic walk: this runs per page).
        value = self.value
        parts = [
            self.base,
            "page",
            repr(job.url),
            repr(job.template),
            repr(job.title),
            repr(job.owner),
            repr(job.description),
            value(job.crumbs),
            value(job.context),
            value(job.item),
            repr(job.indexable),
            value(job.feeds),
        ]
        if self.reads_site(job.template):
            parts.append(self.whole_site)
        return _h(*parts)

    def shown(self, job: PageJob) -> tuple[set[int], bool]:
        """What a page's fingerprint includes of the site: the items (by id) among its values, and whether it
        includes the whole site. The same walk as value()'s; each list or object shared by many pages (crumbs,
        feeds, a region's news) is walked once."""
        found: set[int] = set()
        whole = self._among([job.crumbs, job.feeds, job.item, *job.context.values()], found)
        return found, whole or self.reads_site(job.template)

    def _among(self, values: list[Any], found: set[int]) -> bool:
        """Add the items among `values` to `found`; whether any of them includes the whole site."""
        whole = False
        walked = self._walked
        for v in values:
            t = type(v)
            if t is Item:
                found.add(id(v))
            elif not (t is str or t is bool or t is int or t is float or v is None):
                memo = walked.get(id(v))
                if memo is None or memo[0] is not v:
                    memo = walked[id(v)] = (v, self._walk(v))
                found |= memo[1][0]
                whole = whole or memo[1][1]
        return whole

    def _walk(self, v: Any) -> tuple[frozenset[int], bool]:
        if isinstance(v, Item):
            return frozenset((id(v),)), False
        if isinstance(v, Site):
            return frozenset(), True
        if isinstance(v, Region | datetime | date | bytes | str | int | float):
            return frozenset(), False
        found: set[int] = set()
        if isinstance(v, list | tuple):
            whole = self._among(list(v), found)
        elif isinstance(v, dict):
            whole = self._among(list(v.values()), found)
        elif isinstance(v, PageJob):
            whole = self._among([v.crumbs, v.feeds, v.item, *v.context.values()], found)
            whole = whole or self.reads_site(v.template)
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            whole = self._among([getattr(v, f.name) for f in dataclasses.fields(v)], found)
        else:  # a value value() does not know, and never takes as unchanged: as if it were the site
            whole = True
        return frozenset(found), whole

    def of(self, kind: str, *values: Any) -> str:
        """A fingerprint from the values an output is made of."""
        return _h(self.base, kind, *(self.value(v) for v in values))

    def of_artifact(self, artifact: Artifact, needed: tuple[str, ...] = ()) -> str:
        """What the artifact's bytes depend on: its inputs (a page: its job), its path, and the fingerprints of the
        artifacts it reads (`needed`). A copied file: its bytes."""
        if artifact.copy_from is not None:
            with open(artifact.copy_from, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()
        inputs = artifact.inputs
        if type(inputs) is PageJob:
            return self.of_page(inputs)
        return _h(self.base, artifact.path, self.value(inputs), *needed)
