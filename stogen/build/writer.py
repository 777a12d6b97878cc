"""Write a build aside, then put it in place: a failed build never touches the published folder.

Two ways to put it in place:
- full: every file is written to `<out>.building/`, which then replaces `<out>` by renaming folders;
- incremental: when the cache's manifest says what `<out>` holds, only changed files are written aside,
  then each is moved in with an atomic rename and files no longer built are removed. Unchanged files are
  never rewritten (their timestamps stay, so a deploy or a browser sees nothing new).
Either way nothing in `<out>` changes until every file of the build has been produced.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stogen.core.cache import Cache
from stogen.outputs import OutputFile

MARKER = ".stogen"
MARKER_TEXT = b"This folder is written by stogen; it is replaced on every build.\n"


class NotOurs(Exception):
    """The output folder exists and was not made by stogen."""


def check_ownership(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise NotOurs(str(out))


@dataclass
class WriteStats:
    files: int = 0  # files in the output
    written: int = 0  # of which (re)written by this build
    removed: int = 0
    feeds: int = 0  # RSS feeds among the files (all named feed.xml)
    incremental: bool = False
    by_suffix: dict[str, int] = field(default_factory=dict)


def _marker_stamp(out: Path) -> str | None:
    """What the output folder's marker says it holds: the digest of its manifest, or None."""
    try:
        text = (out / MARKER).read_bytes()
    except OSError:
        return None
    line = text[len(MARKER_TEXT) :].strip() if text.startswith(MARKER_TEXT) else b""
    return line[len(b"manifest ") :].decode("ascii", "replace") if line.startswith(b"manifest ") else None


def _manifest_digest(files: dict[str, str]) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(f"{path}\0{files[path]}\n".encode())
    return h.hexdigest()


def _write_marker(folder: Path, digest: str | None) -> None:
    """The marker, with the digest of what the folder holds; atomically replaced (it is read to trust a folder)."""
    text = MARKER_TEXT + (f"manifest {digest}\n".encode() if digest else b"")
    tmp = folder / (MARKER + ".tmp")
    tmp.write_bytes(text)
    os.replace(tmp, folder / MARKER)


def previous_outputs(out: Path, cache: Cache) -> dict[str, str]:
    """What the output folder holds (path -> fingerprint), when the cache knows it for certain; else {}.

    The folder is known when its marker names the digest of the manifest in the cache. That holds wherever the
    folder was restored from (a CI cache, a copy), and fails for a folder made or emptied by hand.
    """
    manifest = cache.load("output")
    stamp = _marker_stamp(out)
    if not manifest or stamp is None or manifest.get("marker") != stamp:
        return {}
    files = manifest.get("files")
    return files if isinstance(files, dict) else {}


def _fingerprint(f: OutputFile) -> str:
    if f.fingerprint is not None:
        return f.fingerprint
    if f.data is not None:
        return hashlib.sha256(f.data).hexdigest()
    assert f.copy_from is not None
    return hashlib.sha256(f.copy_from.read_bytes()).hexdigest()


def staging_for(out: Path) -> Path:
    """Where a build of `out` is written aside before it is put in place."""
    return out.with_name(out.name + ".building")


def place(staging: Path, rel: str, data: bytes) -> None:
    """Write one file into the staging folder; safe to call from several processes at once."""
    target = os.path.join(staging, rel)
    try:
        f = open(target, "wb")  # noqa: SIM115
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        f = open(target, "wb")  # noqa: SIM115
    with f:
        f.write(data)


def _put(staging: Path, f: OutputFile) -> None:
    if f.data is not None:
        place(staging, f.path, f.data)
    elif f.copy_from is not None:
        target = staging / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.copy_from, target)
    else:
        raise RuntimeError(f"{f.path}: nothing to write")


def write_site(
    out: Path,
    files: Iterable[OutputFile],
    cache: Cache | None = None,
    before_swap: Callable[[Path, bool], None] | None = None,
    previous: dict[str, str] | None = None,
) -> WriteStats:
    """Produce every file aside, then put the build in place. `before_swap(staging, incremental)` may raise
    to abandon the build (the output stays as it was). `previous` is what previous_outputs() says, when the
    caller asked already."""
    check_ownership(out)
    cache = cache or Cache(out.parent, enabled=False)
    if previous is None:
        previous = previous_outputs(out, cache)
    staging = staging_for(out)
    old = out.with_name(out.name + ".old")
    for leftover in (staging, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    stats = WriteStats(incremental=bool(previous))
    current: dict[str, str] = {}
    changed: list[str] = []
    try:
        for f in files:
            if f.path in current:
                raise RuntimeError(f"two outputs write {f.path}")
            fp = _fingerprint(f)
            current[f.path] = fp
            stats.feeds += f.path.endswith("feed.xml")
            suffix = os.path.splitext(f.path)[1] or "(none)"
            stats.by_suffix[suffix] = stats.by_suffix.get(suffix, 0) + 1
            if previous.get(f.path) == fp:
                continue  # already in place, unchanged
            if f.reuse:
                raise RuntimeError(f"{f.path}: reused, but the output does not hold it")
            if not f.placed:
                _put(staging, f)
            changed.append(f.path)
        if before_swap is not None:
            before_swap(staging, bool(previous))
        digest = _manifest_digest(current)
        if not previous:
            _write_marker(staging, digest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if previous:
        removed = [p for p in previous if p not in current]
        stale = bool(changed or removed)  # else the folder holds what `digest` names already
        if stale:
            _write_marker(out, None)  # while files move in, the folder matches no manifest
        _move_in(out, staging, changed, removed)
        if stale:
            _write_marker(out, digest)
        stats.removed = len(removed)
    else:
        if out.exists():
            out.rename(old)
        staging.rename(out)
        if old.exists():
            shutil.rmtree(old)
    stats.files = len(current)
    stats.written = len(changed)
    cache.save("output", {"marker": digest, "files": current})
    return stats


def _move_in(out: Path, staging: Path, changed: list[str], removed: list[str]) -> None:
    for rel in changed:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    for rel in removed:
        (out / rel).unlink(missing_ok=True)
        parent = (out / rel).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    # What before_swap added (a search index, say) replaces its counterpart in the output as a whole.
    for child in sorted(staging.iterdir()):
        if child.is_dir() and not any(p.is_file() for p in child.rglob("*")):
            continue  # only emptied folders of the moved files
        target = out / child.name
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(child, target)
    shutil.rmtree(staging, ignore_errors=True)
