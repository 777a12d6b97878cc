"""The theme: a Jinja2 environment (autoescaped, strict) with the Dutch UI strings and filters."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import jinja2.ext
import orjson
import yaml
from jinja2 import nodes

from stogen.core.cache import Cache
from stogen.core.yamlsource import SAFE_LOADER
from stogen.model import figures
from stogen.model.config import Config
from stogen.model.fields import AUDIENCES
from stogen.render import identity

# A place name or address -> a map service's search for it (a link: nothing loads before the reader clicks).
MAP_SEARCH = "https://www.openstreetmap.org/search?query="

# A time or a range of times with its "uur", as format_time and format_span write them.
_TIME_PART = re.compile(r"\d{1,2}\.\d{2}(?:–\d{1,2}\.\d{2})? uur")


class Theme:
    def __init__(self, config: Config, cache: Cache | None = None) -> None:
        self.path = config.theme_path
        self.config = config
        self.strings: dict[str, Any] = yaml.load((self.path / "strings.nl.yml").read_text("utf-8"), Loader=SAFE_LOADER)
        self.env = _Environment(
            loader=jinja2.FileSystemLoader(self.path / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_bytecode_cache(cache),
            auto_reload=False,  # a theme is one build's (serve builds again on a change): no stat per lookup
            extensions=[RememberExtension],
        )
        self._static_versions: dict[str, str] = {}
        self.identity = identity.load(self.path)
        # Theme files stogen makes rather than copies: style.css begins with the identity's custom properties.
        self.generated: dict[str, bytes] = {}
        css = self.static_dir() / "style.css"
        if css.is_file():
            self.generated["style.css"] = (self.identity.css(self.static_url) + "\n").encode() + css.read_bytes()
        self.env.globals.update(
            t=self.strings,
            config=config,
            static_url=self.static_url,
            audiences=AUDIENCES,
            identity=self.identity,
            aria_current=aria_current,
        )
        self.env.filters.update(
            datum=self.format_date,
            datumtijd=self.format_datetime,
            tijd=self.format_time,
            wanneer=self.span_html,
            iso=lambda d: d.isoformat(),
            absolute=config.absolute,
            tojson_ld=_json_ld,
            fill=figures.fill,
            kaart=lambda place: MAP_SEARCH + quote(place, safe=""),
        )

    def remember_cards(self) -> None:
        """Render each card once per item: the card macros (CARD_MACROS) of macros.html are wrapped, in the module
        every `{% from "macros.html" import ... %}` receives, by a memo keyed by the item (its identity: items
        are immutable) and the other arguments. An article's card is shown on its region's news, the central
        news, a page per tag and a profile: 4,700 listing pages at 78 x 200 rendered 47,000 cards for 15,800
        items. A card's HTML depends on its arguments and the theme's globals only, as any macro's of that
        module does (imported without context)."""
        try:
            module = self.env.get_template("macros.html")._get_default_module()  # what imports without context get
        except jinja2.TemplateError:  # no macros.html (a theme of another shape), or a broken one: the pages
            return  # that import it report it, at its line
        for name in CARD_MACROS:
            macro = getattr(module, name, None)
            if macro is not None:
                setattr(module, name, _kept_per_item(macro))

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
            made = self.generated.get(name)
            version = hashlib.sha256(made or (self.static_dir() / name).read_bytes()).hexdigest()[:10]
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
        """10.00, 9.30: Dutch writes the time with a full stop and no leading zero (Taalunie); the site, the email
        and the feeds all say it this way (tests/test_voice.py)."""
        d = (value.at if hasattr(value, "at") else value).astimezone(self.config.tz)
        return f"{d.hour}.{d.minute:02d}"

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

    def span_html(self, start: Any, end: Any = None) -> Any:
        """format_span for a page: the time part ("7.30–9.30 uur") kept on one line, never broken after the dash."""
        text = str(jinja2.utils.markupsafe.escape(self.format_span(start, end)))
        return jinja2.utils.markupsafe.Markup(_TIME_PART.sub(r'<span class="nowrap">\g<0></span>', text))

    def format_datetime(self, value: Any) -> str:
        if hasattr(value, "has_time") and not value.has_time:
            return self.format_date(value)
        return f"{self.format_date(value)}, {self.format_time(value)} uur"


def aria_current(links: Iterable[Any], current: str, home: str) -> tuple[str, ...]:
    """A menu's aria-current per link (a URL, or a menu item with its `url`) on the page at `current`: "page" for
    the link to it, "true" for a link to a part of the site it is in (not `home`, the menu's start, which every
    page is in; not an anchor), else "". The menu is the same on every page with the same marks, so a theme keeps
    it with `{% remember %}` (base.html's main menu, macros.html's region menu: 0.1 ms of a page's 0.4)."""
    marks = []
    for link in links:
        url = link if isinstance(link, str) else link.url
        marks.append(
            "page" if url == current else "true" if url != home and "#" not in url and current.startswith(url) else ""
        )
    return tuple(marks)


class RememberExtension(jinja2.ext.Extension):
    """`{% remember "name", value, ... %}...{% endremember %}`: the part between is rendered once per theme
    (one build, or one `stogen serve` session until its next build) for each distinct key, and that HTML is
    reused on every other page with the same key. For what is the same on nearly every page (the footer with
    its sign-up form, the header's brand and search field): about 0.1 ms of 0.5 for each of 21,000 pages at
    78 x 200. The key must name everything in the part that can differ between pages; the rest may only come
    from the theme's globals (`t`, `config`) and the site's figures. Keys are compared by their repr, so lists
    and dicts can be part of one."""

    tags = frozenset({"remember"})  # type: ignore[assignment]

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(remembered={})

    def parse(self, parser: Any) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endremember",), drop_needle=True)
        call = self.call_method("_remembered", [nodes.List(key)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _remembered(self, key: list[Any], caller: Any) -> Any:
        memo: dict[str, Any] = self.environment.remembered  # type: ignore[attr-defined]
        name = repr(key)
        hit = memo.get(name)
        if hit is None:
            hit = memo[name] = caller()
        return hit


# The macros of macros.html whose output remember_cards keeps: a card per item, shown on many listing pages.
CARD_MACROS = ("news_card", "event_card", "webinar_card")


def _kept_per_item(macro: Any) -> Any:
    """`macro` with its output kept per first argument (by identity, held so its id is never reused) and the rest."""
    memo: dict[tuple[Any, ...], tuple[Any, Any]] = {}

    def call(first: Any, *args: Any, **kwargs: Any) -> Any:
        key = (id(first), args, tuple(sorted(kwargs.items())))
        try:
            hit = memo.get(key)
        except TypeError:  # an argument that cannot be a key (a list): made every time
            return macro(first, *args, **kwargs)
        if hit is None:
            hit = memo[key] = (first, macro(first, *args, **kwargs))
        return hit[1]

    return call


class _Environment(jinja2.Environment):
    """Templates share the environment's globals instead of each holding a ChainMap over them.

    Every `{% from "macros.html" import ... %}` asks Jinja whether the importing template has globals the
    imported one lacks (`set - ChainMap.keys()`, a Python-level walk of every global): 0.18 ms per import,
    31,000 imports and about 11% of rendering at 78 x 200. No template has globals of its own here (nothing
    passes `globals=` to get_template), so a plain dict gives the same answer at C speed."""

    def make_globals(self, d: Any) -> Any:
        return self.globals if not d else super().make_globals(d)


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
    try:  # orjson writes what json.dumps(ensure_ascii=False, separators=(",", ":")) does, eight times as fast
        text = orjson.dumps(data).decode("utf-8")
    except TypeError:  # what orjson refuses (a lone surrogate, an int past 64 bits): the standard library's text
        text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return jinja2.utils.markupsafe.Markup(text)
