"""The persistent build cache (.stogen-cache/): what earlier builds learned, so an unchanged source is never
parsed or rendered again and an unchanged output file is never rewritten.

Every entry is keyed by content hashes; the whole cache is keyed by the stogen version, its code and the
Python version, so a new release (or a local change to stogen) never reads an old cache. A missing, corrupt
or foreign cache is ignored: the cache can make a build faster, never different.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from stogen import __version__

CACHE_DIR = ".stogen-cache"
NO_CACHE_ENV = "STOGEN_NO_CACHE"
_FORMAT = 1


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@functools.cache
def code_digest() -> str:
    """A hash of stogen's own code: a changed renderer must never reuse what the old one made."""
    package = Path(__file__).parent.parent  # the whole stogen package
    return digest(*(p.read_bytes() for p in sorted(package.rglob("*.py"))))


class Cache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.folder = root / CACHE_DIR
        self.enabled = enabled and not os.environ.get(NO_CACHE_ENV)
        self.stamp = digest(__version__, str(_FORMAT), sys.version, code_digest())
        self._later: dict[str, dict[str, Any]] | None = None  # entries saved later (later()), by name

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_later": None}  # a pickled cache (the quick build's model) is the folder's

    def later(self) -> None:
        """From now on, shards saved with `later=True` are kept in memory until flush(): a full build writes the
        records and Markdown shards (0.2-0.3 s of pickling at 78 x 200, between its parallel phases, when one core
        is idle and the others wait) while its workers make the outputs and this process waits for them. Until
        then load() finds them here."""
        if self.enabled and self._later is None:
            self._later = {}

    @contextlib.contextmanager
    def saving_later(self) -> Iterator[None]:
        """later() for the length of the block; what it kept back is written at its end whatever happened."""
        self.later()
        try:
            yield
        finally:
            self.flush()

    def flush(self) -> None:
        """Write what later() kept back, and save at once from now on."""
        waiting, self._later = self._later, None
        for name, data in (waiting or {}).items():
            self.save(name, data)

    def photo_store(self) -> Path | None:
        """Where made photo files are kept, by content hash and engine settings (see stogen/render/photofiles.py);
        None when the cache is off."""
        return self.folder / "photo-files" if self.enabled else None

    def load(self, name: str) -> dict[str, Any]:
        if not self.enabled:
            return {}
        if self._later is not None and name in self._later:
            return self._later[name]
        path = self.folder / f"{name}.pickle"
        enabled = gc.isenabled()
        gc.disable()  # unpickling makes many objects and no garbage: nothing for the collector to find
        try:
            with path.open("rb") as f:
                stamp, data = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return {}
        finally:
            if enabled:
                gc.enable()
        return data if stamp == self.stamp and isinstance(data, dict) else {}

    def save_parts(self, name: str, parts: list[Any]) -> None:
        """An entry written as a sequence of pickles that share one memo (an object of an earlier part is referred
        to by a later one, not copied), so that load_parts() can stop between parts."""
        if not self.enabled:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.")
            with os.fdopen(fd, "wb") as f:
                pickler = pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dump((self.stamp, len(parts)))
                for part in parts:
                    pickler.dump(part)
            os.replace(tmp, self.folder / f"{name}.pickle")
        except OSError:
            pass

    def load_parts(self, name: str, keep_going: Callable[[], bool] = lambda: True) -> list[Any] | None:
        """The parts of an entry written by save_parts(); None when there is none, or once `keep_going()`, asked
        before each part, says no."""
        if not self.enabled:
            return None
        enabled = gc.isenabled()
        gc.disable()
        try:
            with (self.folder / f"{name}.pickle").open("rb") as f:
                unpickler = pickle.Unpickler(f)
                stamp, count = unpickler.load()
                if stamp != self.stamp:
                    return None
                parts = []
                while len(parts) < count and keep_going():
                    parts.append(unpickler.load())
                return parts if len(parts) == count else None
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return None
        finally:
            if enabled:
                gc.enable()

    def load_shards(self, name: str) -> dict[str, dict[str, Any]]:
        """A cache kept in shards (one file per region), so a change rewrites one small file."""
        if not self.enabled or not self.folder.is_dir():
            return {}
        prefix = name + "."
        return {
            p.name[len(prefix) : -len(".pickle")]: self.load(p.name[: -len(".pickle")])
            for p in sorted(self.folder.glob(f"{name}.*.pickle"))
        }

    def save_shards(self, name: str, shards: dict[str, dict[str, Any]], dirty: set[str], later: bool = False) -> None:
        """Write the shards named in `dirty` (`later`: at flush(), if later() was asked for); remove shard files
        that no longer have a shard."""
        if not self.enabled:
            return
        for shard in sorted(dirty & set(shards)):
            if later and self._later is not None:
                self._later[f"{name}.{shard}"] = shards[shard]
            else:
                self.save(f"{name}.{shard}", shards[shard])
        if self.folder.is_dir():
            (self.folder / f"{name}.pickle").unlink(missing_ok=True)  # the unsharded file of older versions
            for p in self.folder.glob(f"{name}.*.pickle"):
                if p.name[len(name) + 1 : -len(".pickle")] not in shards:
                    p.unlink(missing_ok=True)

    def save(self, name: str, data: dict[str, Any]) -> None:
        if not self.enabled:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n")
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.")
            with os.fdopen(fd, "wb") as f:
                pickle.dump((self.stamp, data), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{name}.pickle")
        except OSError:
            pass  # a cache we cannot write only costs speed next time
