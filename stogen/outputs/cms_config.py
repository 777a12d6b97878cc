"""The web editor's configuration (Decap CMS config.yml), generated from stogen's own JSON Schemas.

The forms are never written by hand: every field, required flag, enum and pattern comes from the schema the build
reads front matter and region.yml with (tests/test_cms.py compares them), so the CMS cannot offer what the build
would refuse. Labels and hints are Dutch (cms_labels.py), with the schema's description as a fallback hint.

One configuration for the central team (/admin/: content/), and one per region (/admin/regio/<slug>/: only that
region's folder, its photos in regions/<slug>/images, and its region.yml as a form).
"""

from __future__ import annotations

from typing import Any

import yaml

from stogen.core.spec import json_schema
from stogen.model.config import CmsSettings
from stogen.model.fields import SLUG_RE
from stogen.model.kinds import KINDS, Kind
from stogen.model.regions import region_json_schema
from stogen.outputs import cms_labels as nl

# Decap's datetime widget writes what these moment.js formats say; both forms are what stogen's dates accept.
DATE_FORMAT = "YYYY-MM-DD"
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"
DATE_ONLY = frozenset({"date", "updated"})  # a news item's day; events and webinars have a time
LAST = frozenset({"slug", "aliases", "draft", "updated", "formerly"})
MEDIA_FOLDER = "images"  # photos of a region (or of content/) live in its images/ folder

# Central folders by kind; a region's are the same below regions/<slug>/.
Json = dict[str, Any]


def kind_schemas() -> dict[str, Json]:
    """The JSON Schema of each kind's front matter, as `stogen schema` writes it."""
    return {kind.name: json_schema(kind.shape) for kind in KINDS.values()}


def _pattern_message(name: str, pattern: str) -> str:
    if pattern == SLUG_RE.pattern:
        return nl.PATTERN_MESSAGES["slug"]
    if pattern.startswith("^https?"):
        return nl.PATTERN_MESSAGES["url"]
    if pattern.startswith("^/"):  # a site path (aliases): the build's own pattern, with its Dutch message
        return nl.PATTERN_MESSAGES["path"]
    if pattern.startswith(r"^\d{4}"):
        return nl.PATTERN_MESSAGES["date"]
    return nl.PATTERN_MESSAGES["other"]


def _object_of(prop: Json) -> Json:
    """A value written either as text or as a mapping (a person, a partner): the form edits the mapping."""
    for alternative in prop.get("anyOf", ()):
        if alternative.get("type") == "object":
            return {**alternative, **{k: v for k, v in prop.items() if k != "anyOf"}}
    return prop


def field(name: str, prop: Json, required: bool) -> Json:
    """One Decap field from one JSON Schema property."""
    # A field without a Dutch row still gets a form: its name as label, the schema's (English) description as hint.
    label, hint = nl.FIELDS.get(name, (name, prop.get("description", "")))
    out: Json = {"label": label, "name": name, "required": required}
    if hint:
        out["hint"] = hint
    prop = _object_of(prop)
    kind = prop.get("type")
    if kind == "boolean":
        out.update(widget="boolean", default=False)
    elif kind == "integer":
        out.update(widget="number", value_type="int")
        if "minimum" in prop:
            out["min"] = prop["minimum"]
        if "maximum" in prop:
            out["max"] = prop["maximum"]
    elif kind == "string":
        out.update(_string(name, prop))
    elif kind == "array":
        out.update(_array(name, prop))
    elif kind == "object" and "properties" in prop:
        out.update(widget="object", fields=fields_of(prop))
    else:
        raise ValueError(f"{name}: no form widget for the schema {prop!r}")
    return out


def _string(name: str, prop: Json) -> Json:
    out: Json
    if "enum" in prop:
        return {"widget": "select", "options": _options(name, prop["enum"])}
    pattern = prop.get("pattern")
    if pattern and pattern.startswith(r"^\d{4}"):
        date_only = name in DATE_ONLY
        out = {"widget": "datetime", "format": DATE_FORMAT if date_only else DATETIME_FORMAT}
        out.update(date_format="DD-MM-YYYY", time_format=False if date_only else "HH:mm", picker_utc=False)
    elif name == "image":
        out = {"widget": "image", "choose_url": False}
    elif name == "slides":
        out = {"widget": "file", "choose_url": True}
    elif name in ("summary", "description"):
        out = {"widget": "text"}
    else:
        out = {"widget": "string"}
    if pattern:
        out["pattern"] = [pattern, _pattern_message(name, pattern)]
    return out


def _options(name: str, values: list[str]) -> list[Any]:
    """A select's options: the values themselves, or {label, value} where cms_labels writes a value out."""
    labels = nl.OPTIONS.get(name)
    return [{"label": labels[v], "value": v} for v in values] if labels else list(values)


def _array(name: str, prop: Json) -> Json:
    items = _object_of(prop.get("items", {}))
    out: Json
    if "enum" in items:
        out = {"widget": "select", "multiple": True, "options": _options(name, items["enum"])}
    elif items.get("type") == "object":
        out = {"widget": "list", "fields": fields_of(items)}
    elif "pattern" in items:
        inner = {"label": "Waarde", "name": "value", "widget": "string", "required": True}
        inner["pattern"] = [items["pattern"], _pattern_message("", items["pattern"])]
        out = {"widget": "list", "field": inner}
    else:
        out = {"widget": "list"}  # a list of words, typed comma-separated
    if prop.get("minItems"):
        out["min"] = prop["minItems"]
    return out


def fields_of(schema: Json) -> list[Json]:
    """The form's fields: required ones first, what editors seldom need (slug, old URLs, draft) last."""
    required = set(schema.get("required", ()))
    names = list(schema["properties"])
    order = sorted(names, key=lambda n: (n not in required, n in LAST, names.index(n)))
    return [field(name, schema["properties"][name], name in required) for name in order]


def front_matter_fields(kind: Kind, schema: Json) -> list[Json]:
    """A content file's form: its front matter, then its Markdown text."""
    body = {"label": nl.FIELDS["body"][0], "name": "body", "widget": "markdown", "required": False}
    return [*fields_of(schema), body]


def folder_collection(kind: Kind, base: str, schema: Json) -> Json:
    """A collection of one kind's files in `base` (content or regions/<slug>), named as `stogen new` names them."""
    plural, singular = nl.COLLECTIONS[kind.name]
    folder = f"{base}/{kind.folder}" if kind.folder else base
    dated = kind.name != "page"
    # The file name the way `stogen new` makes it: <date>-<slug>.md, a page <slug>.md; the image field is relative
    # to the file (../images/foto.jpg from nieuws/, images/foto.jpg from a page), the photo in <base>/images.
    return {
        "name": kind.folder or "paginas",
        "label": plural,
        "label_singular": singular,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}" if dated else "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": [n for n in ("date", "start", "title") if n in schema["properties"]],
        "media_folder": f"/{base}/{MEDIA_FOLDER}",
        "public_folder": f"../{MEDIA_FOLDER}" if kind.folder else MEDIA_FOLDER,
        "fields": front_matter_fields(kind, schema),
    }


def region_collection(slug: str, schema: Json) -> Json:
    plural, singular = nl.COLLECTIONS["region"]
    return {
        "name": "regio",
        "label": plural,
        "files": [
            {
                "name": "region",
                "label": singular,
                "file": f"regions/{slug}/region.yml",
                "fields": fields_of(schema),
            }
        ],
    }


def _backend(settings: CmsSettings) -> Json:
    backend: Json = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "squash_merges": True,
        # No preview_context: Decap then links the pull request's status whose context names a deploy, which is
        # Netlify's deploy preview ("netlify/<site>/deploy-preview").
        "commit_messages": dict(nl.COMMIT_MESSAGES),
    }
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    return backend


def config(settings: CmsSettings, site_url: str, base: str, collections: list[Json]) -> Json:
    """A whole config.yml: GitHub with the editorial workflow (a pull request per change), Dutch, no CDN."""
    return {
        "backend": _backend(settings),
        # On localhost only, Decap talks to `npx decap-server` (a local git repository) instead of GitHub.
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "show_preview_links": True,
        "locale": "nl",
        "site_url": site_url,
        "display_url": site_url,
        "load_config_file": False,
        "media_folder": f"{base}/{MEDIA_FOLDER}",
        "public_folder": f"/{base}/{MEDIA_FOLDER}",
        # File names as stogen's slugify makes them: lowercase ASCII, accents dropped, hyphens.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def central_config(settings: CmsSettings, site_url: str) -> Json:
    schemas = kind_schemas()
    collections = [folder_collection(kind, "content", schemas[kind.name]) for kind in KINDS.values()]
    return config(settings, site_url, "content", collections)


def region_config(settings: CmsSettings, site_url: str, slug: str) -> Json:
    schemas = kind_schemas()
    base = f"regions/{slug}"
    collections = [folder_collection(kind, base, schemas[kind.name]) for kind in KINDS.values()]
    collections.append(region_collection(slug, region_json_schema()))
    return config(settings, site_url, base, collections)


HEADER = "# Generated by stogen from its JSON Schemas (stogen/outputs/cms_config.py); do not edit.\n"


def to_yaml(data: Json) -> bytes:
    """The config as YAML: the same bytes every build (insertion order, no aliases, Unicode as is)."""

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    text = yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=120)
    return (HEADER + text).encode()
