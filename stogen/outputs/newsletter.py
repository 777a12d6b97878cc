"""The newsletter's web archive: /nieuwsbrief/, a page per issue, and the email HTML for the mail service.

The issues are read with the other sources and composed into the site model (site.newsletters); this
module only plans their pages and writes their email HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from stogen.model.issues import Issue, issue_url
from stogen.model.site import Site
from stogen.outputs import OutputFile, RenderContext
from stogen.outputs.pages import Crumb, PageJob

ARCHIVE = "/nieuwsbrief/"
TEMPLATE = "newsletter.html"


def plan(site: Site, t: dict[str, Any]) -> list[PageJob]:
    """A page per issue whose month has begun, and the archive (only when there is an issue)."""
    issues: list[Issue] = site.newsletters
    if not issues:
        return []
    n = t["newsletter"]
    home, archive = Crumb(t["home"], "/"), Crumb(n["archive_title"], ARCHIVE)
    newest_first = sorted(issues, key=lambda i: i.month, reverse=True)
    archive_job = PageJob(ARCHIVE, "newsletters.html", n["archive_title"], "newsletter archive")
    archive_job.description, archive_job.crumbs = n["archive_description"], [home]
    archive_job.context = {"issues": newest_first}
    jobs = [archive_job]
    for issue in newest_first:
        title = f"{n['issue_of']} {issue.label}"
        owner = f"newsletters/{issue.month}.md"
        description = issue.preheader or issue.subject
        jobs.append(
            PageJob(issue_url(issue.month), TEMPLATE, title, owner, description, [home, archive], {"issue": issue})
        )
    return jobs


def write(ctx: RenderContext) -> Iterator[OutputFile]:
    """The email HTML of each issue at /nieuwsbrief/<yyyy-mm>/email.html, for a mail service to import."""
    for job in ctx.jobs:
        if job.template == TEMPLATE:
            issue: Issue = job.context["issue"]
            html = _render_email(ctx.theme, issue).html
            yield OutputFile.text(issue.url.lstrip("/") + "email.html", html)


def _render_email(*args: Any, **kwargs: Any) -> Any:
    # css-inline and BeautifulSoup are loaded only when a newsletter is made: every build starts faster.
    from stogen.outputs.email import render_email

    return render_email(*args, **kwargs)
