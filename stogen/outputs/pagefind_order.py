"""Make Pagefind's filter index byte-identical between builds.

Pagefind 1.5 writes the values of a filter in hash-map order, which changes from run to run (upstream:
Pagefind/pagefind#638); everything else it writes is stable. This sorts each filter file's values, renames
the file after its new content and updates the two files that name it (the language's .pf_meta and
pagefind-entry.json). The hashes keep their length, so the names are replaced byte for byte.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def _head(data: bytes, i: int) -> tuple[int, int, int]:
    """(major type, length or value, offset after the head) of the CBOR item at i."""
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if info < 24:
        return major, info, i
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[i : i + size], "big"), i + size


def _skip(data: bytes, i: int) -> int:
    major, n, i = _head(data, i)
    if major in (0, 1, 7):
        return i
    if major in (2, 3):
        return i + n
    if major in (4, 5):
        for _ in range(n * (2 if major == 5 else 1)):
            i = _skip(data, i)
        return i
    raise ValueError(f"unexpected CBOR type {major}")


def sorted_filter(body: bytes) -> bytes:
    """A filter file's CBOR, [name, [[value, [pages]], ...]], with the values in byte order."""
    major, n, i = _head(body, 0)
    if major != 4 or n != 2:
        raise ValueError("not a Pagefind filter")
    i = _skip(body, i)  # the filter's name
    major, count, start = _head(body, i)
    if major != 4:
        raise ValueError("not a Pagefind filter")
    spans, j = [], start
    for _ in range(count):
        end = _skip(body, j)
        spans.append(body[j:end])
        j = end
    return body[:start] + b"".join(sorted(spans)) + body[j:]


def _name(prefix: str, data: bytes, length: int) -> str:
    return prefix + hashlib.sha256(data).hexdigest()[:length]


def stabilise(bundle: Path) -> None:
    renames: dict[bytes, bytes] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise ValueError(f"{path.name}: not a Pagefind file")
        fixed = SIGNATURE + sorted_filter(data[len(SIGNATURE) :])
        lang, _, old = path.stem.partition("_")
        new = _name(lang + "_", fixed, len(old))
        path.unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(gzip.compress(fixed, mtime=0))
        renames[path.stem.encode()] = new.encode()
    entry_path = bundle / "pagefind-entry.json"
    entry = entry_path.read_bytes()
    for meta_path in sorted(bundle.glob("pagefind.*.pf_meta")):
        data = gzip.decompress(meta_path.read_bytes())
        for old, new in renames.items():
            data = data.replace(old, new)
        old_hash = meta_path.name.split(".")[1]
        lang, _, digest = old_hash.partition("_")
        new_hash = _name(lang + "_", data, len(digest))
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(gzip.compress(data, mtime=0))
        entry = entry.replace(f'"{old_hash}"'.encode(), f'"{new_hash}"'.encode())
    entry_path.write_bytes(entry)
