"""The bytes of a photo's published files, made by the engine from its source file when an artifact asks.

A photo's ladder is decoded and encoded in one go (render() decodes once for all widths), but each file is its own
artifact: the pipeline makes the artifacts of one photo (one `group`) together in one worker, which keeps the last
photo's files in memory for the rest of its group.

When the build keeps a photo store (`Photo.store`, in .stogen-cache/), made files are written there too, in a
folder named by the photo's content hash and the engine's settings digest, and read back by any later build that
needs them: a clean build, or `stogen check`, does not encode an unchanged photo again. The name says exactly what
the bytes are made from, so a kept file is never stale.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from stogen.core.photos import render, social_image
from stogen.model.photos import SOCIAL_SUFFIX, Photo, settings

_last: tuple[tuple[str, str], dict[str, bytes]] | None = None


def _read(photo: Photo) -> bytes:
    with open(photo.file, "rb") as f:
        return f.read()


def _kept(photo: Photo, name: str) -> bytes | None:
    if photo.store is None:
        return None
    try:
        return (Path(photo.store) / name.lstrip("-")).read_bytes()
    except OSError:
        return None


def _keep(photo: Photo, files: dict[str, bytes]) -> None:
    """Write made files into the photo's store folder: aside first, then renamed, so a reader sees all or none."""
    if photo.store is None:
        return
    folder = Path(photo.store)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
        for suffix, data in files.items():
            (tmp / suffix.lstrip("-")).write_bytes(data)
        for p in tmp.iterdir():  # into an existing folder (the social image joins a kept ladder) file by file
            folder.mkdir(exist_ok=True)
            os.replace(p, folder / p.name)
        tmp.rmdir()
    except OSError:
        pass  # a store we cannot write only costs time next build


def ladder_file(photo: Photo, suffix: str) -> bytes:
    """One file of the photo's ladder ("-800w.webp"); raises PhotoError when its pixels cannot be decoded."""
    global _last
    key = (photo.rel, photo.digest)
    if _last is None or _last[0] != key:
        _last = None  # free the previous ladder before decoding the next photo
        kept = _kept(photo, suffix)
        if kept is not None:
            return kept
        files = render(_read(photo), settings())
        _keep(photo, files)
        _last = (key, files)
    return _last[1][suffix]


def original_file(photo: Photo) -> bytes:
    """What the photo's own URL serves: the largest fallback variant, stripped like every other."""
    return ladder_file(photo, photo.fallback.suffix)


def social_file(photo: Photo) -> bytes:
    """The 1200 x 630 JPEG for Open Graph and Twitter."""
    kept = _kept(photo, SOCIAL_SUFFIX)
    if kept is not None:
        return kept
    data = social_image(_read(photo), settings())
    _keep(photo, {SOCIAL_SUFFIX: data})
    return data
