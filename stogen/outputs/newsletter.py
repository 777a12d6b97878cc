"""The newsletter's web archive: /nieuwsbrief/, a page per issue, and the email HTML for the mail service.

The issues are composed into the site model (site.newsletters); this module plans their pages and declares each
issue's email HTML as an artifact.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from stogen.core.artifacts import Artifact, Owner
from stogen.model.issues import Issue, issue_url
from stogen.outputs import Plan
from stogen.outputs.jobs import PageJob, Planner
from stogen.render.theme import Theme

ARCHIVE = "/nieuwsbrief/"
TEMPLATE = "newsletter.html"


def plan(planner: Planner) -> list[PageJob]:
    """The archive (always: every page's footer links to it, and it holds the sign-up form) and a page per issue
    whose month has begun."""
    issues: tuple[Issue, ...] = planner.site.newsletters
    n = planner.t["newsletter"]
    home, archive = planner.home, planner.crumb(n["archive_title"], ARCHIVE)
    newest_first = sorted(issues, key=lambda i: i.edition, reverse=True)
    jobs = [
        planner.job(
            ARCHIVE, "newsletters.html", n["archive_title"], "newsletter archive", n["archive_description"], [home],
            {"issues": newest_first},
        )
    ]  # fmt: skip
    for issue in newest_first:
        title = f"{n['issue_of']} {issue.label}"
        description = issue.preheader or issue.subject
        context = {"issue": issue}
        jobs.append(
            planner.job(issue_url(issue.edition), TEMPLATE, title, issue.source, description, [home, archive], context)
        )
    return jobs


def email_path(issue: Issue) -> str:
    return issue.url.lstrip("/") + "email.html"


def artifacts(plan: Plan) -> Iterator[Artifact]:
    """The email HTML of each issue at /nieuwsbrief/<yyyy-mm>/email.html, for a mail service to import."""
    for job in plan.jobs:
        if job.template == TEMPLATE:
            issue: Issue = job.context["issue"]
            owner = Owner(f"the email of {issue.source}", issue.source)
            yield Artifact(email_path(issue), owner, ("email", issue), make=partial(_email, plan.theme, issue))


def _email(theme: Theme, issue: Issue) -> bytes:
    from stogen.outputs.email import render_email  # css-inline and BeautifulSoup: only when an email is made

    return render_email(theme, issue).html.encode("utf-8")
