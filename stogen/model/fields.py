"""Field types for front matter and region.yml: parse a YAML value or explain what is wrong.

Each type turns a raw YAML value into a typed Python value, or raises FieldError
with a message and a hint an editor can act on. Each also describes itself as
JSON Schema, so `stogen schema` and the checks can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from stogen.core.messages import Msg, msg
from stogen.core.spec import FieldError, FieldType, describe

# The ten vmbo profiles (beroepsgerichte profielen, since 2016), with their official names. The programme began
# with the five technical ones and now reaches pupils in every profile, so regions may list any of them; the
# rules that ask for technology (at least 2 vmbo schools, the penvoerder's school) count TECHNICAL_PROFILES only.
PROFILES: dict[str, str] = {
    "BWI": "Bouwen, wonen en interieur",
    "PIE": "Produceren, installeren en energie",
    "M&T": "Mobiliteit en transport",
    "MVI": "Media, vormgeving en ICT",
    "MaT": "Maritiem en techniek",
    "D&P": "Dienstverlening en producten",
    "E&O": "Economie en ondernemen",
    "Z&W": "Zorg en welzijn",
    "HBR": "Horeca, bakkerij en recreatie",
    "GR": "Groen",
}
TECHNICAL_PROFILES = ("BWI", "PIE", "M&T", "MVI", "MaT")
# Who an agenda item or webinar is for: the home page's three routes, each with a filtered agenda
# (/agenda/voor/<audience>/). The keys are what editors write and the last part of that URL.
AUDIENCES: dict[str, str] = {
    "ouders-en-leerlingen": "Ouders en leerlingen",
    "scholen-en-docenten": "Scholen en docenten",
    "bedrijven": "Bedrijven",
}
# The four learning tracks (leerwegen) of the vmbo, in the order the programme reports them.
LEERWEGEN = ("basis", "kader", "gemengd", "theoretisch")

# A slug is one file name in the output (plus ".ics" next to an event's page): below the 255 bytes every file
# system allows, and long enough for any real name (the longest slug on the live site has 62 characters).
MAX_SLUG_CHARS = 120
# Dates outside these years are typing mistakes; outside 1..9999 they overflow Python's datetime on the way
# to UTC (an event in 9999 ends in year 10000).
YEARS = (1900, 2200)
# An alias is a real old URL: a page has had a handful. Thousands made the redirect checks hang.
MAX_ALIASES = 50
# A tag is a keyword and names a topic page (/onderwerpen/<tag>/): one file name, so well below 255 bytes.
MAX_TAG_CHARS = 60
MAX_TAGS = 20
# Old site paths are short; this keeps `_redirects` lines and their checks small.
MAX_PATH_CHARS = 300
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$")


@dataclass(frozen=True)
class Moment:
    """A point in time from content; `has_time` is False for a plain date."""

    at: datetime  # aware, in the site's time zone
    has_time: bool

    def date(self) -> date:
        return self.at.date()


_describe = describe


def _text(value: Any, tz: ZoneInfo) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        raise FieldError(
            msg("expected text, got {describe}", describe=_describe(value)),
            msg("write the value as text, in quotes if needed"),
        )
    text = str(value).strip()
    if not text:
        raise FieldError(msg("must not be empty"), msg("write a value or remove the line"))
    return text


def _bool(value: Any, tz: ZoneInfo) -> bool:
    if not isinstance(value, bool):
        raise FieldError(
            msg("expected true or false, got {describe}", describe=_describe(value)), msg("write true or false")
        )
    return value


def _count(value: Any, tz: ZoneInfo) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(
            msg("expected a whole number, got {describe}", describe=_describe(value)), msg("write a number like 160")
        )
    if value < 0:
        raise FieldError(msg("must not be negative, got {value}", value=value), msg("write 0 or more"))
    return value


def _minutes(value: Any, tz: ZoneInfo) -> int:
    n = _count(value, tz)
    if n == 0 or n > 24 * 60:
        raise FieldError(
            msg("a duration of {n} minutes is not possible", n=n), msg("write the length in minutes, like 60")
        )
    return n


def _text_list(value: Any, tz: ZoneInfo) -> list[str]:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        value = [value]  # forgiving: `tags: techniek` means one tag
    if not isinstance(value, list):
        raise FieldError(
            msg("expected a list, got {describe}", describe=_describe(value)), msg("write a list like [een, twee]")
        )
    return [_text(v, tz) for v in value]


def _tags(value: Any, tz: ZoneInfo) -> list[str]:
    tags = _text_list(value, tz)
    if len(tags) > MAX_TAGS:
        raise FieldError(
            msg("{n} tags are too many", n=len(tags)), msg("keep the {max_tags} that say most", max_tags=MAX_TAGS)
        )
    for tag in tags:
        if len(tag) > MAX_TAG_CHARS:  # a tag is the last part of its topic page's URL: /onderwerpen/<tag>/
            raise FieldError(
                msg(
                    "the tag {tag!r}... is longer than {max_tag_chars} characters",
                    tag=tag[:30],
                    max_tag_chars=MAX_TAG_CHARS,
                ),
                msg("use a keyword"),
            )
    return sorted({t.lower() for t in tags})


def _profiles(value: Any, tz: ZoneInfo) -> list[str]:
    by_upper = {p.upper(): p for p in PROFILES}
    out = []
    for item in _text_list(value, tz):
        known = by_upper.get(item.upper())
        if known is None:
            raise FieldError(
                msg("unknown profile {item!r}", item=item), msg("use one of {names}", names=", ".join(PROFILES))
            )
        out.append(known)
    return sorted(set(out), key=list(PROFILES).index)


def _leerwegen(value: Any, tz: ZoneInfo) -> list[str]:
    out = []
    for item in _text_list(value, tz):
        if item.lower() not in LEERWEGEN:
            raise FieldError(msg("unknown leerweg {item!r}", item=item), msg("use {names}", names=", ".join(LEERWEGEN)))
        out.append(item.lower())
    return sorted(set(out), key=LEERWEGEN.index)


def parse_moment(value: Any, tz: ZoneInfo) -> Moment:
    moment = _parse_moment(value, tz)
    if not YEARS[0] <= moment.at.year <= YEARS[1]:
        raise FieldError(
            msg("the year {year} is outside {years}-{years2}", year=moment.at.year, years=YEARS[0], years2=YEARS[1]),
            msg('check the year: write 2026-11-03 or "2026-11-03 14:30"'),
        )
    return moment


def _parse_moment(value: Any, tz: ZoneInfo) -> Moment:
    if isinstance(value, datetime):
        at = value if value.tzinfo else value.replace(tzinfo=tz)
        return Moment(at.astimezone(tz), True)
    if isinstance(value, date):
        return Moment(datetime.combine(value, time(), tz), False)
    if not isinstance(value, str):
        raise FieldError(
            msg("expected a date, got {describe}", describe=_describe(value)),
            msg('write 2026-11-03 or "2026-11-03 14:30"'),
        )
    text = value.strip()
    hint = msg('write 2026-11-03, or "2026-11-03 14:30" for a time (Europe/Amsterdam)')
    m = _DATE_RE.match(text)
    try:
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return Moment(datetime(y, mo, d, tzinfo=tz), False)
        m = _DATETIME_RE.match(text)
        if m:
            y, mo, d, h, mi = (int(g) for g in m.groups()[:5])
            s = int(m.group(6) or 0)
            offset = m.group(7)
            if offset:
                iso = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}" + offset.replace("Z", "+00:00")
                return Moment(datetime.fromisoformat(iso).astimezone(tz), True)
            return Moment(datetime(y, mo, d, h, mi, s, tzinfo=tz), True)
    except (ValueError, OverflowError) as exc:
        why = _DATE_REASONS.get(str(exc)) or str(exc)
        raise FieldError(msg("{text!r} is not a real date or time ({why})", text=text, why=why), hint) from None
    raise FieldError(msg("{text!r} is not a date", text=text), hint)


# Python's reasons for a date that does not exist, marked so that they are translated too.
_DATE_REASONS = {
    "day is out of range for month": msg("day is out of range for month"),
    "month must be in 1..12": msg("month must be in 1..12"),
    "hour must be in 0..23": msg("hour must be in 0..23"),
    "minute must be in 0..59": msg("minute must be in 0..59"),
    "second must be in 0..59": msg("second must be in 0..59"),
}


def _url(value: Any, tz: ZoneInfo) -> str:
    text = _text(value, tz)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FieldError(
            msg("{text!r} is not a web address", text=text), msg("write a full address starting with https://")
        )
    return text


def _slug(value: Any, tz: ZoneInfo) -> str:
    text = _text(value, tz)
    if not SLUG_RE.match(text):
        raise FieldError(
            msg("{text!r} is not a valid slug", text=text),
            msg("use lowercase letters, digits and single hyphens only (no slashes), like open-dag-2026"),
        )
    if len(text) > MAX_SLUG_CHARS:
        raise FieldError(
            msg("a slug of {n} characters is too long", n=len(text)),
            msg("use at most {max_slug_chars} characters", max_slug_chars=MAX_SLUG_CHARS),
        )
    return text


def _slug_list(value: Any, tz: ZoneInfo) -> list[str]:
    return [_slug(v, tz) for v in _text_list(value, tz)]


# A path in `_redirects` is one field of one line: no whitespace, no control characters, no Netlify syntax
# (`*` splats, `:placeholders`, `?` query matches, `#`, `!` force flags), nothing a URL would percent-encode.
_SITE_PATH_RE = re.compile(r"^/[A-Za-z0-9._~%/-]*$")


def _site_path(value: Any, tz: ZoneInfo) -> str:
    text = _text(value, tz)
    hint = msg("write a path on this site like /nieuws/oude-titel/")
    if not text.startswith("/") or "//" in text or "\\" in text or any(s in ("..", ".") for s in text.split("/")):
        raise FieldError(msg("{text!r} is not a site path", text=text), hint)
    if not _SITE_PATH_RE.match(text) or len(text) > MAX_PATH_CHARS:
        raise FieldError(
            msg(
                "{text!r} is not a site path: only letters, digits and - . _ ~ % / are allowed, up to {max_path_chars}",
                text=text,
                max_path_chars=MAX_PATH_CHARS,
            ),
            msg("{hint}; write other characters percent-encoded (a space as %20)", hint=hint),
        )
    return text


def _aliases(value: Any, tz: ZoneInfo) -> list[str]:
    found = _text_list(value, tz)
    if len(found) > MAX_ALIASES:
        raise FieldError(
            msg("{n} aliases are too many", n=len(found)),
            msg("keep the old URLs people still use, at most {max_aliases}", max_aliases=MAX_ALIASES),
        )
    return [_site_path(v, tz) for v in found]


def _file_or_url(value: Any, tz: ZoneInfo) -> str:
    text = _text(value, tz)
    if "://" in text:
        return _url(text, tz)
    return text


def _person(value: Any, tz: ZoneInfo) -> dict[str, str]:
    if isinstance(value, str):
        return {"name": _text(value, tz)}
    if not isinstance(value, dict):
        raise FieldError(
            msg("expected a name or a mapping, got {describe}", describe=_describe(value)),
            msg("write - name: Jan Voorbeeld"),
        )
    unknown = sorted(set(value) - {"name", "role", "email", "organisation"})
    if unknown:
        raise FieldError(
            msg("unknown key {unknown!r}", unknown=unknown[0]), msg("a person has name, role, email and organisation")
        )
    if "name" not in value:
        raise FieldError(msg("a person needs a name"), msg("write name: ..."))
    return {k: _text(v, tz) for k, v in value.items()}


def _people(value: Any, tz: ZoneInfo) -> list[dict[str, str]]:
    if not isinstance(value, list):
        value = [value]
    return [_person(v, tz) for v in value]


def _obj(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, **extra}


_DATE_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$",
    "description": 'A date (2026-11-03) or a local time in Europe/Amsterdam ("2026-11-03 14:30")',
}
_PERSON_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {k: {"type": "string"} for k in ("name", "role", "email", "organisation")},
            "required": ["name"],
            "additionalProperties": False,
        },
    ]
}

TEXT = FieldType("text", _text, _obj("string", minLength=1))
BOOL = FieldType("bool", _bool, _obj("boolean"))
COUNT = FieldType("count", _count, _obj("integer", minimum=0))
MINUTES = FieldType("minutes", _minutes, _obj("integer", minimum=1, maximum=1440))
TEXT_LIST = FieldType("text_list", _text_list, _obj("array", items={"type": "string"}))
TAGS = FieldType("tags", _tags, _obj("array", items={"type": "string", "maxLength": MAX_TAG_CHARS}, maxItems=MAX_TAGS))
PROFILE_LIST = FieldType("profiles", _profiles, _obj("array", items={"type": "string", "enum": list(PROFILES)}))
MOMENT = FieldType("moment", parse_moment, _DATE_SCHEMA)
URL = FieldType("url", _url, _obj("string", format="uri", pattern="^https?://"))
SLUG = FieldType("slug", _slug, _obj("string", pattern=SLUG_RE.pattern, maxLength=MAX_SLUG_CHARS))
SLUG_LIST = FieldType("slug_list", _slug_list, _obj("array", items={"type": "string", "pattern": SLUG_RE.pattern}))
ALIASES = FieldType(
    "aliases",
    _aliases,
    _obj(
        "array",
        items={"type": "string", "pattern": _SITE_PATH_RE.pattern, "maxLength": MAX_PATH_CHARS},
        maxItems=MAX_ALIASES,
    ),
)
FILE = FieldType("file", _text, _obj("string", minLength=1))
FILE_OR_URL = FieldType("file_or_url", _file_or_url, _obj("string", minLength=1))
PEOPLE = FieldType("people", _people, _obj("array", items=_PERSON_SCHEMA))


def choice(what: Msg, values: Any) -> FieldType:
    """One of a fixed set of words, case-insensitive: "unknown <what> 'x'" otherwise."""
    allowed = tuple(values)

    def parse(value: Any, tz: ZoneInfo | None) -> str:
        text = _text(value, tz).lower()
        if text not in allowed:
            raise FieldError(
                msg("unknown {what} {text!r}", what=what, text=text),
                msg("use one of {names}", names=", ".join(allowed)),
            )
        return text

    return FieldType("choice", parse, {"type": "string", "enum": list(allowed)})


def choices(what: Msg, values: Any) -> FieldType:
    """One or more of a fixed set of words (a word or a list), case-insensitive, each checked as `choice` does;
    kept in the order of `values`, without repeats."""
    one = choice(what, values)
    order = list(values)

    def parse(value: Any, tz: ZoneInfo | None) -> list[str]:
        found = {one.parse(item, tz) for item in (value if isinstance(value, list) else [value])}
        return sorted(found, key=order.index)

    return FieldType(f"{what.template}_list", parse, _obj("array", items=one.schema, minItems=1, uniqueItems=True))


AUDIENCE_LIST = choices(msg("audience"), AUDIENCES)
PERSON = FieldType("person", _person, _PERSON_SCHEMA)
LEERWEG_LIST = FieldType("leerwegen", _leerwegen, _obj("array", items={"type": "string", "enum": list(LEERWEGEN)}))
