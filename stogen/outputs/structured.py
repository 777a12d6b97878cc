"""JSON-LD (schema.org) for the SEO head of every page: one function per type, all returning plain dicts.

Templates only print the result with `|tojson_ld`. Everything is computed from the page job and the
configuration (never the whole site), so a page's fingerprint covers what its JSON-LD says.
Event and VideoObject live in stogen/outputs/events_ld.py; add a type here with a function and a line
in `page_ld`.
"""

from __future__ import annotations

from typing import Any

from stogen.core.messages import msg
from stogen.core.problems import Problems
from stogen.model.config import Config
from stogen.model.records import Article
from stogen.model.site import Site
from stogen.outputs.cards import item_images
from stogen.outputs.pages import PageJob

SCHEMA = "https://schema.org"


def organization(config: Config) -> dict[str, Any]:
    org = config.organization
    data: dict[str, Any] = {"@type": "Organization", "name": org.get("name") or config.title}
    data["url"] = config.absolute(org.get("url") or "/")
    if org.get("logo"):
        data["logo"] = config.absolute(org["logo"])
    return data


def website(config: Config, description: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "WebSite", "name": config.title, "url": config.absolute("/")}
    if description:
        data["description"] = description
    data["inLanguage"] = config.language
    data["publisher"] = organization(config)
    return data


def news_article(config: Config, job: PageJob) -> dict[str, Any]:
    assert job.item is not None
    item, entry = job.item, job.item.entry
    tz = config.tz
    published = entry.date.at.astimezone(tz).isoformat()
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": entry.title,
        "url": config.absolute(item.url),
        "mainEntityOfPage": config.absolute(item.url),
        "datePublished": published,
        "dateModified": entry.updated.at.astimezone(tz).isoformat() if entry.updated else published,
        "inLanguage": config.language,
    }
    if item.description:
        data["description"] = item.description
    data["image"] = [config.absolute(url) for url in item_images(item)]
    data["author"] = {"@type": "Person", "name": entry.author} if entry.author else organization(config)
    data["publisher"] = organization(config)
    return data


def breadcrumbs(config: Config, job: PageJob) -> dict[str, Any]:
    trail = [(c.title, c.url) for c in job.crumbs] + [(job.title, job.url)]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": title, "item": config.absolute(url)}
            for n, (title, url) in enumerate(trail, start=1)
        ],
    }


def page_ld(config: Config, job: PageJob) -> list[dict[str, Any]]:
    """The JSON-LD blocks of a page, each a complete document with its @context."""
    blocks: list[dict[str, Any]] = []
    if job.url == "/":
        blocks += [organization(config), website(config, job.description)]
    if job.item is not None and isinstance(job.item.entry, Article):
        blocks.append(news_article(config, job))
    if job.crumbs:
        blocks.append(breadcrumbs(config, job))
    return [{"@context": SCHEMA, **b} for b in blocks]


SUMMARY_LIMIT = 160  # search engines cut descriptions near here


def check_summaries(site: Site, problems: Problems) -> None:
    """Warn about a `summary` too long to serve as a meta description."""
    for item in site.items:
        summary = item.entry.summary
        if summary and len(summary) > SUMMARY_LIMIT:
            problems.warning(
                site.config.root / item.entry.source.rel,
                item.entry.lines.get("summary"),
                "summary",
                msg(
                    "is {n} characters; search engines show about {summary_limit}",
                    n=len(summary),
                    summary_limit=SUMMARY_LIMIT,
                ),
                msg("shorten it to one or two sentences; the rest belongs in the text"),
            )
