"""Folders a benchmark no longer needs: set aside at once, removed when every timed run is over.

Removing a large folder just before a timed run weighs on that run wherever the disk is ext4 without a journal
(this machine's): in that mode the kernel does not reuse an inode within 60 s of its removal (300 s while its
inode table block is not yet written back), and each new file's allocation checks every such inode it passes
(fs/ext4/ialloc.c, recently_deleted). Writing the 22,000 files of a 78 x 200 build right after `rm -rf` of the
last one spent 16.1 s of system time in that check (`perf`: find_get_block_common, recently_deleted), against
4.5 s with the old folders moved aside, and Hugo's cold build 7.4 against 2.8 s; how much depended on how long
ago the removal was, which made the cold figures vary by seconds between identical runs. A deploy starts on a
fresh machine, where nothing was just removed, so that is what the benchmark measures.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Trash:
    def __init__(self, work: Path) -> None:
        self.folder = work / ".trash"

    def discard(self, path: Path) -> None:
        """Move `path` (a folder or a file, if it exists) into the trash: a rename, nothing is removed yet."""
        if not path.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        n = len(os.listdir(self.folder))
        while (self.folder / f"{n}-{path.name}").exists():
            n += 1
        try:
            os.rename(path, self.folder / f"{n}-{path.name}")
        except OSError:  # on another file system: removed now, as before
            shutil.rmtree(path) if path.is_dir() else path.unlink()

    def empty(self) -> None:
        """Remove everything set aside (after the last timed run; also what an interrupted run left)."""
        shutil.rmtree(self.folder, ignore_errors=True)
