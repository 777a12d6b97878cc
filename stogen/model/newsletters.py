"""newsletters/<yyyy-mm>.md -> a checked NewsletterSource. Reads and validates; never renders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from stogen.core.problems import Problems
from stogen.core.spec import FieldError, FieldType, ListOf, Shape, Spec, read
from stogen.core.yamlsource import YamlError, parse_yaml, split_front_matter
from stogen.model import fields as f

FOLDER = "newsletters"
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Pick:
    path: str  # repository-relative, as written
    line: int


@dataclass(frozen=True)
class Block:
    """An extra block: a title, Markdown text and an optional call-to-action link."""

    title: str
    text: str
    link: str | None
    link_text: str | None
    line: int


@dataclass
class NewsletterSource:
    month: str  # yyyy-mm
    rel: str  # repository-relative path of the file
    subject: str
    preheader: str
    picks: list[Pick] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    body: str = ""
    body_line: int = 1


def check_month(month: str, problems: Problems) -> bool:
    if MONTH_RE.match(month):
        return True
    problems.error(
        "stogen newsletter",
        None,
        "month",
        f"{month!r} is not a month",
        "write the year and month as yyyy-mm, like 2026-11",
    )
    return False


def month_start(month: str, tz: ZoneInfo) -> datetime:
    year, mon = (int(x) for x in month.split("-"))
    return datetime(year, mon, 1, tzinfo=tz)


def next_month_start(month: str, tz: ZoneInfo) -> datetime:
    year, mon = (int(x) for x in month.split("-"))
    return datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=tz)


def source_path(root: Path, month: str) -> Path:
    return root / FOLDER / f"{month}.md"


def load_all(root: Path, problems: Problems) -> list[NewsletterSource]:
    """Every newsletters/<yyyy-mm>.md, oldest first; other files in the folder are reported."""
    folder = root / FOLDER
    found: list[NewsletterSource] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix == ".md" and MONTH_RE.match(path.stem):
            loaded = load_newsletter(root, path.stem, problems)
            if loaded is not None:
                found.append(loaded)
        elif path.is_file() and path.suffix == ".md":
            problems.error(
                path, None, None, "a newsletter file must be named after its month", "rename it, like 2026-11.md"
            )
    return found


def load_newsletter(root: Path, month: str, problems: Problems) -> NewsletterSource | None:
    path = source_path(root, month)
    if not path.is_file():
        problems.error(
            path,
            None,
            None,
            f"there is no newsletter file for {month}",
            f"create {FOLDER}/{month}.md with a subject (scaffold_newsletter makes one)",
        )
        return None
    try:
        split = split_front_matter(path.read_text("utf-8"))
    except UnicodeDecodeError:
        problems.error(path, None, None, "is not UTF-8 text", "save the file as UTF-8")
        return None
    if split.front_matter is None:
        problems.error(path, 1, None, "has no front matter", "start the file with --- , subject: ..., ---")
        return None
    try:
        doc = parse_yaml(split.front_matter, split.fm_first_line)
    except YamlError as exc:
        problems.error(path, exc.line, None, f"invalid YAML: {exc.message}", "check indentation and quotes")
        return None

    def report(line: int | None, field: str | None, message: str, hint: str | None) -> None:
        problems.error(path, line, field, message, hint)

    values, ok = read(doc, SOURCE, None, report)
    if not ok:
        return None
    picks = [Pick(p, doc.line("picks", i)) for i, p in enumerate(values.get("picks", []))]
    blocks = [
        Block(b["title"], b.get("text", ""), b.get("link"), b.get("link_text"), doc.line("blocks", i))
        for i, b in enumerate(values.get("blocks", []))
    ]
    rel = problems.rel(path)
    return NewsletterSource(month, rel, values["subject"], values.get("preheader", ""), picks, blocks, split.body,
                            split.body_first_line)  # fmt: skip


def _link(value: Any, tz: Any) -> str:
    link = f.TEXT.parse(value, tz)
    if not link.startswith(("/", "https://", "http://")):
        raise FieldError(
            f"{link!r} is not a web address or site path", "write https://... or a path on this site like /agenda/"
        )
    return link


BLOCK = Shape(
    {
        "title": Spec(f.TEXT, True, "The block's heading"),
        "text": Spec(f.TEXT, False, "Markdown text"),
        "link": Spec(
            FieldType("link", _link, {"type": "string", "pattern": "^(/|https?://)"}), False, "A call to action"
        ),
        "link_text": Spec(f.TEXT, False, "What the link says"),
    },
    "a block",
)
SOURCE = Shape(
    {
        "subject": Spec(f.TEXT, True, "The email's subject line"),
        "preheader": Spec(f.TEXT, False, "The line mail apps show after the subject"),
        "picks": Spec(
            f.TEXT_LIST, False, "News files to feature first, in this order (paths from the repository root)"
        ),
        "blocks": Spec(ListOf(BLOCK), False, "Extra blocks: title, Markdown text and an optional link"),
    },
    "a newsletter",
    title="stogen newsletter front matter",
)


SCAFFOLD = """\
---
subject: "STO-nieuwsbrief {label}"
preheader: Het belangrijkste nieuws uit de regio's in één oogopslag.
# Paths of news files to feature first, in this order, e.g.
# - content/nieuws/{month}-05-titel.md
picks: []
# Optional extra blocks: - {{title: ..., text: ..., link: https://..., link_text: ...}}
blocks: []
---

Schrijf hier de inleiding van de nieuwsbrief van {label}.
"""


def scaffold_newsletter(root: Path, month: str) -> Path:
    """Write newsletters/<month>.md with a subject and empty picks; refuse an existing file or a bad month.

    For `stogen new newsletter <yyyy-mm>`: raises ValueError with a message for the user.
    """
    if not MONTH_RE.match(month):
        raise ValueError(f"{month!r} is not a month; write yyyy-mm, like 2026-12")
    path = source_path(root, month)
    if path.exists():
        raise ValueError(f"{FOLDER}/{month}.md already exists")
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    year, mon = month.split("-")
    label = f"{months[int(mon) - 1]} {year}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(SCAFFOLD.format(label=label, month=month), "utf-8")
    tmp.replace(path)
    return path
