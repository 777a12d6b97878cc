"""What the commands print while they work: progress (one updating line on a terminal, a few plain lines
otherwise) and the one-line summary. Library code never prints; it calls the progress callback it is given."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from stogen.core.messages import msg


class Progress:
    """A progress callback `(stage, done, total)`; call `.done()` before printing anything else."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._stage = ""
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.tty:
            now = time.monotonic()
            if done == total or now - self._last > 0.1:  # redraw at most ten times a second
                self._last = now
                self.stream.write(f"\r\033[K{stage} {done}/{total}")
                self.stream.flush()
            if done == total:
                self.stream.write("\n")
            return
        if stage != self._stage:  # not a terminal: one line when a stage starts
            self._stage = stage
            print(f"{stage} ({total})", file=self.stream)

    def done(self) -> None:
        self._stage = ""


def summary(pages: int, feeds: int, files: int, seconds: float, output: Path | None, problems: str) -> str:
    built = msg(
        "built {pages} pages, {feeds} feeds, {files} files in {seconds} s ({problems}) -> {output}",
        pages=pages,
        feeds=feeds,
        files=files,
        seconds=f"{seconds:.2f}",
        problems=problems,
        output=str(output),
    )
    return built.text()
