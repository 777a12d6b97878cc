"""Messages about content, in the reader's language: marked in code, translated when reported.

Every message a Problem carries is made with `msg(template, **params)`, gettext-style: the English template is the
message id, the Dutch catalogue (`messages_nl.py`) maps it to its translation. The language is chosen when a
message is shown, never when the problem is found, so one run can print, annotate and serve the same problems in
the reader's language. Parameters are content (titles, file names, values) and are inserted unchanged; a
parameter that is itself a `Msg` (a shape's label, "text" for a value's kind) is translated with its message.

The language: `--lang` on the command line, else `$STOGEN_LANG`, else `messages:` in stogen.yml, else Dutch.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
ENV = "STOGEN_LANG"

_chosen: str | None = None


@dataclass(frozen=True, slots=True)
class Msg:
    """A marked message template with its parameters; `text()` renders it in a language."""

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        values = {k: v.text(lang) if isinstance(v, Msg) else v for k, v in self.params}
        return translate(self.template, lang).format(**values)

    def __str__(self) -> str:
        return self.text()

    def dump(self) -> list[Any]:
        """A JSON value for caches and the link table's text; `Msg.load()` reads it back."""
        return [self.template, [[k, v.dump() if isinstance(v, Msg) else v, isinstance(v, Msg)] for k, v in self.params]]

    @staticmethod
    def load(value: list[Any]) -> Msg:
        template, params = value
        return Msg(template, tuple((k, Msg.load(v) if nested else v) for k, v, nested in params))

    def __add__(self, other: object) -> str:  # a message glued to text is a mistake: mark the whole sentence
        raise TypeError("a Msg cannot be concatenated; make one msg() with a placeholder")


def msg(template: str, /, **params: Any) -> Msg:
    """Mark a message: `template` is English with `{name}` placeholders, filled from `params` when shown.
    A parameter that is not a Msg, text or a number (an exception, a path) is kept as its text."""
    kept = {k: v if isinstance(v, Msg | str | int | float) else str(v) for k, v in params.items()}
    return Msg(template, tuple(sorted(kept.items())))


def translate(template: str, lang: str) -> str:
    if lang == "en":
        return template
    from stogen.core.messages_nl import NL

    return NL.get(template, template)


def language() -> str:
    """The language messages are shown in now: chosen (flag or stogen.yml), else $STOGEN_LANG, else Dutch."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV, "").strip().lower()
    return env if env in LANGUAGES else DEFAULT


def choose(flag: str | None, setting: str | None = None) -> str:
    """Fix the run's language: the flag, else $STOGEN_LANG, else `messages:` in the site's stogen.yml, else Dutch."""
    global _chosen
    env = os.environ.get(ENV, "").strip().lower()
    for candidate in (flag, env, setting):
        if candidate in LANGUAGES:
            _chosen = candidate
            return _chosen
    _chosen = DEFAULT
    return _chosen


def reset() -> None:
    """Forget the chosen language (tests that run several commands in one process)."""
    global _chosen
    _chosen = None


def plural(n: int, one: str, many: str) -> Msg:
    """`n` with the noun that fits it: plural(3, "{n} error", "{n} errors")."""
    return msg(one, n=n) if n == 1 else msg(many, n=n)
