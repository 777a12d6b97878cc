"""One module per kind of thing written. Each reads the site model and yields OutputFiles; none reads sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the output folder, forward slashes
    data: bytes | None = None  # the file's content, or
    copy_from: Path | None = None  # a source file copied as it is

    @staticmethod
    def text(path: str, text: str) -> OutputFile:
        return OutputFile(path, text.encode("utf-8"))
