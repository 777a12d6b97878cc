"""region.yml -> Region, and the rules every region must keep.

region.yml is read like every other YAML file of the site (stogen/core/spec.py): REGION declares its fields, the
reader reports each problem at its line, and the JSON Schema for editors comes from the same declaration. The
programme's rules that need more than one field (2 technical vmbo schools, the penvoerder, ...) follow.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from stogen.core import yamlsource
from stogen.core.messages import Msg, msg
from stogen.core.problems import Problems
from stogen.core.spec import FieldError, FieldType, ListOf, Shape, Spec, json_schema, read
from stogen.core.yamlsource import YamlDoc, YamlError, parse_yaml
from stogen.model import fields as f
from stogen.model.entries import read_text
from stogen.model.records import Change, Hotspot, Partner, Plan, PrimarySchool, Region, School, Source

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
# GitHub's rule for account names: letters, digits and single hyphens, at most 39 characters.
GITHUB_ACCOUNT = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
CHANGES = ("renamed", "merged", "split")


def _province(value: Any, tz: ZoneInfo | None) -> str:
    text = f.TEXT.parse(value, tz)
    if text not in PROVINCES:
        raise FieldError(
            msg("unknown province {text!r}", text=text), msg("use one of {names}", names=", ".join(PROVINCES))
        )
    return text


def _provinces(value: Any, tz: ZoneInfo | None) -> list[str]:
    return [_province(v, tz) for v in f.TEXT_LIST.parse(value, tz)]


def _location_code(value: Any, tz: ZoneInfo | None) -> str:
    text = f.TEXT.parse(value, tz)
    if not LOCATION_CODE.match(text.upper()):
        raise FieldError(
            msg("{text!r} is not a location code", text=text),
            msg("write the BRIN number and location number, like 12AB00"),
        )
    return text.upper()


def _account(value: Any, tz: ZoneInfo | None) -> str:
    text = f.TEXT.parse(value, tz)
    if not GITHUB_ACCOUNT.match(text.removeprefix("@")):
        raise FieldError(
            msg("{text!r} is not a GitHub account name", text=text),
            msg("write the account as on github.com, like jan-voorbeeld (letters, digits, single hyphens)"),
        )
    return text.removeprefix("@")  # kept without @: CODEOWNERS and the pull-request check compare them


def _period(value: Any, tz: ZoneInfo | None) -> tuple[str, int, int]:
    text = f.TEXT.parse(value, tz)
    m = PERIOD.match(text)
    if not m or int(m.group(2)) <= int(m.group(1)):
        raise FieldError(
            msg("{text!r} is not a period of school years", text=text),
            msg("write the first and last year, like 2025-2027 for the school years 2025-2026 and 2026-2027"),
        )
    return text, int(m.group(1)), int(m.group(2))


def _leaders(value: Any, tz: ZoneInfo | None) -> list[dict[str, str]]:
    people = f.PEOPLE.parse(value, tz)
    if not people:
        raise FieldError(
            msg("a region needs at least one programme leader, this list is empty"),
            msg("write - name: ... (and email: ...) for the person who runs the programme in the region"),
        )
    return people


PROVINCE_LIST = FieldType(
    "provinces", _provinces, {"type": "array", "items": {"type": "string", "enum": list(PROVINCES)}, "minItems": 1}
)
CODE = FieldType(
    "location code", _location_code, {"type": "string", "pattern": LOCATION_CODE.pattern, "description": "12AB00"}
)
ACCOUNTS = ListOf(FieldType("account", _account, {"type": "string", "pattern": "^@?" + GITHUB_ACCOUNT.pattern[1:]}))
PERIOD_TYPE = FieldType("period", _period, {"type": "string", "pattern": PERIOD.pattern})
LEADERS = FieldType("programme leaders", _leaders, {**f.PEOPLE.schema, "minItems": 1})

SCHOOL = Shape(
    {
        "name": Spec(f.TEXT, True, "The school's name"),
        "place": Spec(f.TEXT, True, "Where the location is"),
        "type": Spec(f.choice(msg("school type"), SCHOOL_TYPES), True, "vmbo or mbo"),
        "code": Spec(CODE, True, "BRIN + location, like 12AB00"),
        "board": Spec(f.TEXT, False, "The school board (bestuur); the penvoerder is one of them"),
        "profiles": Spec(f.PROFILE_LIST, False, "The vmbo profiles it offers"),
        "leerwegen": Spec(f.LEERWEG_LIST, False, "vmbo only: the leerwegen the school offers"),
        "website": Spec(f.URL, False, "The school's own website, linked from the region page"),
    },
    msg("a school"),
)
PARTNER = Shape({"name": Spec(f.TEXT, True), "url": Spec(f.URL, False)}, msg("a partner"), text_field="name")
HOTSPOT = Shape(
    {
        "name": Spec(f.TEXT, True),
        "place": Spec(f.TEXT, False),
        "address": Spec(f.TEXT, False, "Street and number: the region page links it to a map"),
        "description": Spec(f.TEXT, False),
        "url": Spec(f.URL, False),
        "used_by": Spec(ListOf(CODE), False, "Location codes of the region's schools that use it"),
    },
    msg("a hotspot"),
    text_field="name",
)
PRIMARY_SCHOOL = Shape(
    {"name": Spec(f.TEXT, True), "place": Spec(f.TEXT, False), "url": Spec(f.URL, False)},
    msg("a primary school"),
    text_field="name",
)
PLAN = Shape(
    {
        "period": Spec(PERIOD_TYPE, True, "School years, like 2025-2027"),
        "approved": Spec(f.MOMENT, False, "The date the plan was approved"),
        "link": Spec(f.FILE_OR_URL, False, "A web address, or a file in the region's folder"),
    },
    msg("the plan"),
)
CHANGE = Shape(
    {
        "date": Spec(f.MOMENT, True, "When the change took effect"),
        "change": Spec(f.choice(msg("change"), CHANGES), True, "renamed, merged or split"),
        "from": Spec(f.SLUG_LIST, True, "The slugs before"),
        "to": Spec(f.SLUG_LIST, True, "The slugs after"),
        "names": Spec(f.TEXT_LIST, False, "The old regions' names, shown on the region page"),
    },
    msg("a change"),
)
REGION = Shape(
    {
        "name": Spec(f.TEXT, True, "The region's name"),
        "provinces": Spec(PROVINCE_LIST, True, "One or more provinces, or Caribisch Nederland"),
        "description": Spec(f.TEXT, False, "One or two sentences about the region"),
        "penvoerder": Spec(f.TEXT, True, "The board that holds the grant: of a vmbo school with a technical profile"),
        "programmaleiders": Spec(LEADERS, True, "Who runs the programme in the region (at least one)"),
        "schools": Spec(ListOf(SCHOOL), True, "At least 2 vmbo schools with a technical profile and 1 mbo school"),
        "partners": Spec(ListOf(PARTNER), False, "Employers and other partners (none: a warning)"),
        "hotspots": Spec(ListOf(HOTSPOT), False, "Places where pupils learn technology"),
        "website": Spec(f.URL, False, "The region's own website"),
        "formerly": Spec(f.SLUG_LIST, False, "Old slugs of this region; their URLs redirect here"),
        "editors": Spec(ACCOUNTS, False, "GitHub accounts of the region's editors (CODEOWNERS of its folder)"),
        "plan": Spec(PLAN, False, "The region's vision and two-year activity plan"),
        "supporter": Spec(f.PERSON, False, "The national supporter (adviser) of the region"),
        "primary_schools": Spec(ListOf(PRIMARY_SCHOOL), False, "Primary schools the region works with"),
        "history": Spec(ListOf(CHANGE), False, "Renames, merges and splits, written by `stogen regio`"),
    },
    msg("region.yml"),
    unknown=msg("unknown field in region.yml"),
    title="stogen region.yml",
)


class _Rules:
    """Reports the rules' problems at the lines of region.yml they are about."""

    def __init__(self, path: Path, doc: YamlDoc, problems: Problems) -> None:
        self.path, self.doc, self.problems = path, doc, problems
        self.ok = True

    def error(self, where: tuple[Any, ...], field: str, message: Msg, hint: Msg | None = None) -> None:
        self.problems.error(self.path, self.doc.line(*where), field, message, hint)
        self.ok = False


def load_region(slug: str, path: Path, rel: str, tz: ZoneInfo, problems: Problems) -> Region | None:
    loaded = read_text(path, rel, problems)
    if loaded is None:
        return None
    text, digest = loaded
    try:
        doc = parse_yaml(text)
    except YamlError as exc:
        yamlsource.report(problems, path, exc)
        return None
    if not isinstance(doc.data, dict):
        problems.error(path, 1, None, msg("must describe the region as key: value lines"), msg("see docs/regions.md"))
        return None

    def report(line: int | None, field: str | None, message: Msg, hint: Msg | None) -> None:
        problems.error(path, line, field, message, hint)

    values, ok = read(doc, REGION, tz, report)
    rd = _Rules(path, doc, problems)
    rd.ok = ok
    region = _region(slug, path, rel, digest, values)
    region.plan = _plan(rd, values.get("plan"), slug, path.parent)
    _check_leerwegen(rd, doc.data.get("schools"))
    region.lines = {"formerly": doc.line("formerly"), "name": doc.line("name")}
    for i, _ in enumerate(region.history):
        region.lines[f"history:{i}"] = doc.line("history", i)
    raw_schools = doc.data.get("schools")
    for i, item in enumerate(raw_schools if isinstance(raw_schools, list) else []):
        if isinstance(item, dict) and item.get("code"):
            region.lines[f"code:{str(item['code']).upper()}"] = doc.line("schools", i, "code")
    if isinstance(raw_schools, list) and len(region.schools) == len(raw_schools):
        # The programme's rules need every school; a school dropped for a mistake would only add false alarms.
        _check_region(rd, region)
        _check_codes(rd, region)
        _check_hotspot_schools(rd, region)
    return region if rd.ok else None


def _region(slug: str, path: Path, rel: str, digest: str, v: dict[str, Any]) -> Region:
    editors: list[str] = []
    for account in v.get("editors", []):
        if account.lower() not in (a.lower() for a in editors):
            editors.append(account)
    return Region(
        slug=slug,
        source=Source(file=str(path), rel=rel, region=slug, digest=digest),
        name=v.get("name") or slug,
        provinces=v.get("provinces", []),
        description=v.get("description"),
        penvoerder=v.get("penvoerder", ""),
        programmaleiders=v.get("programmaleiders", []),
        schools=[_school(s) for s in v.get("schools", [])],  # a school with a mistake is left out (and reported)
        partners=[Partner(**p) for p in v.get("partners", [])],
        hotspots=[Hotspot(**{**h, "used_by": tuple(h.get("used_by", ()))}) for h in v.get("hotspots", [])],
        website=v.get("website"),
        formerly=v.get("formerly", []),
        editors=editors,
        supporter=v.get("supporter"),
        primary_schools=[PrimarySchool(**p) for p in v.get("primary_schools", [])],
        history=[
            Change(c["date"].date(), c["change"], tuple(c["from"]), tuple(c["to"]), tuple(c.get("names", ())))
            for c in v.get("history", [])
        ],
    )


def _school(s: dict[str, Any]) -> School:
    return School(
        s["name"], s["place"], s["type"], s["code"], s.get("board"), tuple(s.get("profiles", ())),
        tuple(s.get("leerwegen", ())), s.get("website"),
    )  # fmt: skip


def _check_leerwegen(rd: _Rules, raw: Any) -> None:
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(item, dict) and item.get("leerwegen") and str(item.get("type", "")).lower() == "mbo":
            rd.error(
                ("schools", i, "leerwegen"),
                f"schools[{i + 1}].leerwegen",
                msg("only a vmbo school has leerwegen"),
                msg("remove leerwegen here, or write type: vmbo if it is a vmbo school"),
            )


def _plan(rd: _Rules, plan: dict[str, Any] | None, slug: str, folder: Path) -> Plan | None:
    if not plan or "period" not in plan:
        return None
    period, first, last = plan["period"]
    link = plan.get("link")
    url = link
    if link is not None and "://" not in link:
        target = (folder / link).resolve()
        if not target.is_relative_to(folder.resolve()) or not target.is_file():
            rd.error(
                ("plan", "link"),
                "plan.link",
                msg("file {link!r} not found in this region's folder", link=link),
                msg("put the plan (a PDF) in the region's folder and write its path from there, or a web address"),
            )
            return None
        url = f"/regio/{slug}/{target.relative_to(folder.resolve()).as_posix()}"
    approved = plan.get("approved")
    return Plan(period, first, last, approved.date() if approved else None, link, url)


def _check_region(rd: _Rules, region: Region) -> None:
    _check_schools(rd, region)
    _check_penvoerder(rd, region)
    if not region.programmaleiders:
        rd.error(
            ("programmaleiders",),
            "programmaleiders",
            msg("a region needs at least one programme leader, this list is empty"),
            msg("write - name: ... (and email: ...) for the person who runs the programme in the region"),
        )
    if not region.partners:
        # A warning, not an error: employers are a rule of the programme, but a region that is still signing
        # its partners must not stop the whole site (and every other region's news) from being published.
        rd.problems.warning(
            rd.path,
            rd.doc.line("partners") or 1,
            "partners",
            msg("a region works with employers, but no partners are listed"),
            msg("add the employers of the partnership: partners: [- name: ..., url: ...]"),
        )


def _check_schools(rd: _Rules, region: Region) -> None:
    vmbo = region.schools_of_type("vmbo")
    mbo = region.schools_of_type("mbo")
    technical = [s for s in vmbo if s.technical]
    if len(vmbo) < 2:
        rd.error(
            ("schools",),
            "schools",
            msg("a region needs at least 2 vmbo schools, this one has {n}", n=len(vmbo)),
            msg("add the partner vmbo schools with type: vmbo, or merge with a neighbouring region"),
        )
    elif len(technical) < 2:
        rd.error(
            ("schools",),
            "schools",
            msg("a region needs at least 2 vmbo schools with a technical profile, this one has {n}", n=len(technical)),
            msg("list the technical profiles the schools offer: {names}", names=", ".join(f.TECHNICAL_PROFILES)),
        )
    if len(mbo) < 1:
        rd.error(
            ("schools",),
            "schools",
            msg("a region needs at least 1 mbo school, this one has none"),
            msg("add the partner mbo institution with type: mbo"),
        )


def _check_penvoerder(rd: _Rules, region: Region) -> None:
    vmbo = region.schools_of_type("vmbo")
    boards = {s.board for s in vmbo if s.board}
    technical_boards = {s.board for s in vmbo if s.board and s.technical}
    if not region.penvoerder or region.penvoerder in technical_boards:
        return
    if region.penvoerder in boards:
        rd.error(
            ("penvoerder",),
            "penvoerder",
            msg("{penvoerder!r} runs no vmbo school with a technical profile here", penvoerder=region.penvoerder),
            msg(
                "the penvoerder is the board of a vmbo school with a technical profile ({names}): {value}",
                names=", ".join(f.TECHNICAL_PROFILES),
                value="; ".join(sorted(technical_boards))
                if technical_boards
                else msg("add the profiles to its schools"),
            ),
        )
        return
    hint = (
        msg(
            "set it to the board of one of the region's vmbo schools: {boards}",
            boards="; ".join(sorted(technical_boards or boards)),
        )
        if boards
        else msg("add board: ... to the vmbo schools, and name one of those boards as penvoerder")
    )
    rd.error(
        ("penvoerder",),
        "penvoerder",
        msg("{penvoerder!r} is not the board of a vmbo school here", penvoerder=region.penvoerder),
        hint,
    )


def _check_codes(rd: _Rules, region: Region) -> None:
    seen: dict[str, int] = {}
    for i, school in enumerate(region.schools):
        if school.code in seen:
            rd.error(
                ("schools", i, "code"),
                f"schools[{i + 1}].code",
                msg("location code {code} is listed twice in this region", code=school.code),
                msg("see schools[{value}]; remove one", value=seen[school.code] + 1),
            )
        seen[school.code] = i
    if region.slug in region.formerly:
        rd.error(("formerly",), "formerly", msg("lists the region's own slug"), msg("list only old slugs"))


def _check_hotspot_schools(rd: _Rules, region: Region) -> None:
    codes = {s.code for s in region.schools}
    for i, hotspot in enumerate(region.hotspots):
        for j, code in enumerate(hotspot.used_by):
            if code not in codes:
                rd.error(
                    ("hotspots", i, "used_by", j),
                    f"hotspots[{i + 1}].used_by",
                    msg("{code} is not a school of this region", code=code),
                    msg(
                        "use the location code of one of the region's schools: {codes}", codes=", ".join(sorted(codes))
                    ),
                )


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
                    msg(
                        "vmbo location {code} ({name}) is also in region {slug}",
                        code=school.code,
                        name=school.name,
                        slug=other.slug,
                    ),
                    msg(
                        "a vmbo location belongs to one region only; remove it here or from {rel}", rel=other.source.rel
                    ),
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
                    msg("old slug {old!r} is the slug of the existing region {old}", old=old),
                    msg("an old slug can never be reused; remove it or rename the other region"),
                )
            elif old in old_owner:
                problems.error(
                    region.source.path,
                    region.lines.get("formerly"),
                    "formerly",
                    msg("old slug {old!r} is also claimed by region {slug}", old=old, slug=old_owner[old].slug),
                    msg("an old URL can redirect to one region only; see {rel}", rel=old_owner[old].source.rel),
                )
            else:
                old_owner[old] = region


def region_json_schema() -> dict[str, Any]:
    """The JSON Schema of region.yml, for editors: from the same declaration the loader reads with."""
    return json_schema(REGION)
