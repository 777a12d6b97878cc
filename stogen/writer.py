"""Write a build aside, then swap it in: a failed build never touches the published folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from stogen.outputs import OutputFile

MARKER = ".stogen"
MARKER_TEXT = b"This folder is written by stogen; it is replaced on every build.\n"


class NotOurs(Exception):
    """The output folder exists and was not made by stogen."""


def check_ownership(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise NotOurs(str(out))


def write_site(out: Path, files: Iterable[OutputFile]) -> int:
    """Write every file to a folder beside `out` and swap it in. Returns the number of files."""
    check_ownership(out)
    staging = out.with_name(out.name + ".building")
    old = out.with_name(out.name + ".old")
    for leftover in (staging, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    count = 0
    made: set[str] = set()
    try:
        (staging / MARKER).write_bytes(MARKER_TEXT)
        for f in files:
            if f.path in made:
                raise RuntimeError(f"two outputs write {f.path}")
            made.add(f.path)
            target = staging / f.path
            parent = str(target.parent)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            if f.data is not None:
                target.write_bytes(f.data)
            elif f.copy_from is not None:
                shutil.copyfile(f.copy_from, target)
            count += 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old)
    return count
