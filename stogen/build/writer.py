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
from dataclasses import dataclass
from pathlib import Path

from stogen.core.cache import Cache

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
    manifest: str = ""  # the digest of the manifest of what the folder now holds


def marker_stamp(out: Path) -> str | None:
    """What the output folder's marker says it holds: the digest of its manifest, or None."""
    try:
        text = (out / MARKER).read_bytes()
    except OSError:
        return None
    line = text[len(MARKER_TEXT) :].strip() if text.startswith(MARKER_TEXT) else b""
    return line[len(b"manifest ") :].decode("ascii", "replace") if line.startswith(b"manifest ") else None


def manifest_digest(files: dict[str, str]) -> str:
    return hashlib.sha256("".join([f"{path}\0{files[path]}\n" for path in sorted(files)]).encode()).hexdigest()


def _write_marker(folder: Path, digest: str | None) -> None:
    """The marker, with the digest of what the folder holds; atomically replaced (it is read to trust a folder)."""
    text = MARKER_TEXT + (f"manifest {digest}\n".encode() if digest else b"")
    tmp = folder / (MARKER + ".tmp")
    tmp.write_bytes(text)
    os.replace(tmp, folder / MARKER)


def manifest_name(out: Path, cache: Cache) -> str:
    """The cache entry of one output folder's manifest, by the folder's place in the repository: `stogen serve`
    (.stogen-serve/) and `stogen build` (public/) share the cache, and with one manifest between them each made
    the other's next build a full one (21,000 pages again after a preview session, at 78 x 200)."""
    folder = out.resolve()
    try:
        where = folder.relative_to(cache.folder.parent.resolve()).as_posix()
    except ValueError:
        where = folder.as_posix()
    return "output-" + hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]


def previous_outputs(out: Path, cache: Cache) -> dict[str, str]:
    """What the output folder holds (path -> fingerprint), when the cache knows it for certain; else {}.

    The folder is known when its marker names the digest of the manifest in the cache. That holds wherever the
    folder was restored from (a CI cache, a copy), and fails for a folder made or emptied by hand.
    """
    manifest = cache.load(manifest_name(out, cache))
    stamp = marker_stamp(out)
    if not manifest or stamp is None or manifest.get("marker") != stamp:
        return {}
    files = manifest.get("files")
    return files if isinstance(files, dict) else {}


def staging_for(out: Path) -> Path:
    """Where a build of `out` is written aside before it is put in place."""
    return out.with_name(out.name + ".building")


def ahead_for(out: Path) -> Path:
    """Where work for a build of `out` starts before its staging folder exists (the search index's shards, see
    stogen/outputs/search.py): next to it, so what is made there moves into the staging folder by a rename."""
    return out.with_name(out.name + ".ahead")


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def place(staging: Path, rel: str, data: bytes) -> None:
    """Write one file into the staging folder; safe to call from several processes at once. With the os module's
    calls rather than a file object: 22,000 files at 78 x 200, and a buffered file costs 10 µs more a file."""
    target = os.path.join(staging, rel)
    try:
        fd = os.open(target, _CREATE, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd = os.open(target, _CREATE, 0o666)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """All of `data` to a file descriptor (os.write may write part of it: a pipe, a full disk's last blocks)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class Staging:
    """One build's files, written aside; `commit()` puts them in place, `abandon()` throws them away.

    `previous` is what the output folder holds (previous_outputs()): when it is known, only the files staged here
    replace their counterparts and files no longer built are removed; when it is not, the staging folder becomes
    the output folder as a whole.
    """

    def __init__(self, out: Path, cache: Cache | None = None, previous: dict[str, str] | None = None) -> None:
        check_ownership(out)
        self.out = out
        self.cache = cache or Cache(out.parent, enabled=False)
        self.previous = previous_outputs(out, self.cache) if previous is None else previous
        self.folder = staging_for(out)
        self._old = out.with_name(out.name + ".old")
        for leftover in (self.folder, self._old):
            if leftover.exists():
                shutil.rmtree(leftover)
        self.folder.mkdir(parents=True)
        self.staged: set[str] = set()
        self._preparing: int | None = None  # the process making folders ahead (prepare())

    @property
    def incremental(self) -> bool:
        return bool(self.previous)

    def prepare(self, folders: Callable[[], Iterable[str]]) -> None:
        """Have the folders `folders()` names (relative, forward slashes) made in the staging folder of a clean
        build, by a process of its own, while this one goes on planning; the files written into them find them
        there (or make them, if they are first: place()).

        Made by the workers that write the files, 21,000 folders cost 1.0-1.3 s of their time at 78 x 200 (two
        processes making folders side by side in the same parent folders); made ahead by one process, 0.5-0.6 s,
        on the core the build's planning leaves idle. `folders` is called in that process, which exits when done;
        commit() and abandon() wait for it."""
        if self.previous or not hasattr(os, "fork") or self._preparing is not None:
            return
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the workers make the folders, as they would anyway
            return
        if pid == 0:
            try:
                for folder in sorted({os.path.join(self.folder, f) for f in folders() if f}):  # parents first
                    try:
                        os.mkdir(folder)
                    except FileExistsError:
                        pass
                    except FileNotFoundError:
                        os.makedirs(folder, exist_ok=True)
            finally:
                os._exit(0)  # whatever went wrong: a folder not made is made by the file that needs it
        self._preparing = pid

    def _prepared(self) -> None:
        """Wait for the process making folders ahead, if there is one (it is done long before the files are)."""
        if self._preparing is not None:
            pid, self._preparing = self._preparing, None
            os.waitpid(pid, 0)

    def put(self, rel: str, data: bytes) -> None:
        """Stage one file (from a worker process too: the caller records it with `mark`)."""
        place(self.folder, rel, data)

    def mark(self, rel: str) -> None:
        self.staged.add(rel)

    def copy(self, rel: str, source: str) -> None:
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.staged.add(rel)

    def bundle_folder(self, folder: str) -> Path:
        """The empty folder a bundle's maker writes into (the search index: Pagefind writes there itself, so its
        files are written once, not read back and written again); `mark(folder)` once it is made. The folder
        replaces its counterpart in the output as a whole. Safe to call from several threads at once."""
        base = self.folder / folder
        if base.exists():
            shutil.rmtree(base)
        base.parent.mkdir(parents=True, exist_ok=True)
        return base

    def locate(self, rel: str) -> Path:
        """Where a file of this build is: staged now, or kept in the output from the last build."""
        return self.folder / rel if rel in self.staged else self.out / rel

    def abandon(self) -> None:
        self._prepared()
        shutil.rmtree(self.folder, ignore_errors=True)

    def commit(self, current: dict[str, str]) -> WriteStats:
        """Put the build in place; `current` is every output path (bundles end in /) -> its fingerprint."""
        self._prepared()
        digest = manifest_digest(current)
        stats = WriteStats(files=len(current), written=len(self.staged), incremental=self.incremental, manifest=digest)
        stats.feeds = len([rel for rel in current if rel.endswith("feed.xml")])
        if self.incremental:
            removed = [p for p in self.previous if p not in current]
            stale = bool(self.staged or removed)  # else the folder holds what `digest` names already
            if stale:
                _write_marker(self.out, None)  # while files move in, the folder matches no manifest
            _move_in(self.out, self.folder, sorted(self.staged), removed)
            if stale:
                _write_marker(self.out, digest)
            stats.removed = len(removed)
        else:
            _write_marker(self.folder, digest)
            if self.out.exists():
                self.out.rename(self._old)
            self.folder.rename(self.out)
            if self._old.exists():
                shutil.rmtree(self._old)
        self.cache.save(manifest_name(self.out, self.cache), {"marker": digest, "files": current})
        return stats


def _move_in(out: Path, staging: Path, changed: list[str], removed: list[str]) -> None:
    for rel in changed:
        target = out / rel
        if rel.endswith("/"):  # a bundle: replaced as a whole
            if target.is_dir():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    for rel in removed:
        target = out / rel
        if rel.endswith("/"):
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)
        parent = target.parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    shutil.rmtree(staging, ignore_errors=True)
