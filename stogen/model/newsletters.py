"""newsletters/<yyyy-mm>.md (and extra editions, newsletters/<yyyy-mm>-<name>.md) -> a checked NewsletterSource.

Reads and validates; never renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from stogen.core import yamlsource
from stogen.core.messages import Msg, msg
from stogen.core.problems import Problems
from stogen.core.spec import FieldError, FieldType, ListOf, Shape, Spec, read
from stogen.core.yamlsource import YamlError, parse_yaml, split_front_matter
from stogen.model import fields as f

FOLDER = "newsletters"
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# An edition: the month's issue (2026-11), or an extra one in that month (2026-11-sto-dag).
EDITION_RE = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2]))(?:-([a-z0-9]+(?:-[a-z0-9]+)*))?$")
REGIONAL = ("auto", "digest", "full")
# With more regional items than this, `regional: auto` shows them as a digest by province (one line per region):
# 78 regions posting every month would not fit in one email in full (Gmail clips at about 102 KB).
DIGEST_ABOVE = 8


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
    edition: str  # yyyy-mm, or yyyy-mm-<name> for an extra edition
    rel: str  # repository-relative path of the file
    subject: str
    preheader: str
    picks: list[Pick] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    exclude: list[Pick] = field(default_factory=list)  # news files left out
    regional: str = "auto"  # auto | digest | full

    @property
    def month(self) -> str:
        return self.edition[:7]

    @property
    def extra(self) -> str | None:
        """The name of an extra edition ("sto-dag"), None for the month's issue."""
        return self.edition[8:] or None


def check_edition(edition: str, problems: Problems) -> bool:
    if EDITION_RE.match(edition):
        return True
    problems.error(
        "stogen newsletter",
        None,
        "month",
        msg("{edition!r} is not a month or an edition of one", edition=edition),
        msg("write the year and month as yyyy-mm, like 2026-11, or name an extra edition like 2026-11-sto-dag"),
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
    """Every newsletters/<yyyy-mm>[-<name>].md, oldest first; other files in the folder are reported."""
    folder = root / FOLDER
    found: list[NewsletterSource] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix == ".md" and EDITION_RE.match(path.stem):
            loaded = load_newsletter(root, path.stem, problems)
            if loaded is not None:
                found.append(loaded)
        elif path.is_file() and path.suffix == ".md":
            problems.error(
                path,
                None,
                None,
                msg("a newsletter file must be named after its month"),
                msg("rename it, like 2026-11.md, or 2026-11-sto-dag.md for an extra edition that month"),
            )
    return found


def load_newsletter(root: Path, edition: str, problems: Problems) -> NewsletterSource | None:
    path = source_path(root, edition)
    if not path.is_file():
        problems.error(
            path,
            None,
            None,
            msg("there is no newsletter file for {edition}", edition=edition),
            msg(
                "create {folder}/{edition}.md with a subject (stogen new nieuwsbrief {edition} makes one)",
                folder=FOLDER,
                edition=edition,
            ),
        )
        return None
    try:
        split = split_front_matter(path.read_text("utf-8"))
    except UnicodeDecodeError:
        problems.error(path, None, None, msg("is not UTF-8 text"), msg("save the file as UTF-8"))
        return None
    if split.front_matter is None:
        problems.error(path, 1, None, msg("has no front matter"), msg("start the file with --- , subject: ..., ---"))
        return None
    try:
        doc = parse_yaml(split.front_matter, split.fm_first_line)
    except YamlError as exc:
        yamlsource.report(problems, path, exc)
        return None

    def report(line: int | None, field: str | None, message: Msg, hint: Msg | None) -> None:
        problems.error(path, line, field, message, hint)

    values, ok = read(doc, SOURCE, None, report)
    if not ok:
        return None
    picks = [Pick(p, doc.line("picks", i)) for i, p in enumerate(values.get("picks", []))]
    blocks = [
        Block(b["title"], b.get("text", ""), b.get("link"), b.get("link_text"), doc.line("blocks", i))
        for i, b in enumerate(values.get("blocks", []))
    ]
    exclude = [Pick(p, doc.line("exclude", i)) for i, p in enumerate(values.get("exclude", []))]
    rel = problems.rel(path)
    return NewsletterSource(
        edition,
        rel,
        values["subject"],
        values.get("preheader", ""),
        picks,
        blocks,
        split.body,
        split.body_first_line,
        exclude,
        values.get("regional", "auto"),
    )


def _link(value: Any, tz: Any) -> str:
    link = f.TEXT.parse(value, tz)
    if not link.startswith(("/", "https://", "http://")):
        raise FieldError(
            msg("{link!r} is not a web address or site path", link=link),
            msg("write https://... or a path on this site like /agenda/"),
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
    msg("a block"),
)
SOURCE = Shape(
    {
        "subject": Spec(f.TEXT, True, "The email's subject line"),
        "preheader": Spec(f.TEXT, False, "The line mail apps show after the subject"),
        "picks": Spec(
            f.TEXT_LIST, False, "News files to feature first, in this order (paths from the repository root)"
        ),
        "exclude": Spec(f.TEXT_LIST, False, "News files of the month to leave out (paths from the repository root)"),
        "regional": Spec(
            f.choice(msg("choice"), REGIONAL),
            False,
            f"Regional news in full or as a digest by province (auto: a digest above {DIGEST_ABOVE} items)",
        ),
        "blocks": Spec(ListOf(BLOCK), False, "Extra blocks: title, Markdown text and an optional link"),
    },
    msg("a newsletter"),
    title="stogen newsletter front matter",
)


SCAFFOLD = """\
---
subject: "STO-nieuwsbrief {label}"
preheader: Het belangrijkste nieuws uit de regio's in één oogopslag.
# Paths of news files to feature first, in this order, e.g.
# - content/nieuws/{month}-05-titel.md
picks: []
# News files of the month to leave out; regional news: auto (a digest by province when there is a lot), digest or full
exclude: []
regional: auto
# Optional extra blocks: - {{title: ..., text: ..., link: https://..., link_text: ...}}
blocks: []
---

Schrijf hier de inleiding van de nieuwsbrief van {label}.
"""


def scaffold_newsletter(root: Path, edition: str) -> Path:
    """Write newsletters/<edition>.md with a subject and empty picks; refuse an existing file or a bad name.

    For `stogen new newsletter <yyyy-mm>[-<name>]`: raises ValueError with a message for the user.
    """
    if not EDITION_RE.match(edition):
        raise ValueError(f"{edition!r} is not a month; write yyyy-mm, like 2026-12, or 2026-12-extra for an extra")
    month = edition[:7]
    path = source_path(root, edition)
    if path.exists():
        raise ValueError(f"{FOLDER}/{edition}.md already exists")
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    year, mon = month.split("-")
    label = f"{months[int(mon) - 1]} {year}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(SCAFFOLD.format(label=label, month=month), "utf-8")
    tmp.replace(path)
    return path
