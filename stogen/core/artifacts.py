"""What a build writes, declared before anything is made: one Artifact per output file (or bundle folder).

Output modules plan artifacts from the site model; the pipeline claims every path once (stogen/build/routes.py),
decides which artifacts are stale (stogen/build/freshness.py) and has only those made; the writer
(stogen/build/writer.py) is the only code that touches the output folder. An artifact's `make` never looks at
the previous build and never writes a file: it returns bytes. A bundle, made by a tool that writes a folder
(Pagefind), writes only into the empty folder the writer gives it, in the build's staging folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

# Where another artifact of this build can be read: made now (in the staging folder), or kept from the last build
# (in the output folder). A bundle maker that runs a tool over files (Pagefind) links them from there.
Locator = Callable[[str], Path]
# A bundle maker: reads what it needs through the Locator and writes the bundle's files into the folder given.
BundleMaker = Callable[[Locator, Path], None]


class MadeAhead(Protocol):
    """Bundles a build started making before it planned (stogen/build/ahead.py), each from files it expected."""

    def take(self, bundle: str, files: tuple[str, ...], locate: Locator, folder: Path) -> bool:
        """Move what was made ahead for `bundle` into `folder` if it was made from exactly these files, as
        `locate` finds them now; False, and nothing moved, if not (the maker then makes it itself)."""
        ...


@dataclass(frozen=True, slots=True)
class Owner:
    """Who asks for an output: a source file (repository-relative) or a generator of stogen's, for messages."""

    name: str  # "regions/twente/nieuws/2026-11-02-x.md", or "the sitemap"
    source: str | None = None  # the repository-relative source file, when a file asks for it

    @staticmethod
    def file(rel: str) -> Owner:
        return Owner(rel, rel)

    @staticmethod
    def generator(name: str) -> Owner:
        return Owner(name)


@dataclass(frozen=True, slots=True, eq=False)
class Artifact:
    """One output: where it goes, who asks for it, what it depends on and how to make it.

    Exactly one way to make it:
    - `make()`: the bytes of one file;
    - `copy_from`: a source file published as it is (absolute path);
    - a bundle (`path` ends in "/"): `make_bundle(locate, folder)` writes the files of a folder whose names are
      known only once made (the search index) into `folder`, an empty folder in the staging folder that is the
      bundle's place. It reads other artifacts through `locate`; `needs` are those whose fingerprints its own
      includes. One it reads only in part (the search index, a region's home) can be left out of `needs` when
      `inputs` holds what that part depends on.

    `inputs` is every value the bytes depend on; the pipeline fingerprints it (with the fingerprints of `needs`)
    and makes the artifact again only when that changed. A copied file is fingerprinted by its bytes.
    """

    path: str  # relative to the output folder, forward slashes
    owner: Owner
    inputs: Any = None
    make: Callable[[], bytes] | None = None
    copy_from: str | None = None
    make_bundle: BundleMaker | None = None
    needs: tuple[str, ...] = ()
    # Artifacts of one group are made together, in one worker, in the order declared, apart from the light ones:
    # the files of one photo's ladder, which one decode of the photo serves (seconds, where a page takes a
    # millisecond). Each is still its own path with its own fingerprint, claimed and written like any other.
    group: str | None = None

    def __post_init__(self) -> None:
        ways = (self.make is not None) + (self.copy_from is not None) + (self.make_bundle is not None)
        if ways != 1:
            raise ValueError(f"{self.path}: an artifact is made one way (make, copy_from or make_bundle)")
        if (self.make_bundle is not None) != self.is_bundle:
            raise ValueError(f"{self.path}: a bundle's path ends in / and only a bundle's does")

    @property
    def is_bundle(self) -> bool:
        return self.path.endswith("/")

    @property
    def url(self) -> str:
        """The URL that serves it: pretty URLs for pages (a/index.html -> /a/)."""
        if self.path == "index.html":
            return "/"
        if self.path.endswith("/index.html"):
            return "/" + self.path[: -len("index.html")]
        return "/" + self.path


@dataclass(frozen=True, slots=True)
class Route:
    """A URL the site serves and who publishes it (the route table's view by URL)."""

    url: str
    owner: Owner
