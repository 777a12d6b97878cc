"""One Markdown file with front matter -> one typed record (or problems)."""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from slugify import slugify as _slugify

from stogen.core import spec
from stogen.core.messages import Msg, msg
from stogen.core.problems import Problems
from stogen.core.safetext import first_control
from stogen.core.yamlsource import YamlError, parse_yaml, split_front_matter
from stogen.model import recordings
from stogen.model import records as r
from stogen.model.fields import MAX_SLUG_CHARS, SLUG_RE
from stogen.model.kinds import KINDS
from stogen.model.recordings import parse_recording

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # what slugify leaves as it is

# The longest article on the live site is about 40 KB of Markdown. A bigger file is a mistake or an attack:
# a 50 MB file took 53 s and 3.2 GB to build, and was copied whole into feeds.
MAX_FILE_BYTES = 512 * 1024


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """A URL slug from a title or file name: Dutch and other diacritics folded to ASCII. Remembered: the same
    tags are slugified for every item that carries them (31,000 calls at 78 x 200)."""
    return _slugify(text, lowercase=True, replacements=[["&", "en"], ["'", ""], ["’", ""]])


def slug_from_filename(stem: str) -> str:
    stem = _DATE_PREFIX.sub("", stem)
    return stem if _PLAIN_SLUG.fullmatch(stem) else slugify(stem)  # most names are slugs already


def read_capped(path: Path | str, limit: int) -> bytes:
    """A file's bytes, or its first `limit` + 1 when it is longer: enough to tell it is too long.

    Sized by the file's own size, not by the limit: a read of n bytes allocates n bytes first, and 16,000 reads
    of 512 KB (mapped and unmapped each time) took 25 µs a file, against 5 µs for one of the file's size."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        chunks = [os.read(fd, min(size, limit) + 1)]
        total = len(chunks[0])
        # A regular file's read is short only at its end; a file that grew since, or reports no size, reads on.
        while total > size and total <= limit and (chunk := os.read(fd, min(limit + 1 - total, 1 << 16))):
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_text(path: Path, rel: str, problems: Problems) -> tuple[str, str] | None:
    """A content file's text and the digest of its bytes; None (and a problem) for a file that is too big,
    not UTF-8, or has control characters (which feeds, calendars and terminals cannot carry)."""
    raw = read_capped(path, MAX_FILE_BYTES)
    if len(raw) > MAX_FILE_BYTES:
        problems.error(
            path,
            None,
            None,
            msg("is larger than {value} KB", value=MAX_FILE_BYTES // 1024),
            msg("split it into several pages, and publish long documents as a PDF next to it"),
        )
        return None
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            path,
            line,
            None,
            msg("is not UTF-8 text"),
            msg("save the file with UTF-8 encoding (most editors: File > Save with encoding > UTF-8)"),
        )
        return None
    control = first_control(text)
    if control is not None:
        problems.error(
            path,
            control[0],
            None,
            msg("contains the control character {control}", control=control[1]),
            msg("remove it; it is invisible in most editors, so delete and retype the line"),
        )
        return None
    return text, digest


def load_entry(
    path: Path, rel: str, region: str | None, kind: str, page_path: str, tz: ZoneInfo, problems: Problems
) -> r.Entry | None:
    """Read one content file. `page_path` is the path below its root, without `.md`."""
    read = read_text(path, rel, problems)
    if read is None:
        return None
    text, digest = read
    split = split_front_matter(text)
    if split.unterminated:
        problems.error(
            path,
            1,
            None,
            msg("front matter is not closed"),
            msg("end the front matter with a line containing only ---"),
        )
        return None
    if split.front_matter is None:
        problems.error(
            path,
            1,
            None,
            msg("has no front matter"),
            msg("start the file with ---, then title: ... (and date: ... for news), then ---"),
        )
        return None
    try:
        doc = parse_yaml(split.front_matter, first_line=split.fm_first_line)
    except YamlError as exc:
        problems.error(
            path,
            exc.line,
            exc.field,
            msg("front matter is not valid YAML: {message}", message=exc.message),
            exc.hint or msg("check the indentation, and put quotes around values containing a colon"),
        )
        return None
    if doc.data is None:
        problems.error(path, 1, None, msg("front matter is empty"), msg("add at least title: ..."))
        return None
    if not isinstance(doc.data, dict):
        problems.error(path, 2, None, msg("front matter must be key: value lines"), msg("write title: Mijn titel"))
        return None

    def report(line: int | None, field: str | None, message: Msg, hint: Msg | None) -> None:
        problems.error(path, line, field, message, hint)

    values, ok = spec.read(doc, KINDS[kind].shape, tz, report)
    ok &= _check_cross_fields(kind, values, doc, path, problems)
    if not ok:
        return None

    stem = posixpath.basename(page_path)
    slug = values.pop("slug", None) or slug_from_filename(stem)
    if not slug and (kind != "page" or stem != "index"):
        # A page named `~~~.md` has no slug: it would publish at its folder's URL and replace the intro there.
        problems.error(
            path,
            1,
            "slug",
            msg("cannot make a URL from this file name"),
            msg("rename the file to letters, digits and hyphens, or add slug: ..."),
        )
        return None
    if len(slug) > MAX_SLUG_CHARS:
        problems.error(
            path,
            doc.line("slug") if "slug" in doc.data else 1,
            "slug",
            msg(
                "the URL made from this file name is {n} characters long, more than {max_slug_chars}",
                n=len(slug),
                max_slug_chars=MAX_SLUG_CHARS,
            ),
            msg("give the file a shorter name, or add a short slug: ..."),
        )
        return None
    if kind == "page":
        parent = posixpath.dirname(page_path)
        bad = next((part for part in parent.split("/") if part and not SLUG_RE.match(part)), None)
        if bad is not None:  # a folder name is part of the page's URL: `Mijn map #1?` would break it
            problems.error(
                path,
                1,
                "slug",
                msg("the folder name {bad!r} cannot be part of a web address", bad=bad),
                msg("rename the folder to lowercase letters, digits and hyphens, like over-ons"),
            )
            return None
        if stem == "index":
            slug = "" if "slug" not in doc.data else slug
        values["path"] = posixpath.join(parent, slug) if slug else parent
    source = r.Source(file=str(path), rel=rel, region=region, digest=digest)
    cls = KINDS[kind].record
    lines = {str(k): doc.line(k) for k in doc.data}
    return cls(source=source, slug=slug, body=split.body, body_line=split.body_first_line, lines=lines, **values)


def _check_cross_fields(kind: str, values: dict[str, Any], doc: Any, path: Path, problems: Problems) -> bool:
    ok = True
    if values.get("image") and not values.get("image_alt"):
        problems.error(
            path,
            doc.line("image"),
            "image_alt",
            msg("is required when an image is given"),
            msg("describe the image in a sentence: image_alt: Leerlingen aan het werk in de werkplaats"),
        )
        ok = False
    if kind == "event":
        if "start" in values and "end" in values and values["end"].at < values["start"].at:
            problems.error(
                path,
                doc.line("end"),
                "end",
                msg("is before the start"),
                msg("check the date and time of start and end"),
            )
            ok = False
        if not values.get("location") and not values.get("online_url"):
            problems.error(
                path,
                doc.first_line,
                "location",
                msg("an agenda item needs a location or an online_url"),
                msg("add location: Adres, Plaats  (or online_url: https://...)"),
            )
            ok = False
    if values.get("previous_start") and values.get("status") != "verplaatst":
        problems.error(
            path,
            doc.line("previous_start"),
            "previous_start",
            msg("is only for a moved event (status: verplaatst)"),
            msg("add status: verplaatst, or remove the line"),
        )
        ok = False
    if kind == "webinar" and values.get("recording") and parse_recording(values["recording"]) is None:
        problems.error(
            path,
            doc.line("recording"),
            "recording",
            msg("{values!r} is not a YouTube or Vimeo video address", values=values["recording"]),
            recordings.HINT,
        )
        ok = False
    return ok
