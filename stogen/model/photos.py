"""Every raster image of the site, known before anything is rendered: its size, its ladder of variants and their
URLs, from the photo engine's probe (stogen/core/photos.py).

A raster is never published as it is: its bytes may carry the GPS position where a pupil's photo was taken. Each
one becomes a ladder of stripped variants next to where it was (`foto.jpg` -> `foto-480w.webp`, ...,
`foto-1600w.jpg`), and its own URL serves the largest stripped fallback, so old links keep working.

Probing needs the photo's bytes; so does the content hash its artifacts are fingerprinted by. Both are kept in
`.stogen-cache/photos.pickle` with the file's stat signature, so an unchanged photo is not read again (as the
loader does for Markdown).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import posixpath
import shutil
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from stogen.core.cache import Cache
from stogen.core.messages import Msg, msg
from stogen.core.photos import PhotoError, PhotoInfo, Settings, ladder, probe
from stogen.core.problems import Problems
from stogen.model.entries import slugify
from stogen.model.loader import RACY_NS
from stogen.model.loader import _signature as signature

# The raster types the engine reads; .heic/.heif are what iPhones save.
RASTER_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".heic", ".heif"})


@functools.cache
def settings() -> Settings:
    """One set of settings for the whole site: part of every photo artifact's fingerprint through digest(). Made
    on first use: it names the versions of Pillow's encoders, so it loads Pillow (a quick build never needs it)."""
    return Settings()


def is_raster(rel: str) -> bool:
    return os.path.splitext(rel)[1].lower() in RASTER_TYPES


@dataclass(frozen=True, slots=True)
class PhotoVariant:
    url: str
    width: int
    height: int
    mime: str
    suffix: str  # the engine's key: "-800w.webp"


@dataclass(frozen=True)
class Photo:
    """A raster file of content/ or regions/<slug>/: where its variants are published and how large they are.

    `error` is the engine's (message, hint) for a file it refuses; such a photo publishes nothing.
    """

    rel: str
    file: str  # absolute path, read only when its variants are made
    url: str  # the original URL: serves the largest fallback variant
    digest: str  # sha256 of the file's bytes
    width: int = 0
    height: int = 0
    variants: tuple[PhotoVariant, ...] = ()
    social_url: str = ""
    error: tuple[Msg, Msg] | None = None
    store: str | None = None  # where its made files are kept (.stogen-cache/photo-files/<key>/), if anywhere

    @property
    def shareable(self) -> bool:
        """Large enough for a social image of its own: 600 x 315 is the least Facebook and LinkedIn take for a large
        card. A smaller photo would be enlarged into a blur (and costs as much to make as a 12 MP one's crop): its
        pages show their region's title card instead."""
        return self.error is None and self.width >= 600 and self.height >= 315

    @property
    def fallback(self) -> PhotoVariant:
        """The largest variant in the fallback format (JPEG, or PNG for a photo with transparency)."""
        modern = {"image/webp", "image/avif"}
        return [v for v in self.variants if v.mime not in modern][-1]

    def at_least(self, width: int) -> PhotoVariant:
        """The narrowest fallback variant at least `width` wide, else the largest (the mail's photo: sharp at 2x)."""
        fallbacks = [v for v in self.variants if v.mime == self.fallback.mime]
        return next((v for v in fallbacks if v.width >= width), fallbacks[-1])

    def srcset(self, mime: str) -> str:
        return ", ".join(f"{v.url} {v.width}w" for v in self.variants if v.mime == mime)

    @cached_property
    def view(self) -> dict[str, Any]:
        """What a page shows of the photo (plain values): the Markdown writer and the templates read this."""
        fallback = self.fallback
        modern = []
        for mime in dict.fromkeys(v.mime for v in self.variants if v.mime != fallback.mime):
            modern.append([mime, self.srcset(mime)])
        return {
            "src": fallback.url,
            "width": fallback.width,
            "height": fallback.height,
            "srcset": self.srcset(fallback.mime),
            "sources": modern,
        }

    @cached_property
    def text(self) -> str:
        """The view as text: what the link table gives the Markdown writer, and what the body cache compares."""
        if self.error is not None:
            return json.dumps({"error": [m.dump() for m in self.error]})
        return json.dumps(self.view, sort_keys=True)


def variant_url(original_url: str, suffix: str) -> str:
    """/regio/x/images/IMG 4031.JPG + -800w.webp -> /regio/x/images/img-4031-800w.webp: URL-safe names."""
    folder, name = posixpath.split(original_url)
    stem = slugify(posixpath.splitext(name)[0]) or "foto"
    return f"{folder}/{stem}{suffix}"


SOCIAL_SUFFIX = "-social.jpg"

# Cached per file: (stat signature, content hash, probe result or the engine's refusal).
Probed = tuple[tuple[int, ...] | None, str, tuple[str, int, int, bool] | tuple[Msg, Msg]]


def survey(
    assets: dict[str, Path], asset_urls: dict[str, str], cache: Cache, store: Path | None = None
) -> dict[str, Photo]:
    """Every raster among the published files, probed (from the cache while its file is unchanged).

    `store` keeps made photo files between builds, one folder per photo content and engine settings; folders of
    photos that are gone or changed are removed here.
    """
    cached: dict[str, Probed] = cache.load("photos")
    kept: dict[str, Probed] = {}
    trusted_before = time.time_ns() - RACY_NS
    photos: dict[str, Photo] = {}
    for rel in sorted(assets):
        if not is_raster(rel):
            continue
        path = str(assets[rel])
        sig = signature(path, trusted_before)
        hit = cached.get(rel)
        # An unchanged stat signature means unchanged bytes: the photo is not read (nor hashed) again.
        found = hit if sig is not None and hit is not None and hit[0] == sig else _probe_file(path, sig)
        kept[rel] = found
        photos[rel] = _photo(rel, path, asset_urls[rel], found, store)
    if kept != cached:
        cache.save("photos", kept)
    _refuse_clashes(photos)
    if store is not None:
        _prune(store, {p.store for p in photos.values() if p.store})
    return photos


def _refuse_clashes(photos: dict[str, Photo]) -> None:
    """Two photos of one folder whose names give one slug (`Open dag.jpg`, `open-dag.png`) would publish the same
    files: the second is refused with one message naming the first, instead of a collision per variant."""
    first: dict[str, str] = {}
    for rel, photo in photos.items():
        stem = variant_url(photo.url, "")
        if photo.error is None and stem in first:
            message = msg(
                "gives the same web addresses ({name}-800w.webp, ...) as {other}",
                name=stem.rsplit("/", 1)[1],
                other=first[stem],
            )
            photos[rel] = dataclasses.replace(photo, error=(message, msg("rename one of the two files")))
        elif photo.error is None:
            first[stem] = rel


def _prune(store: Path, keep: set[str]) -> None:
    """Remove the kept files of photos no longer in the repository (or changed): the store never grows stale."""
    if not store.is_dir():
        return
    for folder in store.iterdir():
        if str(folder) not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def _probe_file(path: str, sig: tuple[int, ...] | None) -> Probed:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:  # gone or unreadable since the walk: an error, never a traceback
        why = msg("could not be read ({reason})", reason=exc.strerror)
        return (None, "", (why, msg("check that the file is there and readable")))
    digest = hashlib.sha256(data).hexdigest()
    try:
        info = probe(data)
    except PhotoError as exc:
        return (sig, digest, (exc.message, exc.hint))
    return (sig, digest, (info.format, info.width, info.height, info.has_alpha))


def _photo(rel: str, path: str, url: str, probed: Probed, store: Path | None) -> Photo:
    _sig, digest, result = probed
    if len(result) == 2:
        message, hint = result
        assert isinstance(message, Msg) and isinstance(hint, Msg)
        return Photo(rel, path, url, digest, error=(message, hint))
    fmt, width, height, alpha = result  # type: ignore[misc]
    info = PhotoInfo(str(fmt), int(width), int(height), bool(alpha))
    variants = tuple(
        PhotoVariant(variant_url(url, v.suffix), v.width, v.height, v.mime_type, v.suffix)
        for v in ladder(info, settings())
    )
    social = variant_url(url, SOCIAL_SUFFIX)
    kept = str(store / f"{digest}-{settings().digest()}") if store is not None else None
    return Photo(rel, path, url, digest, info.width, info.height, variants, social, store=kept)


def report_unreadable(photos: dict[str, Photo], root: Path, problems: Problems) -> None:
    """A raster the engine refuses is an error at the file itself (its users are told at their own lines)."""
    for photo in photos.values():
        if photo.error is not None:
            problems.error(root / photo.rel, None, "image", photo.error[0], photo.error[1])
