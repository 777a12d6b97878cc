"""Rename, merge and split regions without losing a URL: the work behind `stogen regio`.

A change is planned in full before anything is touched: which file goes where (with a new slug where it would
take another item's URL), which Markdown links, newsletter picks and front-matter paths change, and what the
region.yml files become. Then the files are moved (`git mv` in a git work tree, so history follows them) and
written. Every published item that moves gets its old URL as an alias, so `_redirects` sends each old URL to the
same item (never to a namesake after a merge), and its first URL stays its identity for feed GUIDs and
calendar UIDs. A split leaves a landing page at the old region's URL (see outputs/former_regions.py).
"""

from __future__ import annotations

import copy
import fnmatch
import io
import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from stogen.core.problems import Problems
from stogen.model import urls
from stogen.model.config import load_config
from stogen.model.entries import slug_from_filename
from stogen.model.fields import SLUG_RE
from stogen.model.loader import load_sources
from stogen.model.records import Entry, Page
from stogen.model.site import Options, Placed, Placement, place

REGIONS_DIR = "regions"
_INLINE_LINK = re.compile(r"(\]\()(<?)([^)\s>]+)(>?)")
_REF_LINK = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(\S+)", re.MULTILINE)
_PATH_FIELD = re.compile(r"^((?:image|slides):[ \t]*)([\"']?)([^\"'\n]+?)([\"']?)[ \t]*$", re.MULTILINE)
_PICK = re.compile(r"^([ \t]*-[ \t]*)([\"']?)([^\"'\s]+\.md)([\"']?)[ \t]*$", re.MULTILINE)


class MoveError(Exception):
    """A change that cannot be made as asked; nothing has been touched."""


@dataclass
class Change:
    """The whole change, planned: file moves, new texts, region.yml documents, and what to delete."""

    root: Path
    kind: str  # renamed | merged | split
    moves: dict[str, str] = field(default_factory=dict)  # repo-relative old path -> new path
    urls: dict[str, str] = field(default_factory=dict)  # old URL -> new URL of each moved item
    texts: dict[str, str] = field(default_factory=dict)  # new path -> new text
    regions: dict[str, CommentedMap] = field(default_factory=dict)  # path of a region.yml to write -> content
    delete: list[str] = field(default_factory=list)  # old region.yml files
    renamed_slugs: list[tuple[str, str]] = field(default_factory=list)  # (old URL, new URL) of slug clashes
    homes: dict[str, str] = field(default_factory=dict)  # /regio/<old>/ -> /regio/<new>/ (rename and merge)

    def summary(self) -> str:
        lines = [f"{old} -> {new}" for old, new in sorted(self.moves.items())]
        lines += [f"new slug (its old one is taken): {old} -> {new}" for old, new in self.renamed_slugs]
        edited = sorted(set(self.texts) - set(self.moves.values()))
        lines += [f"links rewritten: {rel}" for rel in edited]
        lines += [f"written: {rel}" for rel in sorted(self.regions)]
        lines += [f"removed: {rel}" for rel in self.delete]
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- the site as it is


def _assembled(root: Path, problems: Problems) -> Placement | None:
    """What is published where, drafts and future items included (a move takes those along too); no rendering."""
    config = load_config(root, problems)
    if config is None or problems.has_errors():
        return None
    sources = load_sources(root, config.tz, problems, None)
    return place(config, sources, Options(now=datetime.now(config.tz), drafts=True, future=True), problems)


def _load(root: Path) -> Placement:
    problems = Problems(root)
    site = _assembled(root, problems)
    if site is None or problems.has_errors():
        raise MoveError("the site has problems; fix them first (stogen check):\n" + problems.report("text"))
    return site


def _region_items(site: Placement, slug: str) -> dict[str, Placed]:
    """Every item of a region, by repository path, drafts and future ones included."""
    return {i.entry.source.rel: i for i in site.every() if i.entry.region == slug}


def _files_of(root: Path, slug: str) -> list[str]:
    folder = root / REGIONS_DIR / slug
    return sorted(
        p.relative_to(root).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "region.yml" and not p.name.startswith(".")
    )


def _check_slug(slug: str, what: str) -> None:
    if not SLUG_RE.match(slug):
        raise MoveError(f"{slug!r} is not a valid slug for {what}: use lowercase letters, digits and single hyphens")


# ---------------------------------------------------------------------------------------------------- planning


def plan_rename(root: Path, old: str, new: str, day: date, name: str | None = None) -> Change:
    site = _load(root)
    _need_region(site, old)
    _need_free(root, site, new)
    change = Change(root, "renamed", homes={urls.region_home(old): urls.region_home(new)})
    for rel in _files_of(root, old):
        change.moves[rel] = _in_region(rel, new)
    _move_items(site, change, old, {rel: new for rel in change.moves})
    doc = _read_yaml(root / REGIONS_DIR / old / "region.yml")
    old_name = str(doc.get("name", old))
    if name:
        doc["name"] = name
    _add_formerly(doc, [old, *_seq(doc.get("formerly"))])
    _add_history(doc, day, "renamed", [old], [new], [old_name])
    change.moves[f"{REGIONS_DIR}/{old}/region.yml"] = f"{REGIONS_DIR}/{new}/region.yml"
    change.regions[f"{REGIONS_DIR}/{new}/region.yml"] = doc
    _rewrite_all(site, change)
    return change


def plan_merge(root: Path, source: str, target: str, day: date) -> Change:
    site = _load(root)
    _need_region(site, source)
    _need_region(site, target)
    if source == target:
        raise MoveError("a region cannot be merged into itself")
    change = Change(root, "merged", homes={urls.region_home(source): urls.region_home(target)})
    taken_files = set(_files_of(root, target))
    taken_urls = {i.url for i in site.every() if i.entry.region == target}
    items = _region_items(site, source)
    for rel in _files_of(root, source):
        dest = _in_region(rel, target)
        item = items.get(rel)
        if item is not None:
            new_url = _url_in(item.entry, target, _stem(dest))
            if new_url in taken_urls or dest in taken_files:
                dest = _unclash(item.entry, dest, source, target, taken_urls, taken_files)
                change.renamed_slugs.append((item.url, _url_in(item.entry, target, _stem(dest))))
            taken_urls.add(_url_in(item.entry, target, _stem(dest)))
        elif dest in taken_files:
            dest = _suffixed(dest, source, taken_files)
        taken_files.add(dest)
        change.moves[rel] = dest
    _move_items(site, change, source, {rel: target for rel in change.moves})
    gone = _read_yaml(root / REGIONS_DIR / source / "region.yml")
    doc = _read_yaml(root / REGIONS_DIR / target / "region.yml")
    for key in ("schools", "partners", "hotspots", "primary_schools"):
        _extend(doc, key, _seq(gone.get(key)))
    _extend(doc, "editors", [e for e in _seq(gone.get("editors")) if e not in _seq(doc.get("editors"))])
    _add_formerly(doc, [source, *_seq(gone.get("formerly"))])
    _add_history(doc, day, "merged", [source], [target], [str(gone.get("name", source))])
    change.regions[f"{REGIONS_DIR}/{target}/region.yml"] = doc
    change.delete.append(f"{REGIONS_DIR}/{source}/region.yml")
    _rewrite_all(site, change)
    return change


def plan_split(root: Path, old: str, parts: dict[str, dict[str, Any]], day: date) -> Change:
    """`parts`: successor slug -> {name, schools: [codes], files: [patterns], penvoerder (optional)}, in order."""
    site = _load(root)
    _need_region(site, old)
    if len(parts) < 2:
        raise MoveError("a split needs at least two new regions")
    for slug in parts:
        _need_free(root, site, slug)
    change = Change(root, "split")
    owner: dict[str, str] = {}
    unassigned = []
    for rel in _files_of(root, old):
        inner = rel.split("/", 2)[2]
        dest = next((s for s, part in parts.items() if any(fnmatch.fnmatch(inner, p) for p in part["files"])), None)
        if dest is None:
            unassigned.append(inner)
            continue
        owner[rel] = dest
        change.moves[rel] = _in_region(rel, dest)
    if unassigned:
        raise MoveError(
            "these files of regions/"
            + old
            + "/ are given to no new region: "
            + ", ".join(unassigned)
            + '\nadd a pattern for them under files: ("*" takes every file left)'
        )
    _move_items(site, change, old, owner)
    doc = _read_yaml(root / REGIONS_DIR / old / "region.yml")
    old_name = str(doc.get("name", old))
    codes = {str(s.get("code", "")).upper(): s for s in _seq(doc.get("schools"))}
    listed = {str(c).upper() for part in parts.values() for c in part["schools"]}
    missing = sorted(c for c, s in codes.items() if c not in listed and s.get("type") == "vmbo")
    unknown = sorted(listed - set(codes))
    if missing or unknown:
        raise MoveError(
            (f"vmbo schools of {old} given to no new region: {', '.join(missing)}\n" if missing else "")
            + (f"school codes not in regions/{old}/region.yml: {', '.join(unknown)}\n" if unknown else "")
            + "list every school's code under schools: of one new region (an mbo school may be under several)"
        )
    for slug, part in parts.items():
        new_doc = copy.deepcopy(doc)
        new_doc["name"] = part["name"]
        wanted = {str(c).upper() for c in part["schools"]}
        new_doc["schools"] = CommentedSeq(copy.deepcopy(codes[c]) for c in codes if c in wanted)
        _keep_users(new_doc, wanted)
        if part.get("penvoerder"):
            new_doc["penvoerder"] = part["penvoerder"]
        # The old region's history stays (its items may carry aliases from those older slugs); its `formerly`
        # goes: an old slug can redirect to one region only, and a split has several.
        new_doc.pop("formerly", None)
        _add_history(new_doc, day, "split", [old], list(parts), [old_name])
        change.regions[f"{REGIONS_DIR}/{slug}/region.yml"] = new_doc
    change.delete.append(f"{REGIONS_DIR}/{old}/region.yml")
    _rewrite_all(site, change)
    return change


def _keep_users(doc: CommentedMap, codes: set[str]) -> None:
    """A hotspot of a split region names only the schools its new region keeps (`used_by`)."""
    for hotspot in _seq(doc.get("hotspots")):
        users = hotspot.get("used_by") if isinstance(hotspot, dict) else None
        if not isinstance(users, list):
            continue
        for i in reversed(range(len(users))):
            if str(users[i]).upper() not in codes:
                del users[i]
        if not users:
            del hotspot["used_by"]


def _need_region(site: Placement, slug: str) -> None:
    if slug not in site.regions:
        raise MoveError(f"there is no region {slug!r} (regions/{slug}/region.yml); known: {', '.join(site.regions)}")


def _need_free(root: Path, site: Placement, slug: str) -> None:
    _check_slug(slug, "a region")
    if (root / REGIONS_DIR / slug).exists():
        raise MoveError(f"regions/{slug}/ exists already; choose another slug, or merge into it (voeg-samen)")
    for region in site.regions.values():
        if slug in region.formerly or any(slug in change.old for change in region.history):
            raise MoveError(f"{slug!r} is an old slug of region {region.slug}; an old slug is never used again")


def _in_region(rel: str, slug: str) -> str:
    parts = rel.split("/", 2)
    return f"{REGIONS_DIR}/{slug}/{parts[2]}"


def _stem(rel: str) -> str:
    return posixpath.splitext(posixpath.basename(rel))[0]


def _url_in(entry: Entry, region: str, stem: str) -> str:
    """The URL an entry gets as a file named `stem` in `region`: as the loader makes it (entries.py).

    A slug written in the front matter wins while the file keeps its name; a file renamed here (a slug clash on
    a merge) takes its slug from the new name, and _move_items writes that slug into the front matter.
    """
    same_name = stem == _stem(entry.source.rel)
    explicit = "slug" in entry.lines and same_name
    if isinstance(entry, Page):
        parent = posixpath.dirname(posixpath.relpath(entry.source.rel, f"{REGIONS_DIR}/{entry.region}"))
        parent = "" if parent == "." else parent
        slug = entry.path.rsplit("/", 1)[-1] if explicit else ("" if stem == "index" else slug_from_filename(stem))
        path = posixpath.join(parent, slug) if slug else parent
        return urls.region_home(region) + (path + "/" if path else "")
    slug = entry.slug if explicit else slug_from_filename(stem)
    return urls.entry_url(_with(entry, region, slug))


def _with(entry: Entry, region: str, slug: str) -> Entry:
    moved = copy.copy(entry)
    moved.source = type(entry.source)(entry.source.file, entry.source.rel, region, entry.source.digest)
    moved.slug = slug
    return moved


def _unclash(entry: Entry, dest: str, old: str, target: str, taken_urls: set[str], taken_files: set[str]) -> str:
    """A new file name whose URL and path are free: the old region's slug added (open-dag -> open-dag-zeeland)."""
    folder, name = posixpath.split(dest)
    stem, ext = posixpath.splitext(name)
    base = old if stem == "index" else f"{stem}-{old}"  # a region's intro page becomes the page /regio/<to>/<old>/
    for n in range(1, 100):
        candidate = posixpath.join(folder, (base if n == 1 else f"{base}-{n}") + ext)
        if candidate not in taken_files and _url_in(entry, target, _stem(candidate)) not in taken_urls:
            return candidate
    raise MoveError(f"no free name for {dest}")


def _suffixed(dest: str, old: str, taken: set[str]) -> str:
    folder, name = posixpath.split(dest)
    stem, ext = posixpath.splitext(name)
    n, candidate = 1, posixpath.join(folder, f"{stem}-{old}{ext}")
    while candidate in taken:
        n += 1
        candidate = posixpath.join(folder, f"{stem}-{old}-{n}{ext}")
    return candidate


def _move_items(site: Placement, change: Change, old: str, dest_region: dict[str, str]) -> None:
    """Old URL -> new URL of each moved item and file; published items get their old URL as an alias."""
    items = _region_items(site, old)
    for rel, new_rel in change.moves.items():
        if rel not in items and rel in site.assets:
            change.urls[site.assets[rel]] = urls.asset_url(new_rel)
    for rel, item in items.items():
        new_rel = change.moves[rel]
        new_url = _url_in(item.entry, dest_region[rel], _stem(new_rel))
        change.urls[item.url] = new_url
        text = (change.root / rel).read_text("utf-8")
        public = not item.is_draft and not item.is_scheduled
        # The region's intro (index.md) is its home page: `formerly` redirects it, or a split's landing page
        # takes its place; an alias would claim the same old URL a second time.
        intro = item.url == urls.region_home(old)
        if public and not intro and item.url not in item.entry.aliases:
            text = add_alias(text, item.url)
        new_slug = new_url.rstrip("/").rsplit("/", 1)[-1]
        if "slug" in item.entry.lines and new_slug != item.entry.slug:
            text = re.sub(r"^slug:.*$", "slug: " + new_slug, text, count=1, flags=re.M)
        change.texts[new_rel] = text


# ------------------------------------------------------------------------------------------------ text rewriting


def add_alias(text: str, url: str) -> str:
    """Add one URL to the front matter's aliases, after the ones already there (the first stays the identity)."""
    end = text.find("\n---", 3)
    front, rest = text[:end], text[end:]
    flow = re.search(r"^aliases:[ \t]*\[(.*)\][ \t]*$", front, re.M)
    if flow:
        inner = flow.group(1).strip()
        return front[: flow.start()] + f"aliases: [{inner + ', ' if inner else ''}{url}]" + front[flow.end() :] + rest
    block = re.search(r"^aliases:[ \t]*\n((?:[ \t]+-.*\n?)+)", front + "\n", re.M)
    if block:
        items = block.group(1).rstrip("\n")
        indent = re.match(r"[ \t]*", items).group(0)  # type: ignore[union-attr]
        at = block.start(1) + len(items)
        return front[:at] + f"\n{indent}- {url}" + front[at:] + rest
    return front + f"\naliases: [{url}]" + rest


def _rewrite_all(site: Placement, change: Change) -> None:
    """Links in every Markdown file, paths in front matter and newsletter picks, for the files that moved."""
    root = change.root
    targets = [p for top in ("content", REGIONS_DIR, "newsletters") for p in sorted((root / top).rglob("*.md"))]
    new_of = {new: old for old, new in change.moves.items()}
    for path in targets:
        old_rel = path.relative_to(root).as_posix()
        new_rel = change.moves.get(old_rel, old_rel)
        text = change.texts.get(new_rel) or path.read_text("utf-8")
        rewritten = _rewrite(text, old_rel, new_rel, change, old_rel.startswith("newsletters/"))
        if rewritten != text or new_rel in change.texts or new_rel in new_of:
            change.texts[new_rel] = rewritten


def _rewrite(text: str, old_rel: str, new_rel: str, change: Change, newsletter: bool) -> str:
    def target(value: str) -> str:
        return _new_target(value, old_rel, new_rel, change)

    text = _INLINE_LINK.sub(lambda m: m.group(1) + m.group(2) + target(m.group(3)) + m.group(4), text)
    text = _REF_LINK.sub(lambda m: m.group(1) + target(m.group(2)), text)
    end = text.find("\n---", 3) if text.startswith("---") else -1
    if end > 0:
        front = _PATH_FIELD.sub(lambda m: m.group(1) + m.group(2) + target(m.group(3)) + m.group(4), text[:end])
        if newsletter:
            front = _PICK.sub(
                lambda m: m.group(1) + m.group(2) + change.moves.get(m.group(3), m.group(3)) + m.group(4), front
            )
        text = front + text[end:]
    return text


def _new_target(value: str, old_rel: str, new_rel: str, change: Change) -> str:
    if "://" in value or value.startswith(("#", "mailto:", "tel:")):
        return value
    path, sep, tail = _split_tail(value)
    if path.startswith("/"):
        return _new_site_path(path, change) + sep + tail
    here = posixpath.dirname(old_rel)
    resolved = posixpath.normpath(posixpath.join(here, path))
    moved = change.moves.get(resolved, resolved)
    if moved == resolved and new_rel == old_rel:
        return value
    return posixpath.relpath(moved, posixpath.dirname(new_rel)) + sep + tail


def _new_site_path(path: str, change: Change) -> str:
    if path in change.urls:
        return change.urls[path]
    # A listing or an asset of the old region: the same path under the new one. After a split there is no one
    # new region, so the path stays: its landing page and redirects take care of it.
    for old, new in change.homes.items():
        if path.startswith(old):
            return new + path[len(old) :]
    return path


def _split_tail(value: str) -> tuple[str, str, str]:
    for sep in ("#", "?"):
        if sep in value:
            path, tail = value.split(sep, 1)
            return path, sep, tail
    return value, "", ""


# --------------------------------------------------------------------------------------------------- region.yml


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 120
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _read_yaml(path: Path) -> CommentedMap:
    return _yaml().load(path.read_text("utf-8"))


def _dump(doc: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def _seq(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _extend(doc: CommentedMap, key: str, values: list[Any]) -> None:
    if not values:
        return
    current = doc.get(key)
    if not isinstance(current, list):
        doc[key] = current = CommentedSeq(_seq(current))
    current.extend(copy.deepcopy(values))


def _flow(values: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _add_formerly(doc: CommentedMap, slugs: list[str]) -> None:
    current = [str(s) for s in _seq(doc.get("formerly"))]
    doc["formerly"] = _flow(current + [s for s in slugs if s not in current])


def _add_history(doc: CommentedMap, day: date, kind: str, old: list[str], new: list[str], names: list[str]) -> None:
    entry = CommentedMap()
    entry["date"] = day
    entry["change"] = kind
    entry["from"] = _flow(old)
    entry["to"] = _flow(new)
    entry["names"] = _flow(names)
    history = doc.get("history")
    if not isinstance(history, list):
        doc["history"] = history = CommentedSeq()
    history.append(entry)


# ------------------------------------------------------------------------------------------------------ applying


def apply(change: Change) -> None:
    """Move, write, delete; `git mv`/`git rm` inside a git work tree so the files keep their history."""
    root = change.root
    git = _in_git(root)
    for old, new in sorted(change.moves.items()):
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        if not (git and _git(root, "mv", old, new)):
            shutil.move(root / old, root / new)
    for rel, text in sorted(change.texts.items()):
        (root / rel).write_text(text, "utf-8")
    for rel, doc in sorted(change.regions.items()):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(_dump(doc), "utf-8")
        if git:
            _git(root, "add", rel)
    for rel in change.delete:
        if not (git and _git(root, "rm", "-q", "-f", rel)) and (root / rel).exists():
            (root / rel).unlink()
    for old in {o.split("/")[1] for o in change.moves} | {d.split("/")[1] for d in change.delete}:
        _remove_empty(root / REGIONS_DIR / old)


def _in_git(root: Path) -> bool:
    return shutil.which("git") is not None and _git(root, "rev-parse", "--is-inside-work-tree")


def _git(root: Path, *args: str) -> bool:
    return subprocess.run(["git", *args], cwd=root, capture_output=True).returncode == 0


def _remove_empty(folder: Path) -> None:
    if not folder.is_dir():
        return
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(sub.iterdir()):
            sub.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
