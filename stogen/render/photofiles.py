"""The bytes of a photo's published files, made by the engine from its source file when an artifact asks.

A photo's ladder is decoded and encoded in one go (render() decodes once for all widths), but each file is its own
artifact: the ladder's artifacts are declared one after another, so the worker that makes the first usually makes
the rest, and it keeps the last photo's files in memory for them. A worker that gets only part of a ladder renders
it again: the same bytes, some time lost, nothing wrong.
"""

from __future__ import annotations

from stogen.core.photos import render, social_image
from stogen.model.photos import SETTINGS, Photo

_last: tuple[tuple[str, str], dict[str, bytes]] | None = None


def _read(photo: Photo) -> bytes:
    with open(photo.file, "rb") as f:
        return f.read()


def ladder_file(photo: Photo, suffix: str) -> bytes:
    """One file of the photo's ladder ("-800w.webp"); raises PhotoError when its pixels cannot be decoded."""
    global _last
    key = (photo.rel, photo.digest)
    if _last is None or _last[0] != key:
        _last = None  # free the previous ladder before decoding the next photo
        _last = (key, render(_read(photo), SETTINGS))
    return _last[1][suffix]


def original_file(photo: Photo) -> bytes:
    """What the photo's own URL serves: the largest fallback variant, stripped like every other."""
    return ladder_file(photo, photo.fallback.suffix)


def social_file(photo: Photo) -> bytes:
    """The 1200 x 630 JPEG for Open Graph and Twitter."""
    return social_image(_read(photo), SETTINGS)
