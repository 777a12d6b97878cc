"""stogen.yml -> a typed, validated Config."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from stogen.core.problems import Problems
from stogen.core.yamlsource import YamlDoc, YamlError, parse_yaml
from stogen.model.fields import FieldError, _count, _text

CONFIG_FILE = "stogen.yml"


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str


@dataclass
class Config:
    root: Path
    title: str
    base_url: str  # absolute, with scheme, without trailing slash
    description: str = ""
    language: str = "nl"
    timezone: str = "Europe/Amsterdam"
    output_dir: str = "public"
    theme: str = "default"
    per_page: int = 10
    menus: dict[str, list[MenuItem]] = field(default_factory=dict)
    organization: dict[str, str] = field(default_factory=dict)
    newsletter: NewsletterSettings = field(default_factory=lambda: NewsletterSettings())
    feed_items: int = 20  # newest items per RSS feed
    robots: str = "allow"  # "block": robots.txt disallows everything (preview deploys); see docs/seo.md
    search: bool = True  # build the Pagefind search index and /zoeken/
    digest: str = ""  # hash of the config file, part of every cache key

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def output_path(self) -> Path:
        return (self.root / self.output_dir).resolve()

    @property
    def theme_path(self) -> Path:
        return self.root / "themes" / self.theme

    def absolute(self, url: str) -> str:
        """An absolute URL for a site path like /nieuws/."""
        if "://" in url:
            return url
        return self.base_url + (url if url.startswith("/") else "/" + url)


_KNOWN = {
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "output_dir",
    "theme",
    "per_page",
    "menus",
    "organization",
    "newsletter",
    "feed_items",
    "robots",
    "search",
    "reviewers",  # central reviewers (GitHub accounts); read by stogen/tools/codeowners.py
}
ROBOTS_ENV = "STOGEN_ROBOTS"  # overrides `robots:`; netlify.toml sets it to block for deploy previews

# Mail services and their merge tags: (unsubscribe link, web version link).
# Laposta's tags are an assumption (see docs/newsletter.md); `unsubscribe_url` / `web_version_url` override them.
MAIL_SERVICES: dict[str, tuple[str, str]] = {
    "mailchimp": ("*|UNSUB|*", "*|ARCHIVE|*"),
    "laposta": ("{{unsubscribe}}", "{{webversion}}"),
    "url": ("", ""),  # the unsubscribe address comes from `unsubscribe_url`; the web version is the site's page
}
_NEWSLETTER_KEYS = ("service", "utm_source", "unsubscribe_url", "web_version_url")


@dataclass(frozen=True)
class NewsletterSettings:
    """`newsletter:` in stogen.yml: which mail service sends it and how its links are tagged."""

    service: str = "mailchimp"
    utm_source: str = "nieuwsbrief"
    unsubscribe_url: str = "*|UNSUB|*"
    web_version_url: str = "*|ARCHIVE|*"  # "" means: link to the web version on the site


def load_config(root: Path, problems: Problems) -> Config | None:
    path = root / CONFIG_FILE
    if not path.is_file():
        problems.error(path, None, None, "configuration file not found", f"run stogen in the folder with {CONFIG_FILE}")
        return None
    raw = path.read_bytes()
    try:
        doc = parse_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        problems.error(path, None, None, "is not UTF-8 text", "save the file as UTF-8")
        return None
    except YamlError as exc:
        problems.error(path, exc.line, None, f"invalid YAML: {exc.message}", "check indentation and quotes")
        return None
    if not isinstance(doc.data, dict):
        problems.error(path, 1, None, "must be a mapping of settings", "see docs/configuration.md")
        return None
    before = len(problems.errors)
    config = _build(root, path, doc, problems)
    config.digest = hashlib.sha256(raw).hexdigest()
    return config if len(problems.errors) == before else None


def _build(root: Path, path: Path, doc: YamlDoc, problems: Problems) -> Config:
    data: dict[str, Any] = doc.data

    def get(name: str, parse: Any, default: Any, required: bool = False) -> Any:
        if name not in data or data[name] is None:
            if required:
                problems.error(path, 1, name, "is required", f"add `{name}: ...` to {CONFIG_FILE}")
            return default
        try:
            return parse(data[name], None)
        except FieldError as exc:
            problems.error(path, doc.line(name), name, exc.message, exc.hint)
            return default

    for key in data:
        if key not in _KNOWN:
            problems.error(
                path,
                doc.line(key),
                str(key),
                "unknown setting",
                "known settings: " + ", ".join(sorted(_KNOWN)),
            )

    base_url = get("base_url", _text, "", required=True)
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.error(
                path,
                doc.line("base_url"),
                "base_url",
                f"{base_url!r} is not an absolute URL",
                "write the site's address with its scheme, like https://www.sterktechniekonderwijs.nl",
            )
        elif parts.path not in ("", "/") or parts.query or parts.fragment:
            problems.error(
                path,
                doc.line("base_url"),
                "base_url",
                "must be the site's root address, without a path",
                "stogen publishes at the root of a domain; remove everything after the host name",
            )
        base_url = base_url.rstrip("/")

    timezone = get("timezone", _text, "Europe/Amsterdam")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.error(
            path,
            doc.line("timezone"),
            "timezone",
            f"unknown time zone {timezone!r}",
            "use an IANA name like Europe/Amsterdam",
        )
        timezone = "Europe/Amsterdam"

    output_dir = get("output_dir", _text, "public")
    out = (root / output_dir).resolve()
    if (
        out == root.resolve()
        or not out.is_relative_to(root.resolve())
        or any(out == (root / d).resolve() for d in ("content", "regions", "themes", "newsletters", "stogen", "tests"))
    ):
        problems.error(
            path,
            doc.line("output_dir"),
            "output_dir",
            f"{output_dir!r} cannot hold the built site",
            "use a folder of its own inside the repository, like public",
        )

    per_page = get("per_page", _count, 10)
    if per_page < 1:
        problems.error(path, doc.line("per_page"), "per_page", "must be at least 1", "write a number like 10")
        per_page = 10

    feed_items = get("feed_items", _count, 20)
    if feed_items < 1:
        problems.error(path, doc.line("feed_items"), "feed_items", "must be at least 1", "write a number like 20")
        feed_items = 20
    robots = _robots(path, doc, problems)
    search = data.get("search", True)
    if not isinstance(search, bool):
        problems.error(path, doc.line("search"), "search", "must be true or false", "write search: false to skip it")
        search = True

    return Config(
        root=root,
        title=get("title", _text, "", required=True),
        description=get("description", _text, ""),
        base_url=base_url,
        language=get("language", _text, "nl"),
        timezone=timezone,
        output_dir=output_dir,
        theme=get("theme", _text, "default"),
        per_page=per_page,
        menus=_menus(path, doc, problems),
        organization=_organization(path, doc, problems),
        newsletter=_newsletter(path, doc, problems),
        feed_items=feed_items,
        robots=robots,
        search=search,
    )


def _robots(path: Path, doc: YamlDoc, problems: Problems) -> str:
    """allow|block, from $STOGEN_ROBOTS (set per deploy context) or else `robots:` in stogen.yml."""
    env = os.environ.get(ROBOTS_ENV, "").strip().lower()
    if env:
        if env not in ("allow", "block"):
            problems.error(ROBOTS_ENV, None, None, f"unknown value {env!r}", "use allow or block")
            return "allow"
        return env
    value = str(doc.data.get("robots") or "allow").strip().lower()
    if value not in ("allow", "block"):
        problems.error(path, doc.line("robots"), "robots", f"unknown value {value!r}", "use allow or block")
        return "allow"
    return value


def _menus(path: Path, doc: YamlDoc, problems: Problems) -> dict[str, list[MenuItem]]:
    raw = doc.data.get("menus") or {}
    if not isinstance(raw, dict):
        problems.error(
            path,
            doc.line("menus"),
            "menus",
            "must be a mapping of menu names to lists",
            "write menus: then main: with a list of {title, url}",
        )
        return {}
    menus: dict[str, list[MenuItem]] = {}
    for name, items in raw.items():
        menus[name] = []
        if not isinstance(items, list):
            problems.error(
                path,
                doc.line("menus", name),
                f"menus.{name}",
                "must be a list",
                "write each item as - {title: ..., url: ...}",
            )
            continue
        for i, item in enumerate(items):
            line = doc.line("menus", name, i)
            if not isinstance(item, dict) or not item.get("title") or not item.get("url"):
                problems.error(
                    path,
                    line,
                    f"menus.{name}",
                    "each item needs a title and a url",
                    "write - {title: Nieuws, url: /nieuws/}",
                )
                continue
            url = str(item["url"])
            if not (url.startswith("/") or url.startswith("https://")):
                problems.error(
                    path,
                    line,
                    f"menus.{name}",
                    f"{url!r} is not a site path or https address",
                    "write /nieuws/ or https://...",
                )
            menus[name].append(MenuItem(str(item["title"]), url))
    return menus


def _organization(path: Path, doc: YamlDoc, problems: Problems) -> dict[str, str]:
    raw = doc.data.get("organization") or {}
    if not isinstance(raw, dict):
        problems.error(
            path,
            doc.line("organization"),
            "organization",
            "must be a mapping",
            "write name:, logo: and url: below it",
        )
        return {}
    return {str(k): str(v) for k, v in raw.items()}


def _newsletter(path: Path, doc: YamlDoc, problems: Problems) -> NewsletterSettings:
    raw = doc.data.get("newsletter")
    if raw is None:
        return NewsletterSettings()
    if not isinstance(raw, dict):
        problems.error(
            path, doc.line("newsletter"), "newsletter", "must be a mapping", "write service: mailchimp below it"
        )
        return NewsletterSettings()
    values: dict[str, str] = {}
    for key, value in raw.items():
        name = f"newsletter.{key}"
        if key not in _NEWSLETTER_KEYS:
            problems.error(
                path, doc.line("newsletter", key), name, "unknown setting", "known: " + ", ".join(_NEWSLETTER_KEYS)
            )
            continue
        try:
            values[key] = _text(value, None)
        except FieldError as exc:
            problems.error(path, doc.line("newsletter", key), name, exc.message, exc.hint)
    service = values.get("service", "mailchimp").lower()
    if service not in MAIL_SERVICES:
        problems.error(
            path,
            doc.line("newsletter", "service"),
            "newsletter.service",
            f"unknown mail service {service!r}",
            "use one of " + ", ".join(MAIL_SERVICES) + " (url: give unsubscribe_url yourself)",
        )
        return NewsletterSettings()
    unsubscribe, web_version = MAIL_SERVICES[service]
    unsubscribe = values.get("unsubscribe_url", unsubscribe)
    if not unsubscribe:
        problems.error(
            path,
            doc.line("newsletter"),
            "newsletter.unsubscribe_url",
            "is required with service: url",
            "write the address of your unsubscribe page, with your mail service's placeholder if it has one",
        )
    return NewsletterSettings(
        service, values.get("utm_source", "nieuwsbrief"), unsubscribe, values.get("web_version_url", web_version)
    )
