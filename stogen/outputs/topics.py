"""Pages by subject: one per technical profile (/profielen/<name>/: the schools that offer it, its news and
events) and one per topic (/onderwerpen/<tag>/: everything tagged with it), with an index of each.

Readers know "bouw" or "ICT", not the codes and slugs in front matter: every profile and tag shown on a page links
here (the theme's `terms` macro).
"""

from __future__ import annotations

from typing import Any

from stogen.model import urls
from stogen.model.fields import PROFILES, TECHNICAL_PROFILES
from stogen.model.site import Item, Site
from stogen.outputs.jobs import PageJob, Planner, paginate


def plan(planner: Planner) -> list[PageJob]:
    site, t = planner.site, planner.t
    home = [planner.home]
    jobs = _profile_pages(planner)
    topics = _by_topic(site)
    index = sorted(((tag, urls.topic_url(tag), len(items)) for tag, items in topics.items()), key=lambda x: x[0])
    if index:
        url = f"/{urls.TOPICS}/"
        jobs.append(planner.job(url, "topics.html", t["topics_title"], "topic index", t["topics_description"], home,
                                {"topics": index}))  # fmt: skip
        crumbs = [planner.home, planner.crumb(t["topics_title"], url)]
        for tag, items in topics.items():
            for pager in paginate(items, urls.topic_url(tag), site.config.per_page * 2):
                title = f"{t['topic']} {tag}" + (f" – {t['page']} {pager.number}" if pager.number > 1 else "")
                description = f"{t['topic_description']} {tag}."
                jobs.append(planner.job(pager.url_of(pager.number), "topic.html", title, f"topic page {tag}",
                                        description, crumbs, {"tag": tag, "pager": pager}))  # fmt: skip
    return jobs


def _profile_pages(planner: Planner) -> list[PageJob]:
    site, t = planner.site, planner.t
    url = f"/{urls.PROFILES}/"
    crumbs = [planner.home, planner.crumb(t["profiles_title"], url)]
    profiles = [(code, PROFILES[code], urls.profile_url(code)) for code in TECHNICAL_PROFILES]
    jobs = [planner.job(url, "profiles.html", t["profiles_title"], "profile index", t["profiles_description"],
                        [planner.home], {"profiles": profiles})]  # fmt: skip
    latest = _latest_by_profile(site.news(), [code for code, _, _ in profiles], 10)
    for code, name, page_url in profiles:
        schools = sorted(
            (
                (school, region)
                for region in site.regions.values()
                for school in region.schools
                if code in school.profiles
            ),
            key=lambda sr: (sr[1].name.lower(), sr[0].name.lower()),
        )
        news = latest[code]
        events = [i for i in site.upcoming_events() if code in i.entry.profiles]
        context: dict[str, Any] = {"code": code, "name": name, "schools": schools, "news": news, "events": events}
        title = f"{t['profile']} {name}"
        description = f"{t['profile_description']} {name} ({code})."
        jobs.append(planner.job(page_url, "profile.html", title, f"profile page {code}", description, crumbs, context))
    return jobs


def _by_topic(site: Site) -> dict[str, list[Item]]:
    return site.topics()  # kept on the site model, which the live preview patches per change


def _latest_by_profile(news: list[Item], codes: list[str], limit: int) -> dict[str, list[Item]]:
    """The first `limit` items of `news` that name each profile, in one pass that stops when every list is full."""
    found: dict[str, list[Item]] = {code: [] for code in codes}
    open_ = len(codes)
    for item in news:
        for code in item.entry.profiles:
            got = found.get(code)
            if got is not None and len(got) < limit and (not got or got[-1] is not item):
                got.append(item)
                if len(got) == limit:
                    open_ -= 1
        if not open_:
            break
    return found
