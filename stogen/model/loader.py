"""Walk the repository's content folders and read every source into records.

Only `content/`, `regions/<slug>/` and `newsletters/` are read. Nothing outside the repository
is ever opened: a symlink that leads outside is reported, not followed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from stogen.core.cache import Cache
from stogen.core.messages import msg
from stogen.core.parallel import ordered_map
from stogen.core.problems import Problem, Problems
from stogen.core.safetext import CONTROL_OR_BREAK, SURROGATE, visible
from stogen.core.yamlsource import split_front_matter
from stogen.model.entries import load_entry, slugify
from stogen.model.fields import SLUG_RE
from stogen.model.kinds import kind_in
from stogen.model.newsletters import load_all as load_newsletters
from stogen.model.records import Entry, Page, Region, Sources
from stogen.model.regions import check_regions_together, load_region

CENTRAL_DIR = "content"
REGIONS_DIR = "regions"
REGION_FILE = "region.yml"


IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".heic", ".heif"}
DOCUMENT_TYPES = {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".csv", ".ics"}
# SVG can carry script, so only the trusted central team may publish it.
CENTRAL_ONLY_TYPES = {".svg"}


def _walk(top: Path, root: Path, problems: Problems) -> list[str]:
    """All regular files under `top` (sorted as paths, by their parts), skipping hidden files; symlinks checked,
    never followed out of `top`. Paths as text: there are tens of thousands."""
    found: list[str] = []
    real_root = root.resolve()
    real_top = top.resolve()
    stack = [str(top)]
    while stack:
        here = stack.pop()
        with os.scandir(here) as it:
            entries = sorted(it, key=lambda e: e.name)
        dirs = []
        for e in entries:
            if e.name.startswith((".", "_")):
                continue
            if not _good_name(e.path, e.name, problems):
                continue
            if e.is_symlink():
                _check_symlink(Path(e.path), (real_root, real_top), e.is_dir(), found, problems)
            elif e.is_dir(follow_symlinks=False):
                dirs.append(e.path)
            elif e.is_file(follow_symlinks=False):
                found.append(e.path)
        stack.extend(reversed(dirs))
    return sorted(found, key=lambda path: path.split(os.sep))


def _good_name(path: str, name: str, problems: Problems) -> bool:
    """A file name stogen can publish: UTF-8 (a name that is not arrives as surrogates), no control characters
    or line breaks (they would end a line of `_redirects` or of a problem report)."""
    if SURROGATE.search(name) or CONTROL_OR_BREAK.search(name):
        problems.error(
            visible(path),
            None,
            None,
            msg("the file name is not UTF-8 text or contains control characters"),
            msg("rename it using letters, digits, spaces and hyphens"),
        )
        return False
    if _URL_BREAKING.search(name) and not name.lower().endswith(".md"):  # a Markdown file's URL is its slug
        problems.error(
            path,
            None,
            None,
            msg("the name contains # ? % or \\, which end or change a web address"),
            msg("rename it using letters, digits, spaces and hyphens"),
        )
        return False
    return True


# An image or document (and its folders) keeps its name in its URL: `#` starts a fragment, `?` a query, `%` an
# escape.
_URL_BREAKING = re.compile(r"[#?%\\]")


def _check_symlink(p: Path, real: tuple[Path, Path], is_dir: bool, found: list[str], problems: Problems) -> None:
    """A symlink is followed only to a file in the same folder tree (content/, or the region's own folder):
    a region must never publish another region's drafts, stogen.yml or .git/."""
    real_root, real_top = real
    target = p.resolve()
    kind = "folder" if is_dir else "file"
    inside = target.relative_to(real_top).parts if target.is_relative_to(real_top) else None
    if not target.is_relative_to(real_root):
        problems.error(
            p,
            None,
            None,
            msg("is a symlink to a {kind} outside the repository", kind=kind),
            msg("copy the {kind} into the repository instead of linking to it", kind=kind),
        )
    elif inside is None or any(part.startswith((".", "_")) for part in inside):
        where = "this region's folder" if real_top.parent.name == REGIONS_DIR else "its folder"
        problems.error(
            p,
            None,
            None,
            msg("is a symlink to a {kind} outside {where} (or to a hidden one)", kind=kind, where=where),
            msg("copy the {kind} here instead of linking to it", kind=kind),
        )
    elif is_dir:
        problems.warning(
            p,
            None,
            None,
            msg("is a symlink to a folder; stogen does not follow it"),
            msg("move or copy the folder here"),
        )
    elif not target.is_file():
        problems.error(p, None, None, msg("is a broken symlink"), msg("remove it or point it at a file"))
    else:
        found.append(str(p))


@dataclass(frozen=True)
class MarkdownFile:
    path: str  # absolute
    rel: str
    inner: str  # path below its root (content/ or regions/<slug>/)
    region: str | None


def load_sources(root: Path, tz: ZoneInfo, problems: Problems, cache: Cache | None = None) -> Sources:
    sources = Sources()
    markdown: list[MarkdownFile] = []
    central = root / CENTRAL_DIR
    if central.is_dir():
        _load_tree(central, root, None, sources, problems, markdown)
    regions_dir = root / REGIONS_DIR
    if regions_dir.is_dir():
        for child in sorted(regions_dir.iterdir()):
            if child.name.startswith((".", "_")):
                continue
            if child.is_symlink():
                problems.error(
                    child, None, None, msg("a region folder may not be a symlink"), msg("make it a real folder")
                )
                continue
            if not child.is_dir():
                problems.error(
                    child,
                    None,
                    None,
                    msg("files directly in regions/ are not published"),
                    msg("put it in the folder of its region, regions/<slug>/"),
                )
                continue
            _load_region_dir(child, root, tz, sources, problems, markdown)
    check_regions_together(sources.regions, problems)
    _check_region_names(sources.regions, problems)
    sources.newsletters = load_newsletters(root, problems)
    for entry in _load_markdown_files(markdown, root, tz, problems, cache or Cache(root, enabled=False), sources.read):
        if isinstance(entry, Page) and entry.path == "" and entry.region is None:
            sources.home = entry
        else:
            sources.entries.append(entry)
    return sources


# Names a region may not take: the label of the central content, on every listing that mixes both.
RESERVED_REGION_NAMES = {"landelijk", "sto", "sterk-techniekonderwijs"}


def _check_region_names(regions: dict[str, Region], problems: Problems) -> None:
    """A region's name is its identity on the site: unique (compared as a slug, so `Twente` and `twente!` clash)
    and never the name of the central programme."""
    taken: dict[str, str] = {}
    for slug, region in sorted(regions.items()):
        key = slugify(region.name)
        line = region.lines.get("name")
        if key in RESERVED_REGION_NAMES:
            problems.error(
                region.source.path,
                line,
                "name",
                msg("{name!r} is the name of the central programme, not of a region", name=region.name),
                msg("write the region's own name, like STO Twente"),
            )
        elif key in taken:
            problems.error(
                region.source.path,
                line,
                "name",
                msg("{name!r} is also the name of region {taken}", name=region.name, taken=taken[key]),
                msg("every region needs its own name; a region that merged keeps its old slug in formerly"),
            )
        else:
            taken[key] = slug


# A record in the cache: the hash of the file's bytes (plus the time zone), what was read from it, the problems
# found, and the file's stat signature when it was hashed. Its entry is kept without its body (a third of the
# cache's bytes, needed only when the body must be rendered again: see body_of).
Cached = tuple[str, "Entry | None", list[Problem], "tuple[int, ...] | None"]
# A file changed less than this long before it was hashed could change again without its stat showing it.
RACY_NS = 2_000_000_000


def _signature(path: str, trusted_before: int) -> tuple[int, ...] | None:
    """What os.stat says about a file: the same signature means the same bytes (as git's index assumes).

    None for a file modified in the last moments, whose next change could leave the signature as it is.
    """
    try:
        return signature_of(os.stat(path), trusted_before)
    except OSError:
        return None


def signature_of(st: os.stat_result, trusted_before: int) -> tuple[int, ...] | None:
    """A file's signature from its stat (see _signature); None when it changed at or after `trusted_before`."""
    if st.st_mtime_ns >= trusted_before or st.st_ctime_ns >= trusted_before:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev)


def _load_markdown_files(
    files: list[MarkdownFile], root: Path, tz: ZoneInfo, problems: Problems, cache: Cache, read: set[str]
) -> list[Entry]:
    """Parse every Markdown file, in forked workers; a file whose bytes are unchanged comes from the cache.
    The files parsed are added to `read`."""
    shards = cache.load_shards("records")
    cached: dict[str, Cached] = {k: v for s in shards.values() for k, v in s.items()}
    zone = str(tz)
    trusted_before = time.time_ns() - RACY_NS
    digests: list[str | None] = []  # None: not in the cache, so parsed anyway (and hashed where it is parsed)
    signatures: list[tuple[int, ...] | None] = []
    for f in files:
        signature = _signature(f.path, trusted_before)
        hit = cached.get(f.rel)
        if hit is None:
            digests.append(None)
        elif signature is not None and hit[3] == signature and hit[0][64:] == zone:
            digests.append(hit[0])  # the file is as it was when its bytes were hashed: no need to read it
        else:
            with open(f.path, "rb") as file:
                digests.append(hashlib.sha256(file.read()).hexdigest() + zone)
        signatures.append(signature)
    todo = [f for f, d in zip(files, digests, strict=True) if d is None or cached[f.rel][0] != d]
    read.update(f.rel for f in todo)

    def parse(f: MarkdownFile) -> tuple[Entry | None, list[Problem], str]:
        """A record without its body, as the cache keeps it: the body is read again where it is rendered (a
        worker of render_bodies), so the bodies of the site never travel between processes. With the digest of
        the bytes it was read from."""
        local = Problems(root)
        entry = _load_markdown(Path(f.path), f.rel, f.inner, f.region, tz, local)
        if entry is not None:
            return dataclasses.replace(entry, body=""), list(local), entry.source.digest + zone
        with open(f.path, "rb") as file:
            return None, list(local), hashlib.sha256(file.read()).hexdigest() + zone

    fresh = dict(zip((f.rel for f in todo), ordered_map(parse, todo), strict=True))
    entries: list[Entry] = []
    kept: dict[str, dict[str, Cached]] = {}
    for f, d, signature in zip(files, digests, signatures, strict=True):
        if f.rel in fresh:
            stored, found, d = fresh[f.rel]
            entry = stored
        else:
            stored, found = cached[f.rel][1:3]
            entry = stored
        kept.setdefault(f.region or "_", {})[f.rel] = (d, stored, found, signature)
        for problem in found:
            problems.add(problem)
        if entry is not None:
            entries.append(entry)
    dirty = {f.region or "_" for f in todo} | {s for s in kept if kept[s].keys() != shards.get(s, {}).keys()}
    # A shard whose stat signatures changed is written again, so the next build can trust them.
    restated = zip(files, signatures, strict=True)
    dirty |= {f.region or "_" for f, sig in restated if cached.get(f.rel, (0,) * 4)[3] != sig}
    cache.save_shards("records", kept, dirty, later=True)
    return entries


def _load_region_dir(
    folder: Path, root: Path, tz: ZoneInfo, sources: Sources, problems: Problems, markdown: list[MarkdownFile]
) -> None:
    slug = folder.name
    if not SLUG_RE.match(slug):
        problems.error(
            folder,
            None,
            None,
            msg("region folder name {slug!r} is not a valid slug", slug=slug),
            msg("use lowercase letters, digits and hyphens, like noord-groningen"),
        )
        return
    region_file = folder / REGION_FILE
    if not region_file.is_file() or region_file.is_symlink():
        problems.error(
            folder,
            None,
            REGION_FILE,
            msg("the region has no region.yml"),
            msg("add regions/{slug}/region.yml with name, provinces, penvoerder and schools", slug=slug),
        )
    else:
        region = load_region(slug, region_file, problems.rel(region_file), tz, problems)
        if region is not None:
            sources.regions[slug] = region
    _load_tree(folder, root, slug, sources, problems, markdown, skip={region_file})


def _load_tree(
    top: Path,
    root: Path,
    region: str | None,
    sources: Sources,
    problems: Problems,
    markdown: list[MarkdownFile],
    skip: set[Path] | None = None,
) -> None:
    top_prefix = len(str(top)) + 1
    root_prefix = len(str(root)) + 1  # every path found starts with the root's
    skipped = {str(p) for p in skip or ()}
    for path in _walk(top, root, problems):
        if path in skipped:
            continue
        rel = path[root_prefix:].replace(os.sep, "/")
        inner = path[top_prefix:].replace(os.sep, "/")
        suffix = os.path.splitext(path)[1].lower()
        if suffix == ".md":
            markdown.append(MarkdownFile(path, rel, inner, region))
        elif suffix in IMAGE_TYPES or suffix in DOCUMENT_TYPES or (suffix in CENTRAL_ONLY_TYPES and region is None):
            sources.assets[rel] = Path(path)
        elif suffix in CENTRAL_ONLY_TYPES:
            problems.error(
                path,
                None,
                None,
                msg("{suffix} files are not published from a region folder", suffix=suffix),
                msg("SVG files can contain scripts; save the image as PNG or JPEG"),
            )
        elif suffix in (".yml", ".yaml") and region is not None:
            problems.error(
                path,
                None,
                None,
                msg("only region.yml is read in a region folder"),
                msg("rename it to region.yml, or move it out of regions/"),
            )
        else:
            allowed = sorted(IMAGE_TYPES | DOCUMENT_TYPES)
            problems.error(
                path,
                None,
                None,
                msg("files of type {value} are not published", value=suffix or "(none)"),
                msg("publish Markdown (.md), images or documents: {names}", names=" ".join(allowed)),
            )


def body_of(entry: Entry) -> str:
    """An entry's Markdown body: as read, or (for a record from the cache, kept without it) from its file again.

    The record is only reused while the file's bytes are unchanged, so the body read here is the one it had.
    An empty body is read again too; that costs one small read, only for a body rendered again.
    """
    if entry.body:
        return entry.body
    try:
        with open(entry.source.file, "rb") as f:
            text = f.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):  # gone or broken since it was loaded: the next build reports it
        return ""
    return split_front_matter(text).body


def cached_entry(cache: Cache, rel: str) -> Entry | None:
    """The record the cache keeps of a Markdown file (without its body), as the last build that read the file
    found it; None when there is none."""
    parts = rel.split("/")
    shard = parts[1] if parts[0] == REGIONS_DIR and len(parts) > 2 else "_"
    hit = cache.load(f"records.{shard}").get(rel)
    return hit[1] if hit else None


def load_markdown_file(root: Path, rel: str, tz: ZoneInfo, problems: Problems) -> Entry | None:
    """Read one Markdown file of content/ or regions/<slug>/ again (the live preview's quick path)."""
    parts = rel.split("/")
    if parts[0] == CENTRAL_DIR and len(parts) > 1:
        region, inner = None, "/".join(parts[1:])
    elif parts[0] == REGIONS_DIR and len(parts) > 2:
        region, inner = parts[1], "/".join(parts[2:])
    else:
        return None
    return _load_markdown(root / rel, rel, inner, region, tz, problems)


def _load_markdown(
    path: Path, rel: str, inner: str, region: str | None, tz: ZoneInfo, problems: Problems
) -> Entry | None:
    return load_entry(path, rel, region, kind_in(inner).name, inner[: -len(".md")], tz, problems)
