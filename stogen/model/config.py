"""stogen.yml -> a typed, validated Config."""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from stogen.core import yamlsource
from stogen.core.messages import LANGUAGES, Msg, msg
from stogen.core.problems import Problems
from stogen.core.spec import FieldError, FieldType, ListOf, MapOf, Shape, Spec, read
from stogen.core.yamlsource import YamlDoc, YamlError, parse_yaml
from stogen.model import fields as f

CONFIG_FILE = "stogen.yml"
# Pages per shard of the search index: an edit re-indexes one shard, a search loads every shard (docs/performance.md).
SEARCH_SHARD_PAGES = 400


@dataclass(frozen=True)
class CmsSettings:
    """Where the web editor (Decap CMS, /admin/) saves: a GitHub repository and its branch."""

    repo: str  # owner/name
    branch: str = "main"
    auth_url: str = ""  # the OAuth provider's base URL; "" is Netlify's (api.netlify.com)


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
    cms: CmsSettings | None = None  # the web editor at /admin/ (docs/cms.md); None: no /admin/
    search_shard_pages: int = SEARCH_SHARD_PAGES  # about this many pages per shard of the search index
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


ROBOTS_ENV = "STOGEN_ROBOTS"  # overrides `robots:`; netlify.toml sets it to block for deploy previews

# Mail services and their merge tags: (unsubscribe link, web version link).
# Laposta's tags are an assumption (see docs/newsletter.md); `unsubscribe_url` / `web_version_url` override them.
MAIL_SERVICES: dict[str, tuple[str, str]] = {
    "mailchimp": ("*|UNSUB|*", "*|ARCHIVE|*"),
    "laposta": ("{{unsubscribe}}", "{{webversion}}"),
    "url": ("", ""),  # the unsubscribe address comes from `unsubscribe_url`; the web version is the site's page
}


@dataclass(frozen=True)
class NewsletterSettings:
    """`newsletter:` in stogen.yml: which mail service sends it and how its links are tagged."""

    service: str = "mailchimp"
    utm_source: str = "nieuwsbrief"
    unsubscribe_url: str = "*|UNSUB|*"
    web_version_url: str = "*|ARCHIVE|*"  # "" means: link to the web version on the site
    signup_url: str | None = None  # the mail service's sign-up form action; None: no form on the site
    signup_field: str = "EMAIL"  # the form field that holds the address
    signup_hidden: tuple[tuple[str, str], ...] = ()  # extra hidden fields the service's form needs


# The name of the e-mail address field in each service's embedded sign-up form.
SIGNUP_FIELDS = {"mailchimp": "EMAIL", "laposta": "email", "url": "email"}


def _root_url(value: Any, tz: Any) -> str:
    text = f.TEXT.parse(value, tz)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FieldError(
            msg("{text!r} is not an absolute URL", text=text),
            msg("write the site's address with its scheme, like https://www.sterktechniekonderwijs.nl"),
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise FieldError(
            msg("must be the site's root address, without a path"),
            msg("stogen publishes at the root of a domain; remove everything after the host name"),
        )
    return text.rstrip("/")


def _timezone(value: Any, tz: Any) -> str:
    text = f.TEXT.parse(value, tz)
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise FieldError(
            msg("unknown time zone {text!r}", text=text), msg("use an IANA name like Europe/Amsterdam")
        ) from None
    return text


def _positive(example: int) -> FieldType:
    def parse(value: Any, tz: Any) -> int:
        n = f.COUNT.parse(value, tz)
        if n < 1:
            raise FieldError(msg("must be at least 1"), msg("write a number like {example}", example=example))
        return n

    return FieldType("positive", parse, {"type": "integer", "minimum": 1})


_REPO_RE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def _repo(value: Any, tz: Any) -> str:
    text = f.TEXT.parse(value, tz)
    if not _REPO_RE.match(text):
        raise FieldError(
            msg("{text!r} is not a GitHub repository", text=text), msg("write owner/name, like sto/website")
        )
    return text


def _menu_url(value: Any, tz: Any) -> str:
    url = f.TEXT.parse(value, tz)
    if not (url.startswith("/") or url.startswith("https://")):
        raise FieldError(
            msg("{url!r} is not a site path or https address", url=url), msg("write /nieuws/ or https://...")
        )
    return url


ROOT_URL = FieldType("root_url", _root_url, {"type": "string", "format": "uri", "pattern": "^https?://[^/]+/?$"})
TIMEZONE = FieldType("timezone", _timezone, {"type": "string", "minLength": 1})
MENU_URL = FieldType("menu_url", _menu_url, {"type": "string", "pattern": "^(/|https://)"})
REPO = FieldType("repo", _repo, {"type": "string", "pattern": _REPO_RE.pattern})
CMS = Shape(
    {
        "repo": Spec(REPO, True, "The GitHub repository the editor saves to, as owner/name"),
        "branch": Spec(f.TEXT, False, "The branch that is published (default main)"),
        "auth_url": Spec(f.URL, False, "The OAuth provider's address (default Netlify's, https://api.netlify.com)"),
    },
    msg("the web editor's settings"),
    unknown=msg("unknown setting"),
)
MENU_ITEM = Shape(
    {"title": Spec(f.TEXT, True, "What the link says"), "url": Spec(MENU_URL, True, "A site path or https address")},
    msg("a menu item"),
)
NEWSLETTER = Shape(
    {
        "service": Spec(f.choice(msg("mail service"), MAIL_SERVICES), False, "The mail service that sends it"),
        "utm_source": Spec(f.TEXT, False, "utm_source of every link in the email (default nieuwsbrief)"),
        "unsubscribe_url": Spec(f.TEXT, False, "The unsubscribe link (default: the service's merge tag)"),
        "web_version_url": Spec(f.TEXT, False, 'The "view in browser" link ("" for the page on this site)'),
        "signup_url": Spec(f.URL, False, "The mail service's sign-up form action: the site shows a sign-up form"),
        "signup_field": Spec(f.TEXT, False, "The form field of the address (default: EMAIL, or email for laposta)"),
        "signup_hidden": Spec(MapOf(f.TEXT), False, "Hidden fields the service's form needs, as name: value"),
    },
    msg("the newsletter settings"),
    unknown=msg("unknown setting"),
)
ORGANIZATION = Shape(
    {
        "name": Spec(f.TEXT, False, "The organization's name (default: the site's title)"),
        "url": Spec(f.TEXT, False, "Its web address or site path (default: the home page)"),
        "logo": Spec(f.TEXT, False, "Its logo, a site path like /static/logo.svg"),
    },
    msg("the organization"),
    unknown=msg("unknown setting"),
)
CONFIG = Shape(
    {
        "title": Spec(f.TEXT, True, "The site's name"),
        "description": Spec(
            f.TEXT, False, "One or two sentences about the site; {aantal-regios} is the number of regions"
        ),
        "base_url": Spec(ROOT_URL, True, "The site's address, like https://www.sterktechniekonderwijs.nl"),
        "language": Spec(f.TEXT, False, "The site's language (default nl)"),
        "timezone": Spec(TIMEZONE, False, "The time zone of dates in content (default Europe/Amsterdam)"),
        "output_dir": Spec(f.TEXT, False, "Where the site is built (default public)"),
        "theme": Spec(f.TEXT, False, "The theme, a folder in themes/ (default default)"),
        "per_page": Spec(_positive(10), False, "Items per page of a news listing (default 10)"),
        "menus": Spec(MapOf(ListOf(MENU_ITEM)), False, "Menus by name (main, footer): lists of {title, url}"),
        "organization": Spec(ORGANIZATION, False, "The organization behind the site (JSON-LD)"),
        "newsletter": Spec(NEWSLETTER, False, "The monthly newsletter (docs/newsletter.md)"),
        "feed_items": Spec(_positive(20), False, "Newest items per RSS feed (default 20)"),
        "robots": Spec(f.choice(msg("value"), ("allow", "block")), False, "block: robots.txt disallows every crawler"),
        "search": Spec(f.BOOL, False, "false: no search index and no /zoeken/ page (faster local builds)"),
        "cms": Spec(CMS, False, "The web editor at /admin/: the GitHub repository it saves to (docs/cms.md)"),
        "search_shard_pages": Spec(
            _positive(SEARCH_SHARD_PAGES),
            False,
            f"About this many pages per shard of the search index (default {SEARCH_SHARD_PAGES}; docs/performance.md)",
        ),
        # Read by the command line before the configuration (commands/__init__.py messages_setting), not part of Config.
        "messages": Spec(
            f.choice(msg("language"), LANGUAGES),
            False,
            "The language of messages about content: nl (default) or en; $STOGEN_LANG and --lang go first",
        ),
        # Read by stogen/tools/codeowners.py (CODEOWNERS and the pull-request check), not part of Config.
        "reviewers": Spec(f.TEXT_LIST, False, "GitHub accounts of the central editors: they may change any file"),
    },
    msg("the site configuration"),
    unknown=msg("unknown setting"),
    title="stogen stogen.yml",
)


def load_config(root: Path, problems: Problems) -> Config | None:
    path = root / CONFIG_FILE
    if not path.is_file():
        problems.error(
            path,
            None,
            None,
            msg("configuration file not found"),
            msg("run stogen in the folder with {config_file}", config_file=CONFIG_FILE),
        )
        return None
    raw = path.read_bytes()
    try:
        doc = parse_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        problems.error(path, None, None, msg("is not UTF-8 text"), msg("save the file as UTF-8"))
        return None
    except YamlError as exc:
        yamlsource.report(problems, path, exc)
        return None
    if not isinstance(doc.data, dict):
        problems.error(path, 1, None, msg("must be a mapping of settings"), msg("see docs/configuration.md"))
        return None

    def report(line: int | None, field: str | None, message: Msg, hint: Msg | None) -> None:
        problems.error(path, line, field, message, hint)

    values, ok = read(doc, CONFIG, None, report)
    config = _config(root, path, doc, values, problems) if ok else None
    if config is None or problems.has_errors():
        return None
    config.digest = hashlib.sha256(raw).hexdigest()
    return config


def _config(root: Path, path: Path, doc: YamlDoc, values: dict[str, Any], problems: Problems) -> Config | None:
    """The Config from values that parsed; the rules that need the repository or the environment."""
    output_dir = values.get("output_dir", "public")
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
            msg("{output_dir!r} cannot hold the built site", output_dir=output_dir),
            msg("use a folder of its own inside the repository, like public"),
        )
    return Config(
        root=root,
        title=values["title"],
        description=values.get("description", ""),
        base_url=values["base_url"],
        language=values.get("language", "nl"),
        timezone=values.get("timezone", "Europe/Amsterdam"),
        output_dir=output_dir,
        theme=values.get("theme", "default"),
        per_page=values.get("per_page", 10),
        menus={
            name: [MenuItem(i["title"], i["url"]) for i in items] for name, items in values.get("menus", {}).items()
        },
        organization=values.get("organization", {}),
        newsletter=_newsletter(path, doc, values.get("newsletter", {}), problems),
        feed_items=values.get("feed_items", 20),
        robots=_robots(values.get("robots", "allow"), problems),
        search=values.get("search", True),
        cms=CmsSettings(**values["cms"]) if "cms" in values else None,
        search_shard_pages=values.get("search_shard_pages", SEARCH_SHARD_PAGES),
    )


def _robots(value: str, problems: Problems) -> str:
    """allow|block, from $STOGEN_ROBOTS (set per deploy context) or else `robots:` in stogen.yml."""
    env = os.environ.get(ROBOTS_ENV, "").strip().lower()
    if not env:
        return value
    if env not in ("allow", "block"):
        problems.error(ROBOTS_ENV, None, None, msg("unknown value {env!r}", env=env), msg("use allow or block"))
        return "allow"
    return env


def _newsletter(path: Path, doc: YamlDoc, values: dict[str, str], problems: Problems) -> NewsletterSettings:
    service = values.get("service", "mailchimp")
    unsubscribe, web_version = MAIL_SERVICES[service]
    unsubscribe = values.get("unsubscribe_url", unsubscribe)
    if not unsubscribe:
        problems.error(
            path,
            doc.line("newsletter"),
            "newsletter.unsubscribe_url",
            msg("is required with service: url"),
            msg("write the address of your unsubscribe page, with your mail service's placeholder if it has one"),
        )
    signup_url = values.get("signup_url")
    if signup_url:
        _check_form_action(path.parent, path, doc, signup_url, problems)
    return NewsletterSettings(
        service,
        values.get("utm_source", "nieuwsbrief"),
        unsubscribe,
        values.get("web_version_url", web_version),
        signup_url,
        values.get("signup_field", SIGNUP_FIELDS[service]),
        tuple(sorted(values.get("signup_hidden", {}).items())),
    )


def _check_form_action(root: Path, path: Path, doc: YamlDoc, url: str, problems: Problems) -> None:
    """The sign-up form posts to the mail service: netlify.toml's Content-Security-Policy must let it."""
    headers = root / "netlify.toml"
    if not headers.is_file():
        return
    try:
        policies = [h.get("values", {}).get("Content-Security-Policy", "") for h in tomllib.loads(
            headers.read_text("utf-8")).get("headers", []) if h.get("for") == "/*"]  # fmt: skip
    except (tomllib.TOMLDecodeError, OSError, AttributeError):
        return
    allowed = [d.split()[1:] for p in policies for d in p.split(";") if d.split()[:1] == ["form-action"]]
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    if any(not _allows(sources, origin) for sources in allowed):
        problems.error(
            path,
            doc.line("newsletter", "signup_url"),
            "newsletter.signup_url",
            msg(
                "the site's Content-Security-Policy (netlify.toml) does not let a form post to {origin}", origin=origin
            ),
            msg("add {origin} to form-action in the Content-Security-Policy of netlify.toml", origin=origin),
        )


def _allows(sources: list[str], origin: str) -> bool:
    host = origin.split("://", 1)[1]
    for source in sources:
        if source == origin or (source == "https:" and origin.startswith("https://")):
            return True
        if source.startswith("https://*.") and host.endswith(source[len("https://*") :]):
            return True
    return False
