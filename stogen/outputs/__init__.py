"""One module per kind of thing written. Each reads the site model and yields OutputFiles; none reads sources."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stogen.build.freshness import Fingerprints
    from stogen.model.site import Site
    from stogen.outputs.pages import PageJob
    from stogen.render.theme import Theme


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the output folder, forward slashes
    data: bytes | None = None  # the file's content, or
    copy_from: Path | None = None  # a source file copied as it is
    fingerprint: str | None = None  # what the content depends on; default: a hash of the content
    reuse: bool = False  # unchanged since the last build: already in the output, nothing to write
    placed: bool = False  # already written into the staging folder (by a worker process)

    @staticmethod
    def text(path: str, text: str) -> OutputFile:
        return OutputFile(path, text.encode("utf-8"))


@dataclass
class RenderContext:
    """What every output module gets: the site model, the theme and the planned HTML pages."""

    site: Site
    theme: Theme
    jobs: list[PageJob]
    fingerprints: Fingerprints
    previous: dict[str, str] = field(default_factory=dict)  # what the output holds: path -> fingerprint
    staging: Path | None = None  # where this build's files are written aside; workers may write there directly


def reusable(ctx: RenderContext, path: str, fingerprint: str, make: Callable[[], bytes]) -> OutputFile:
    """An output that is made again only when its fingerprint changed since the last build."""
    if ctx.previous.get(path) == fingerprint:
        return OutputFile(path, fingerprint=fingerprint, reuse=True)
    return OutputFile(path, make(), fingerprint=fingerprint)
