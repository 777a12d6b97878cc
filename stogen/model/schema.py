"""The front-matter schema of each kind of content file, and the checks that apply it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from stogen.core.yamlsource import YamlDoc
from stogen.model import fields as f


@dataclass(frozen=True)
class Spec:
    type: f.FieldType
    required: bool = False
    description: str = ""


_COMMON: dict[str, Spec] = {
    "title": Spec(f.TEXT, True, "Title, shown as the page heading"),
    "summary": Spec(f.TEXT, False, "One sentence for listings, search engines and social media (max. 155 characters)"),
    "slug": Spec(f.SLUG, False, "Last part of the URL; by default the file name without its date prefix"),
    "draft": Spec(f.BOOL, False, "true: not published (shown with `stogen serve` and `--drafts`)"),
    "aliases": Spec(f.ALIASES, False, "Old URLs of this page that redirect here (301)"),
    "image": Spec(f.FILE, False, "Image file, relative to this file; needs image_alt"),
    "image_alt": Spec(f.TEXT, False, "Description of the image for people who cannot see it"),
    "tags": Spec(f.TAGS, False, "Keywords"),
    "profiles": Spec(f.PROFILE_LIST, False, "vmbo profiles this is about: " + ", ".join(f.PROFILES)),
}

NEWS: dict[str, Spec] = {
    **_COMMON,
    "date": Spec(f.MOMENT, True, "Publication date; a future date is published from then on"),
    "updated": Spec(f.MOMENT, False, "Date of the last substantial change"),
    "author": Spec(f.TEXT, False, "Author's name"),
    "featured": Spec(f.BOOL, False, "true: highlighted on the home page"),
}

EVENT: dict[str, Spec] = {
    **_COMMON,
    "start": Spec(f.MOMENT, True, "Start, local time Europe/Amsterdam"),
    "end": Spec(f.MOMENT, False, "End, after the start"),
    "location": Spec(f.TEXT, False, "Address or venue; an event needs location or online_url"),
    "online_url": Spec(f.URL, False, "Link to join online"),
    "registration_url": Spec(f.URL, False, "Link to register"),
}

WEBINAR: dict[str, Spec] = {
    **_COMMON,
    "start": Spec(f.MOMENT, True, "Start, local time Europe/Amsterdam"),
    "duration": Spec(f.MINUTES, True, "Length in minutes"),
    "speakers": Spec(f.PEOPLE, False, "Speakers: a list of names or of {name, role}"),
    "registration_url": Spec(f.URL, False, "Link to register (upcoming webinars)"),
    "recording": Spec(
        f.URL,
        False,
        "Recording (past webinars): youtube.com/watch?v=<id>, youtu.be/<id>, youtube.com/live/<id> or vimeo.com/<id>",
    ),
    "slides": Spec(f.FILE_OR_URL, False, "Slides: a file next to this one, or a web address"),
    "live_viewers": Spec(f.COUNT, False, "Number of people who watched live"),
    "replay_views": Spec(f.COUNT, False, "Number of views of the recording"),
    "views_counted": Spec(f.MOMENT, False, "The date replay_views was counted (replays keep being watched)"),
}

PAGE: dict[str, Spec] = {
    **_COMMON,
    "weight": Spec(f.COUNT, False, "Order among sibling pages (lower first)"),
}


# Fields some users expect from other generators; each gets a specific answer.
_NOT_SUPPORTED = {
    "url": "the URL comes from the file's folder and name; use `slug` to change its last part",
    "permalink": "the URL comes from the file's folder and name; use `slug` to change its last part",
    "path": "the URL comes from the file's folder and name; use `slug` to change its last part",
    "region": "a file's region is the folder it is in (regions/<slug>/); move the file instead",
    "layout": "the layout follows from the kind of content; remove the line",
    "template": "the layout follows from the kind of content; remove the line",
}


@dataclass
class Checked:
    values: dict[str, Any]
    ok: bool


def check_fields(doc: YamlDoc, schema: dict[str, Spec], tz: ZoneInfo, report: Any, path: Any, kind: str) -> Checked:
    """Apply a schema to parsed YAML; report every problem through `report(path, line, field, msg, hint)`."""
    data = doc.data
    values: dict[str, Any] = {}
    ok = True
    for dup_path, line in doc.duplicates:
        report(path, line, str(dup_path[-1]), "appears twice", "keep one of the two lines")
        ok = False
    for key in data:
        if key in schema:
            continue
        ok = False
        name = str(key)
        if name in _NOT_SUPPORTED:
            report(path, doc.line(name), name, "is not a field stogen accepts", _NOT_SUPPORTED[name])
        else:
            close = _closest(name, schema)
            hint = f"did you mean {close!r}?" if close else "known fields: " + ", ".join(schema)
            report(path, doc.line(name), name, f"unknown field for {kind}", hint)
    for name, spec in schema.items():
        if name not in data or data[name] is None:
            if spec.required:
                report(path, doc.first_line, name, "is required", f"add a line `{name}: ...` to the front matter")
                ok = False
            continue
        try:
            values[name] = spec.type.parse(data[name], tz)
        except f.FieldError as exc:
            report(path, doc.line(name), name, exc.message, exc.hint)
            ok = False
    return Checked(values, ok)


def _closest(name: str, schema: dict[str, Spec]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(name.lower(), list(schema), n=1, cutoff=0.7)
    return matches[0] if matches else None


def json_schema(kind: str, schema: dict[str, Spec]) -> dict[str, Any]:
    """The JSON Schema of one kind of front matter, for editors (YAML language server)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"stogen {kind} front matter",
        "type": "object",
        "properties": {name: {**spec.type.schema, "description": spec.description} for name, spec in schema.items()},
        "required": [name for name, spec in schema.items() if spec.required],
        "additionalProperties": False,
    }
