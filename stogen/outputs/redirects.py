"""Netlify `_redirects`: 301s from `aliases` in front matter and from `formerly` in region.yml.

`check()` runs before anything is written: a region aliasing outside /regio/<slug>/, two redirects from one
path, a redirect from a real page, and chains or loops are errors naming both sources.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from stogen.core.artifacts import Artifact, Owner, Route
from stogen.core.messages import msg
from stogen.core.problems import Problems
from stogen.model import urls
from stogen.model.site import Item, Site
from stogen.outputs import Plan

REDIRECTS = "_redirects"


@dataclass(frozen=True)
class Rule:
    source: str  # the path redirected; ends in /* for a whole subtree
    target: str
    path: Path  # the file that asks for it, and where
    line: int | None
    field: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def covers(self, url: str) -> bool:
        if self.source.endswith("/*"):
            return url.startswith(self.source[:-1])
        return url == self.source


def _items(site: Site) -> list[Item]:
    return [*site.items, *site.region_intros.values(), *([site.home] if site.home else [])]


def rules(site: Site) -> list[Rule]:
    """Every redirect asked for, in a fixed order (by source path, then file)."""
    found: list[Rule] = []
    root = site.config.root
    for item in _items(site):
        for alias in item.entry.aliases:
            found.append(
                Rule(alias, item.url, root / item.entry.source.rel, item.entry.lines.get("aliases"), "aliases")
            )
    found += _split_rules(site)
    for slug, region in site.regions.items():
        for old in region.formerly:
            line = region.lines.get("formerly")
            found.append(Rule(urls.region_home(old), urls.region_home(slug), region.source.path, line, "formerly"))
            found.append(
                Rule(
                    urls.region_home(old) + "*", urls.region_home(slug) + ":splat", region.source.path, line, "formerly"
                )
            )
    # Exact paths before the splats that cover them: Netlify takes the first rule that matches, so an item that
    # moved under a new slug (a merge) reaches its own page, not a namesake the splat would point at.
    return sorted(found, key=lambda r: (r.source.replace("*", "\uffff"), str(r.path)))


def _split_rules(site: Site) -> list[Rule]:
    """After a split, whatever else the old region published leads to its landing page (outputs/former_regions.py).

    The landing page itself is a file, so Netlify serves it rather than apply the rule (shadowing).
    """
    found: dict[str, Rule] = {}
    for slug in sorted(site.regions):
        region = site.regions[slug]
        for i, change in enumerate(region.history):
            for old in change.old if change.change == "split" else ():
                home = urls.region_home(old)
                line = region.lines.get(f"history:{i}")
                found.setdefault(old, Rule(home + "*", home, region.source.path, line, "history"))
    return list(found.values())


class _Index:
    """The rules by exact source, and the few that cover a subtree (`/regio/oud/*`, from `formerly`): every
    check is a lookup, so thousands of aliases are checked in linear time."""

    def __init__(self, found: list[Rule]) -> None:
        self.exact: dict[str, list[Rule]] = {}
        self.splats: list[Rule] = []
        for rule in found:
            self.exact.setdefault(rule.source, []).append(rule)
            if rule.source.endswith("/*"):
                self.splats.append(rule)

    def covering(self, url: str) -> list[Rule]:
        """Rules whose source is `url` or covers it, in the order of `rules()`."""
        return [*self.exact.get(url, []), *(r for r in self.splats if r.source != url and r.covers(url))]


def check(site: Site, routes: Mapping[str, Route], problems: Problems) -> list[Rule]:
    """The rules, after reporting every conflict; `routes` is every URL the build serves (the route table)."""
    found = rules(site)
    index = _Index(found)
    served = sorted(routes)
    ok: list[Rule] = []
    for rule in found:
        before = len(problems.errors)
        _check_space(site, rule, problems)
        _check_page(rule, routes, served, problems)
        _check_others(rule, index, problems)
        if len(problems.errors) == before:
            ok.append(rule)
    return ok


def _check_space(site: Site, rule: Rule, problems: Problems) -> None:
    if rule.field != "aliases":
        return
    region = _region_of_target(rule.target)
    regions_space = "/" + urls.REGIONS + "/"
    if region is not None and not any(rule.source.startswith(home) for home in _spaces(site, region)):
        problems.error(
            rule.path,
            rule.line,
            "aliases",
            msg(
                "alias {source} is outside this region's space {value}",
                source=rule.source,
                value=urls.region_home(region),
            ),
            msg(
                "a region may only redirect its own old paths; ask the central editors for a redirect from {source}",
                source=rule.source,
            ),
        )
    elif region is None and rule.source.startswith(regions_space):
        problems.error(
            rule.path,
            rule.line,
            "aliases",
            msg(
                "alias {source} is inside the regions' space {regions_space}",
                source=rule.source,
                regions_space=regions_space,
            ),
            msg("central content cannot take over a region's old paths; let the region add the alias"),
        )


def _spaces(site: Site, slug: str) -> list[str]:
    """A region's URL space: its own, and that of the regions it came from (renamed, merged into it, split)."""
    region = site.regions.get(slug)
    old = [*region.formerly, *(o for c in region.history for o in c.old)] if region else []
    return [urls.region_home(s) for s in (slug, *old)]


def _region_of_target(url: str) -> str | None:
    prefix = "/" + urls.REGIONS + "/"
    return url[len(prefix) :].split("/", 1)[0] if url.startswith(prefix) else None


def _check_page(rule: Rule, routes: Mapping[str, Route], served: list[str], problems: Problems) -> None:
    if rule.source.endswith("/*"):
        prefix = rule.source[:-1]
        start = bisect_left(served, prefix)
        if rule.field == "history" and start < len(served) and served[start] == rule.target:
            start += 1  # a split region's landing page: covered by its own splat on purpose (shadowing)
        hidden = served[start] if start < len(served) and served[start].startswith(prefix) else None
    else:
        hidden = rule.source if rule.source in routes else None
    if hidden is not None:
        problems.error(
            rule.path,
            rule.line,
            rule.field,
            msg(
                "redirect from {hidden} would hide a real page, published by {name}",
                hidden=hidden,
                name=routes[hidden].owner.name,
            ),
            msg("remove the alias, or rename the page that took over this path"),
        )


def _check_others(rule: Rule, index: _Index, problems: Problems) -> None:
    for other in index.covering(rule.source):
        if other is rule:
            continue
        if other.source == rule.source or (
            other.source.endswith("/*")
            and not rule.source.endswith("/*")
            and other.covers(rule.source)
            and other.path != rule.path
            and other.field == "aliases"  # an old region's splat comes after the exact paths it covers
        ):
            problems.error(
                rule.path,
                rule.line,
                rule.field,
                msg("{source} is also redirected by {where}", source=rule.source, where=other.where),
                msg("a path can redirect to one place only; remove one of the two"),
            )
            return
    target = rule.target.replace(":splat", "")
    if rule.field == "history":
        return  # /regio/<old>/* -> /regio/<old>/: the landing page is served as the file it is, never redirected
    if rule.source == target or (rule.source.endswith("/*") and rule.covers(target)):
        problems.error(
            rule.path,
            rule.line,
            rule.field,
            msg("redirect from {source} to itself", source=rule.source),
            msg("remove it"),
        )
        return
    for other in index.covering(target):
        if other is not rule and other.covers(target):
            problems.error(
                rule.path,
                rule.line,
                rule.field,
                msg(
                    "redirect {source} -> {target} leads to another redirect, {source2} from {where}",
                    source=rule.source,
                    target=rule.target,
                    source2=other.source,
                    where=other.where,
                ),
                msg("point both old paths straight at the final page (a chain of redirects, or a loop)"),
            )
            return


# Whitespace ends a field of a `_redirects` line, a line break starts a new rule: never written as they are.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")


def _field(text: str) -> str:
    """One field of a rule. Aliases are checked by their field type already; this keeps it so whatever
    reaches the file, by percent-encoding anything that could split a field or a line."""
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text)


def redirects_text(found: list[Rule]) -> str:
    pairs = [(_field(r.source), _field(r.target)) for r in found]
    width = max((len(source) for source, _ in pairs), default=0)
    return "".join(f"{source.ljust(width)}  {target}  301\n" for source, target in pairs)


def artifacts(plan: Plan) -> Iterator[Artifact]:
    found = rules(plan.site)  # checked by the build before anything is made
    if found:
        text = redirects_text(found).encode()
        yield Artifact(REDIRECTS, Owner.generator("the redirects"), ("redirects", text), make=partial(bytes, text))
