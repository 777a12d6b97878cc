"""The theme: a Jinja2 environment (autoescaped, strict) with the Dutch UI strings and filters."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import yaml

from stogen.core.cache import Cache
from stogen.model.config import Config
from stogen.model.fields import AUDIENCES

# A place name or address -> a map service's search for it (a link: nothing loads before the reader clicks).
MAP_SEARCH = "https://www.openstreetmap.org/search?query="


class Theme:
    def __init__(self, config: Config, cache: Cache | None = None) -> None:
        self.path = config.theme_path
        self.config = config
        self.strings: dict[str, Any] = yaml.safe_load((self.path / "strings.nl.yml").read_text("utf-8"))
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.path / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_bytecode_cache(cache),
        )
        self.env.globals.update(t=self.strings, config=config, static_url=self.static_url, audiences=AUDIENCES)
        self._static_versions: dict[str, str] = {}
        self.env.filters.update(
            datum=self.format_date,
            datumtijd=self.format_datetime,
            tijd=self.format_time,
            wanneer=self.format_span,
            iso=lambda d: d.isoformat(),
            absolute=config.absolute,
            tojson_ld=_json_ld,
            kaart=lambda place: MAP_SEARCH + quote(place, safe=""),
        )

    def register(self, functions: dict[str, Any]) -> None:
        """Functions templates may call: registered by the pipeline, which knows the outputs (this layer does not)."""
        self.env.globals.update(functions)

    def digest(self) -> str:
        """A hash of every file of the theme: part of the cache key of everything rendered with it."""
        h = hashlib.sha256()
        for p in sorted(self.path.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(self.path).as_posix().encode())
                h.update(p.read_bytes())
        return h.hexdigest()

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def static_url(self, name: str) -> str:
        """/static/<name>?v=<content hash>: safe to cache for a year, changes when the file does."""
        version = self._static_versions.get(name)
        if version is None:
            version = hashlib.sha256((self.static_dir() / name).read_bytes()).hexdigest()[:10]
            self._static_versions[name] = version
        return f"/static/{name}?v={version}"

    def static_dir(self) -> Path:
        return self.path / "static"

    def format_date(self, value: Any) -> str:
        d = value.at if hasattr(value, "at") else value
        if isinstance(d, datetime):
            d = d.astimezone(self.config.tz).date()
        assert isinstance(d, date)
        return f"{d.day} {self.strings['months'][d.month - 1]} {d.year}"

    def format_time(self, value: Any) -> str:
        """10.00: Dutch writes the time with a full stop (Taalunie), and the site and the email both do."""
        d = value.at if hasattr(value, "at") else value
        return d.astimezone(self.config.tz).strftime("%H.%M")

    def format_span(self, start: Any, end: Any = None) -> str:
        """When something happens, the Dutch way and without repeating itself:
        14 maart 2026, 10.00–15.00 uur; 14–16 maart 2026; 30 januari – 2 februari 2027."""
        if end is None or end == start:
            return self.format_datetime(start)
        s = start.at.astimezone(self.config.tz)
        e = (end.at if hasattr(end, "at") else end).astimezone(self.config.tz)
        timed = getattr(start, "has_time", True)
        if timed and s.date() == e.date():
            return f"{self.format_date(s)}, {self.format_time(s)}–{self.format_time(e)} uur"
        if timed:
            return f"{self.format_datetime(start)} – {self.format_date(e)}, {self.format_time(e)} uur"
        months = self.strings["months"]
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}–{e.day} {months[e.month - 1]} {e.year}"
        if s.year == e.year:
            return f"{s.day} {months[s.month - 1]} – {e.day} {months[e.month - 1]} {e.year}"
        return f"{self.format_date(s)} – {self.format_date(e)}"

    def format_datetime(self, value: Any) -> str:
        if hasattr(value, "has_time") and not value.has_time:
            return self.format_date(value)
        return f"{self.format_date(value)}, {self.format_time(value)} uur"


def _bytecode_cache(cache: Cache | None) -> jinja2.BytecodeCache | None:
    """Compiled templates kept in .stogen-cache/templates/ (Jinja checks each against its source)."""
    if cache is None or not cache.enabled:
        return None
    folder = cache.folder / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _json_ld(data: Any) -> str:
    """JSON for a <script type="application/ld+json"> block: `<` escaped so content cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return jinja2.utils.markupsafe.Markup(text)
