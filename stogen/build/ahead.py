"""Work a build starts before it plans: a tool run over the files the build is expected to make, whose result
is taken only if the build then makes exactly those files.

After an edit, the search index shard that holds the edited page is indexed again (Pagefind, a second for 500
pages at 78 x 200), and a bundle is made after every page, while the build's own work before it (loading,
planning, fingerprinting) keeps one core busy and leaves the other idle. The shard's pages are known earlier:
the last build's files in the output folder, and the edited items' pages, rendered alone as soon as the site is
loaded (stogen/outputs/search.py, `expected_shards`). So Pagefind starts on those at once, in a folder next to
the output, and when the build reaches the shard, `take` hands its index over only if the shard has the same
pages and each is, byte for byte, the file Pagefind read. Otherwise the shard is indexed as usual: the index is
the one indexing after the build would make, either way (tests/test_ahead.py compares).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from stogen.build.writer import ahead_for
from stogen.core.artifacts import Locator
from stogen.model.site import Site
from stogen.outputs import search
from stogen.render.theme import Theme

# A tool's command line, given the folder of files to read and the folder to write.
Command = Callable[[Path, Path], list[str]]


@dataclass
class _Started:
    files: tuple[str, ...]
    rendered: dict[str, bytes]  # files rendered ahead (the edited pages), by output path
    view: Path  # the files the tool reads: those, and hard links to the output folder's
    output: Path  # what it writes
    pid: int


class Ahead:
    """Bundles started ahead, by their paths; `close()` stops and removes whatever was not taken.

    Each starts in a forked process that puts the files in place and then becomes the tool, so the build goes on
    at once: a shard's view is a folder and a link per page, 500 at 78 x 200 (0.03-0.2 s on this machine's disk).
    """

    def __init__(self, out: Path, previous: Mapping[str, str]) -> None:
        self.out = out
        self.previous = previous
        self.folder = ahead_for(out)
        self.started: dict[str, _Started] = {}
        shutil.rmtree(self.folder, ignore_errors=True)  # left by a build that was killed

    def start(self, bundle: str, files: tuple[str, ...], rendered: dict[str, bytes], command: Command) -> None:
        """Run `command` over `files`: those in `rendered` as given, the others as the output folder holds them
        from the last build; nothing is started if the last build did not make one of those."""
        if any(rel not in rendered and rel not in self.previous for rel in files):
            return
        home = self.folder / str(len(self.started))
        view, output = home / "files", home / "made"
        argv = command(view, output)
        pid = os.fork()
        if pid == 0:  # the child: it puts the files in place, then becomes the tool (or ends, having failed)
            try:
                _place(files, rendered, self.out, view)
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                with contextlib.suppress(OSError):
                    os.nice(10)  # the build's own work comes first
                os.execv(argv[0], argv)
            finally:
                os._exit(127)
        self.started[bundle] = _Started(files, rendered, view, output, pid)

    def take(self, bundle: str, files: tuple[str, ...], locate: Locator, folder: Path) -> bool:
        """Move what was made for `bundle` into `folder` (empty, next to the output) if it was made from exactly
        these files as `locate` finds them now; False, and nothing moved, if not."""
        started = self.started.pop(bundle, None)
        if started is None:
            return False
        ok = os.waitstatus_to_exitcode(os.waitpid(started.pid, 0)[1]) == 0
        if not ok or started.files != files or not all(_same(started, rel, locate(rel)) for rel in files):
            return False
        try:
            os.replace(started.output, folder)
        except OSError:  # not on the same disk after all: made again the usual way
            return False
        return True

    def close(self) -> None:
        for started in self.started.values():
            with contextlib.suppress(OSError):
                os.kill(started.pid, signal.SIGKILL)
                os.waitpid(started.pid, 0)
        self.started.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def start(site: Site, theme: Theme, out: Path, previous: Mapping[str, str]) -> Ahead | None:
    """Start indexing the search index shards this build is expected to index again, when the output folder
    holds a known build (`previous`); None when there is nothing to start, or no way to start it (no fork)."""
    if not previous or not hasattr(os, "fork"):
        return None
    expected = search.expected_shards(site, theme)
    if not expected:
        return None
    ahead = Ahead(out, previous)
    language = site.config.language
    for bundle, (files, rendered) in expected.items():
        ahead.start(bundle, files, rendered, lambda view, made: search.pagefind_argv(view, made, language))
    return ahead


def _place(files: tuple[str, ...], rendered: dict[str, bytes], out: Path, view: Path) -> None:
    """The files in `view`: those rendered as given, the others hard-linked (or copied) from `out`."""
    made: set[str] = set()
    for rel in files:
        target = os.path.join(view, rel)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if rel in rendered:
            with open(target, "wb") as f:
                f.write(rendered[rel])
        else:
            search.link_or_copy(os.path.join(out, rel), target)


def _same(started: _Started, rel: str, now: Path) -> bool:
    """Whether the file the build has for `rel` (at `now`) is the one the tool read."""
    read = started.view / rel
    if rel not in started.rendered and _identity(read) == _identity(now) is not None:
        return True  # the last build's file itself, untouched (a hard link to it was read)
    try:
        return now.read_bytes() == (started.rendered.get(rel) or read.read_bytes())
    except OSError:
        return False


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns)
