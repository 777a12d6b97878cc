"""Characters that have no place in content, and text made safe for the places it is shown.

Content is untrusted: a control character in a title can break an XML feed, end an .ics content line, move the
cursor of the terminal that shows a build's problems, or start a GitHub workflow command in a CI log.
"""

from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL, C1 controls, and the two non-characters XML refuses.
# A carriage return is refused too: a bare CR ends a line in .ics, CSV and HTTP-like formats.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# The same, plus tab and line feed: for text that must stay on one line (a terminal line, a CSV-free label).
CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# Surrogates: what Python makes of bytes in a file name that are not UTF-8.
SURROGATE = re.compile(r"[\ud800-\udfff]")


def char_name(c: str) -> str:
    """A character as an editor can look it up: U+0001."""
    return f"U+{ord(c):04X}"


def first_control(text: str) -> tuple[int, str] | None:
    """The line (1-based, within `text`) and name of the first control character, or None."""
    m = CONTROL.search(text)
    if m is None:
        return None
    return text.count("\n", 0, m.start()) + 1, char_name(m.group())


def visible(text: str) -> str:
    """Text for one terminal line: control characters, line breaks and lone surrogates shown as \\x.. escapes,
    so content can neither move the cursor nor start a line of its own."""

    def show(m: re.Match[str]) -> str:
        c = m.group()
        return "\\n" if c == "\n" else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return SURROGATE.sub(show, CONTROL_OR_BREAK.sub(show, text))


# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value for a CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe.

    Numbers are left as numbers (a negative number is not a formula)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
