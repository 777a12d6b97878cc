"""region.yml -> Region, and the rules every region must keep."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from stogen.core.problems import Problems
from stogen.core.yamlsource import YamlDoc, YamlError, parse_yaml
from stogen.model import fields as f
from stogen.model.entries import read_text
from stogen.model.records import Hotspot, Partner, Region, School, Source

PROVINCES = (
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
    "Caribisch Nederland",
)
# BRIN number (2 digits, 2 letters) plus a 2-digit location number, as DUO publishes them.
LOCATION_CODE = re.compile(r"^\d{2}[A-Z]{2}\d{2}$")
SCHOOL_TYPES = ("vmbo", "mbo")

_FIELDS = {
    "name",
    "provinces",
    "description",
    "penvoerder",
    "programmaleiders",
    "schools",
    "partners",
    "hotspots",
    "website",
    "formerly",
}
_SCHOOL_FIELDS = {"name", "place", "type", "code", "board", "profiles"}
_NAMED_FIELDS = {"partners": {"name", "url"}, "hotspots": {"name", "place", "description", "url"}}


class _Reader:
    def __init__(self, path: Path, doc: YamlDoc, tz: ZoneInfo, problems: Problems) -> None:
        self.path, self.doc, self.tz, self.problems = path, doc, tz, problems
        self.ok = True

    def error(self, where: tuple[Any, ...], field: str, message: str, hint: str | None = None) -> None:
        self.problems.error(self.path, self.doc.line(*where), field, message, hint)
        self.ok = False

    def value(
        self,
        data: dict[str, Any],
        where: tuple[Any, ...],
        name: str,
        ftype: f.FieldType,
        required: bool,
        label: str | None = None,
    ) -> Any:
        label = label or name
        if data.get(name) is None:
            if required:
                self.error(where, label, "is required", f"add {name}: ... ")
            return None
        try:
            return ftype.parse(data[name], self.tz)
        except f.FieldError as exc:
            self.error((*where, name), label, exc.message, exc.hint)
            return None


def load_region(slug: str, path: Path, rel: str, tz: ZoneInfo, problems: Problems) -> Region | None:
    read = read_text(path, rel, problems)
    if read is None:
        return None
    text, digest = read
    try:
        doc = parse_yaml(text)
    except YamlError as exc:
        problems.error(path, exc.line, None, f"invalid YAML: {exc.message}", "check indentation and quotes")
        return None
    if not isinstance(doc.data, dict):
        problems.error(
            path,
            1,
            None,
            "must describe the region as key: value lines",
            "see docs/regions.md for an example region.yml",
        )
        return None
    rd = _Reader(path, doc, tz, problems)
    data = doc.data
    for dup, line in doc.duplicates:
        problems.error(path, line, ".".join(map(str, dup)), "appears twice", "keep one of the two")
        rd.ok = False
    for key in data:
        if key not in _FIELDS:
            rd.error((key,), str(key), "unknown field in region.yml", "known fields: " + ", ".join(sorted(_FIELDS)))

    name = rd.value(data, (), "name", f.TEXT, True)
    provinces = rd.value(data, (), "provinces", f.TEXT_LIST, True) or []
    for i, prov in enumerate(provinces):
        if prov not in PROVINCES:
            rd.error(
                ("provinces", i),
                "provinces",
                f"unknown province {prov!r}",
                "use one of " + ", ".join(PROVINCES),
            )
    schools = _schools(rd, data)
    partners = [Partner(**p) for p in _named_list(rd, data, "partners", _NAMED_FIELDS["partners"])]
    hotspots = [Hotspot(**h) for h in _named_list(rd, data, "hotspots", _NAMED_FIELDS["hotspots"])]
    region = Region(
        slug=slug,
        source=Source(file=str(path), rel=rel, region=slug, digest=digest),
        name=name or slug,
        provinces=provinces,
        description=rd.value(data, (), "description", f.TEXT, False),
        penvoerder=rd.value(data, (), "penvoerder", f.TEXT, True) or "",
        programmaleiders=rd.value(data, (), "programmaleiders", f.PEOPLE, True) or [],
        schools=schools,
        partners=partners,
        hotspots=hotspots,
        website=rd.value(data, (), "website", f.URL, False),
        formerly=rd.value(data, (), "formerly", f.SLUG_LIST, False) or [],
    )
    region.lines = {"formerly": doc.line("formerly"), "name": doc.line("name")}
    for i, item in enumerate(data.get("schools") or []):
        if isinstance(item, dict) and item.get("code"):
            region.lines[f"code:{str(item['code']).upper()}"] = doc.line("schools", i, "code")
    if rd.ok:
        _check_region(rd, region)
    return region if rd.ok else None


def _schools(rd: _Reader, data: dict[str, Any]) -> list[School]:
    raw = data.get("schools")
    if raw is None:
        rd.error((), "schools", "is required", "list the region's vmbo and mbo schools")
        return []
    if not isinstance(raw, list):
        rd.error(("schools",), "schools", "must be a list", "write each school as - name: ...")
        return []
    out: list[School] = []
    for i, item in enumerate(raw):
        where = ("schools", i)
        label = f"schools[{i + 1}]"
        if not isinstance(item, dict):
            rd.error(where, label, "must be a mapping with name, place, type, code", None)
            continue
        for key in item:
            if key not in _SCHOOL_FIELDS:
                rd.error(
                    (*where, key),
                    f"{label}.{key}",
                    "unknown field for a school",
                    "a school has " + ", ".join(sorted(_SCHOOL_FIELDS)),
                )
        name = rd.value(item, where, "name", f.TEXT, True, f"{label}.name")
        place = rd.value(item, where, "place", f.TEXT, True, f"{label}.place")
        kind = rd.value(item, where, "type", f.TEXT, True, f"{label}.type")
        if kind is not None and kind.lower() not in SCHOOL_TYPES:
            rd.error((*where, "type"), f"{label}.type", f"unknown school type {kind!r}", "write vmbo or mbo")
        code = rd.value(item, where, "code", f.TEXT, True, f"{label}.code")
        if code is not None and not LOCATION_CODE.match(code.upper()):
            rd.error(
                (*where, "code"),
                f"{label}.code",
                f"{code!r} is not a location code",
                "write the BRIN number and location number, like 12AB00",
            )
        profiles = rd.value(item, where, "profiles", f.PROFILE_LIST, False, f"{label}.profiles") or []
        board = rd.value(item, where, "board", f.TEXT, False, f"{label}.board")
        if name and place and kind and code:
            out.append(School(name, place, kind.lower(), code.upper(), board, tuple(profiles)))
    return out


def _named_list(rd: _Reader, data: dict[str, Any], key: str, allowed: set[str]) -> list[dict[str, str]]:
    raw = data.get(key) or []
    if not isinstance(raw, list):
        rd.error(
            (key,),
            key,
            "must be a list",
            f"write each as - name: ...  (fields: {', '.join(sorted(allowed))})",
        )
        return []
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not item.get("name"):
            rd.error((key, i), f"{key}[{i + 1}]", "needs a name", "write - name: ...")
            continue
        unknown = sorted(set(item) - allowed)
        if unknown:
            rd.error(
                (key, i, unknown[0]),
                f"{key}[{i + 1}].{unknown[0]}",
                "unknown field",
                "allowed: " + ", ".join(sorted(allowed)),
            )
            continue
        ftypes = {"url": f.URL}
        entry: dict[str, str] = {}
        for k, v in item.items():
            try:
                entry[k] = ftypes.get(k, f.TEXT).parse(v, rd.tz)
            except f.FieldError as exc:
                rd.error((key, i, k), f"{key}[{i + 1}].{k}", exc.message, exc.hint)
        out.append(entry)
    return out


def _check_region(rd: _Reader, region: Region) -> None:
    vmbo = region.schools_of_type("vmbo")
    mbo = region.schools_of_type("mbo")
    if len(vmbo) < 2:
        rd.error(
            ("schools",),
            "schools",
            f"a region needs at least 2 vmbo schools, this one has {len(vmbo)}",
            "add the partner vmbo schools with type: vmbo, or merge with a neighbouring region",
        )
    if len(mbo) < 1:
        rd.error(
            ("schools",),
            "schools",
            "a region needs at least 1 mbo school, this one has none",
            "add the partner mbo institution with type: mbo",
        )
    boards = {s.board for s in vmbo if s.board}
    if region.penvoerder and region.penvoerder not in boards:
        hint = (
            "set it to the board of one of the region's vmbo schools: " + "; ".join(sorted(boards))
            if boards
            else "add board: ... to the vmbo schools, and name one of those boards as penvoerder"
        )
        rd.error(
            ("penvoerder",),
            "penvoerder",
            f"{region.penvoerder!r} is not the board of a vmbo school here",
            hint,
        )
    seen: dict[str, int] = {}
    for i, school in enumerate(region.schools):
        if school.code in seen:
            rd.error(
                ("schools", i, "code"),
                f"schools[{i + 1}].code",
                f"location code {school.code} is listed twice in this region",
                f"see schools[{seen[school.code] + 1}]; remove one",
            )
        seen[school.code] = i
    if region.slug in region.formerly:
        rd.error(("formerly",), "formerly", "lists the region's own slug", "list only old slugs")


def check_regions_together(regions: dict[str, Region], problems: Problems) -> None:
    """Rules across regions: a vmbo location in one region only, slugs and old slugs unique."""
    owner: dict[str, Region] = {}
    for slug in sorted(regions):
        region = regions[slug]
        for school in region.schools:
            if school.type != "vmbo":
                continue
            other = owner.get(school.code)
            if other is not None:
                problems.error(
                    region.source.path,
                    region.lines.get(f"code:{school.code}"),
                    "schools.code",
                    f"vmbo location {school.code} ({school.name}) is also in region {other.slug}",
                    f"a vmbo location belongs to one region only; remove it here or from {other.source.rel}",
                )
            else:
                owner[school.code] = region
    old_owner: dict[str, Region] = {}
    for slug in sorted(regions):
        region = regions[slug]
        for old in region.formerly:
            if old in regions:
                problems.error(
                    region.source.path,
                    region.lines.get("formerly"),
                    "formerly",
                    f"old slug {old!r} is the slug of the existing region {old}",
                    "an old slug can never be reused; remove it or rename the other region",
                )
            elif old in old_owner:
                problems.error(
                    region.source.path,
                    region.lines.get("formerly"),
                    "formerly",
                    f"old slug {old!r} is also claimed by region {old_owner[old].slug}",
                    f"an old URL can redirect to one region only; see {old_owner[old].source.rel}",
                )
            else:
                old_owner[old] = region


def region_json_schema() -> dict[str, Any]:
    """The JSON Schema of region.yml, for editors; built from the sets and types the loader checks with."""

    def named(kind: str) -> dict[str, Any]:
        props = {k: (f.URL.schema if k == "url" else f.TEXT.schema) for k in sorted(_NAMED_FIELDS[kind])}
        item = {"type": "object", "properties": props, "required": ["name"], "additionalProperties": False}
        return {"type": "array", "items": {"anyOf": [{"type": "string"}, item]}}

    school = {
        "type": "object",
        "properties": {
            "name": f.TEXT.schema,
            "place": f.TEXT.schema,
            "type": {"type": "string", "enum": list(SCHOOL_TYPES)},
            "code": {"type": "string", "pattern": LOCATION_CODE.pattern, "description": "BRIN + location, like 12AB00"},
            "board": f.TEXT.schema,
            "profiles": f.PROFILE_LIST.schema,
        },
        "required": ["name", "place", "type", "code"],
        "additionalProperties": False,
    }
    assert set(school["properties"]) == _SCHOOL_FIELDS
    props: dict[str, Any] = {
        "name": {**f.TEXT.schema, "description": "The region's name"},
        "provinces": {"type": "array", "items": {"type": "string", "enum": list(PROVINCES)}, "minItems": 1},
        "description": {**f.TEXT.schema, "description": "One or two sentences about the region"},
        "penvoerder": {**f.TEXT.schema, "description": "The board that holds the grant"},
        "programmaleiders": f.PEOPLE.schema,
        "schools": {"type": "array", "items": school, "description": "At least 2 vmbo schools and 1 mbo school"},
        "partners": named("partners"),
        "hotspots": named("hotspots"),
        "website": f.URL.schema,
        "formerly": {**f.SLUG_LIST.schema, "description": "Old slugs of this region; their URLs redirect here"},
    }
    assert set(props) == _FIELDS  # the loader and the schema list the same fields
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "stogen region.yml",
        "type": "object",
        "properties": props,
        "required": ["name", "provinces", "penvoerder", "programmaleiders", "schools"],
        "additionalProperties": False,
    }
