"""One way to read YAML: a file's fields declared as Specs, read with every problem reported, and described as JSON
Schema from the same declaration.

stogen.yml, region.yml, newsletters and front matter are all read this way: a `Shape` names its fields, each a
`Spec` of a field type (a scalar FieldType, a nested Shape, a ListOf or a MapOf). `read()` walks the parsed YAML
with its line numbers and reports each problem at the line of the value, with a label like `schools[2].code`;
`json_schema()` turns the same Shape into the schema editors validate against.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from stogen.core.messages import Msg, msg
from stogen.core.yamlsource import YamlDoc


class FieldError(Exception):
    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(message.text("en"))
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class FieldType:
    """A scalar (or list of scalars) field: parse a YAML value or raise FieldError; its JSON Schema."""

    name: str
    parse: Callable[[Any, ZoneInfo | None], Any]
    schema: dict[str, Any]


@dataclass(frozen=True)
class Spec:
    type: FieldType | Shape | ListOf | MapOf
    required: bool = False
    description: str = ""


UNKNOWN_FIELD = msg("unknown field")


@dataclass(frozen=True)
class Shape:
    """A mapping with known fields. `text_field`: a plain text value stands for {text_field: value}."""

    fields: dict[str, Spec]
    label: Msg  # msg("a school"), in messages
    unknown: Msg = UNKNOWN_FIELD  # what an unknown key is called: "unknown setting" in stogen.yml
    text_field: str | None = None
    not_supported: dict[str, Msg] = field(default_factory=dict)  # keys people expect, with a specific answer
    title: str = ""  # the JSON Schema's title (top-level shapes)


@dataclass(frozen=True)
class ListOf:
    item: FieldType | Shape
    min_items: int = 0


@dataclass(frozen=True)
class MapOf:
    """A mapping from free names (a menu's name, say) to values of one type."""

    value: FieldType | Shape | ListOf


# report(line, label, message, hint)
Report = Callable[[int | None, str, Msg, Msg | None], None]


def describe(value: Any) -> Msg:
    if isinstance(value, bool):
        return msg("yes/no (a boolean)")
    if isinstance(value, int | float):
        return msg("a number")
    if isinstance(value, list):
        return msg("a list")
    if isinstance(value, dict):
        return msg("a mapping (key: value pairs)")
    if value is None:
        return msg("empty")
    return msg("text")


class Reader:
    """Reads one parsed YAML document against a Shape; `ok` is False once anything was reported."""

    def __init__(self, doc: YamlDoc, tz: ZoneInfo | None, report: Report) -> None:
        self.doc, self.tz, self._report = doc, tz, report
        self.ok = True

    def report(self, where: tuple[Any, ...], label: str, message: Msg, hint: Msg | None = None) -> None:
        self._report(self.doc.line(*where), label, message, hint)
        self.ok = False

    def read(self, shape: Shape) -> dict[str, Any]:
        """The whole document as `shape`: duplicate keys and unknown fields reported, then every field."""
        for dup_path, line in self.doc.duplicates:
            self._report(
                line, ".".join(str(p) for p in dup_path), msg("appears twice"), msg("keep one of the two lines")
            )
            self.ok = False
        data = self.doc.data if isinstance(self.doc.data, dict) else {}
        return self.shape(data, (), shape, "", top=True)

    def shape(self, data: dict[Any, Any], where: tuple[Any, ...], shape: Shape, prefix: str, top: bool = False) -> Any:
        for key in data:
            if key not in shape.fields:
                self._unknown(str(key), (*where, key), shape, prefix)
        values: dict[str, Any] = {}
        for name, spec in shape.fields.items():
            label = prefix + name
            if data.get(name) is None:
                if spec.required:
                    at = () if top else where
                    line = self.doc.first_line if top else self.doc.line(*at)
                    hint = (
                        msg("add a line `{name}: ...` to the front matter", name=name)
                        if top
                        else msg("add a line `{name}: ...`", name=name)
                    )
                    self._report(line, label, msg("is required"), hint)
                    self.ok = False
                continue
            parsed = self.value(data[name], (*where, name), spec.type, label)
            if parsed is not _BAD:
                values[name] = parsed
        return values

    def value(self, raw: Any, where: tuple[Any, ...], kind: Any, label: str) -> Any:
        if isinstance(kind, FieldType):
            try:
                return kind.parse(raw, self.tz)
            except FieldError as exc:
                self.report(where, label, exc.message, exc.hint)
                return _BAD
        if isinstance(kind, Shape):
            if isinstance(raw, str) and kind.text_field is not None:
                raw = {kind.text_field: raw}
            if not isinstance(raw, dict):
                names = ", ".join(kind.fields)
                got = msg("expected {what} (key: value lines), got {kind}", what=kind.label, kind=describe(raw))
                self.report(where, label, got, msg("its fields: {names}", names=names))
                return _BAD
            before = self.ok
            self.ok = True
            got = self.shape(raw, where, kind, label + ".")
            good, self.ok = self.ok, before and self.ok
            return got if good else _BAD
        if isinstance(kind, ListOf):
            if not isinstance(raw, list):
                got = msg("expected a list, got {kind}", kind=describe(raw))
                self.report(where, label, got, msg("write each item on a line with -"))
                return _BAD
            if len(raw) < kind.min_items:
                self.report(where, label, msg("needs at least {n}", n=kind.min_items), msg("add them as a list with -"))
            items = [self.value(x, (*where, i), kind.item, f"{label}[{i + 1}]") for i, x in enumerate(raw)]
            return [x for x in items if x is not _BAD]
        assert isinstance(kind, MapOf)
        if not isinstance(raw, dict):
            got = msg("expected a mapping, got {kind}", kind=describe(raw))
            self.report(where, label, got, msg("write name: value lines below it"))
            return _BAD
        found = {str(k): self.value(v, (*where, k), kind.value, f"{label}.{k}") for k, v in raw.items()}
        return {k: v for k, v in found.items() if v is not _BAD}

    def _unknown(self, name: str, where: tuple[Any, ...], shape: Shape, prefix: str) -> None:
        if name in shape.not_supported:
            self.report(where, prefix + name, msg("is not a field stogen accepts"), shape.not_supported[name])
            return
        close = difflib.get_close_matches(name.lower(), list(shape.fields), n=1, cutoff=0.7)
        known = ", ".join(shape.fields)
        hint = msg("did you mean {name!r}?", name=close[0]) if close else msg("known: {names}", names=known)
        self.report(where, prefix + name, shape.unknown, hint)


_BAD = object()  # a value that was reported


def read(doc: YamlDoc, shape: Shape, tz: ZoneInfo | None, report: Report) -> tuple[dict[str, Any], bool]:
    """Read a document as `shape`: (the values that parsed, whether everything did)."""
    reader = Reader(doc, tz, report)
    values = reader.read(shape)
    return values, reader.ok


def json_schema(shape: Shape) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a top-level shape, for editors (YAML language server) and the CMS."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": shape.title, **_schema(shape)}


def _schema(kind: Any, description: str = "") -> dict[str, Any]:
    extra = {"description": description} if description else {}
    if isinstance(kind, FieldType):
        return {**kind.schema, **extra}
    if isinstance(kind, ListOf):
        out: dict[str, Any] = {"type": "array", "items": _schema(kind.item)}
        if kind.min_items:
            out["minItems"] = kind.min_items
        return {**out, **extra}
    if isinstance(kind, MapOf):
        return {"type": "object", "additionalProperties": _schema(kind.value), **extra}
    assert isinstance(kind, Shape)
    obj: dict[str, Any] = {
        "type": "object",
        "properties": {name: _schema(spec.type, spec.description) for name, spec in kind.fields.items()},
        "required": [name for name, spec in kind.fields.items() if spec.required],
        "additionalProperties": False,
    }
    if kind.text_field is not None:
        return {"anyOf": [{"type": "string"}, obj], **extra}
    return {**obj, **extra}
