"""One Problem type, collected for a whole run and reported together.

Loaders and checks never raise for a content mistake: they add a Problem to the
run's Problems and carry on, so an editor sees every mistake of a build at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from stogen.core.messages import Msg, language, msg, plural
from stogen.core.safetext import SURROGATE, visible


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # repository-relative, with forward slashes
    line: int | None
    field: str | None
    message: Msg  # marked with msg(): shown in the reader's language (core/messages.py)
    hint: Msg | None = None
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if not isinstance(self.message, Msg) or not isinstance(self.hint, Msg | None):
            raise TypeError(f"a Problem's message and hint are made with msg(), got {self.message!r}")

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the run's language)."""
        return self.message.text(lang)

    def hint_text(self, lang: str | None = None) -> str | None:
        return self.hint.text(lang) if self.hint is not None else None

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self, lang: str | None = None) -> str:
        """Two lines for a terminal or a CI log. Paths, fields and messages can carry content (a file name, a
        title), so each is made `visible()`: no escape sequence moves the cursor, no line break starts a line of
        its own (which a CI log could read as a `::error::` workflow command)."""
        lang = lang or language()
        field = f" {visible(self.field)}:" if self.field else ""
        where = visible(self.location())
        text = f"{where}:{field} {visible(self.text(lang))}"
        if self.severity is Severity.WARNING:
            text = f"{where}: {msg('warning').text(lang)}:{field} {visible(self.text(lang))}"
        if self.hint:
            text += f"\n    {msg('hint').text(lang)}: {visible(self.hint.text(lang))}"
        return text

    def github(self, lang: str | None = None) -> str:
        """A GitHub Actions workflow command, shown on the changed line of a pull request; escaped as the
        Actions toolkit does (`escapeProperty`, `escapeData`), so content cannot end a property or the command."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        where = f"file={_gh_property(self.path)}" + (f",line={self.line}" if self.line else "")
        title = _gh_property(self.field or "stogen")
        lang = lang or language()
        body = visible(self.text(lang))
        if self.hint:
            body += f" ({msg('hint').text(lang)}: {visible(self.hint.text(lang))})"
        return f"::{kind} {where},title={title}::{_gh_data(body)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(visible(text)).replace(":", "%3A").replace(",", "%2C")


class Problems:
    """The problems of one run, in the order they were found."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._prefix = str(root).rstrip("/") + "/" if root is not None else ""
        self._items: list[Problem] = []

    def rel(self, path: Path | str) -> str:
        text = self._rel(path)
        # A file name that is not UTF-8 arrives with surrogates, which no output (terminal, JSON) can encode.
        return visible(text) if SURROGATE.search(text) else text

    def _rel(self, path: Path | str) -> str:
        if isinstance(path, str) and not path.startswith("/"):
            return path  # already repository-relative
        text = str(path)
        if self._prefix and text.startswith(self._prefix):
            return text[len(self._prefix) :]
        path = Path(path)
        if self.root is not None:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def error(
        self,
        path: Path | str,
        line: int | None,
        field: str | None,
        message: Msg,
        hint: Msg | None = None,
    ) -> None:
        self._items.append(Problem(self.rel(path), line, field, message, hint))

    def warning(
        self,
        path: Path | str,
        line: int | None,
        field: str | None,
        message: Msg,
        hint: Msg | None = None,
    ) -> None:
        self._items.append(Problem(self.rel(path), line, field, message, hint, Severity.WARNING))

    def extend(self, problems: Problems) -> None:
        self._items.extend(problems)

    def add(self, problem: Problem) -> None:
        self._items.append(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Problem]:
        # Stable, readable order: by file, then line; problems without a line first.
        return sorted(self._items, key=lambda p: (p.path, p.line or 0))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self._items)

    def report(self, fmt: str = "text", lang: str | None = None) -> str:
        """Every problem as text, GitHub annotations or JSON, in `lang` (default: the run's language). JSON
        carries the message in that language, its `lang`, and the English template as a stable `id`."""
        lang = lang or language()
        items = self.sorted()
        if fmt == "github":
            return "\n".join(p.github(lang) for p in items)
        if fmt == "json":
            return json.dumps(
                [
                    {
                        "path": p.path,
                        "line": p.line,
                        "field": p.field,
                        "message": p.text(lang),
                        "hint": p.hint_text(lang),
                        "severity": p.severity.value,
                        "lang": lang,
                        "id": p.message.template,
                    }
                    for p in items
                ],
                ensure_ascii=False,
                indent=2,
            )
        return "\n".join(p.format(lang) for p in items)

    def summary(self, lang: str | None = None) -> str:
        """ "3 errors, 1 warning" ("3 fouten, 1 waarschuwing")."""
        e, w = len(self.errors), len(self.warnings)
        errors = plural(e, "{n} error", "{n} errors")
        warnings = plural(w, "{n} warning", "{n} warnings")
        return msg("{errors}, {warnings}", errors=errors, warnings=warnings).text(lang)


class BuildFailed(Exception):
    """Raised once, at the end of a stage, when the collected problems include errors."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems.summary())
        self.problems = problems
