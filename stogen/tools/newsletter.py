"""One month's newsletter from the repository: load the site, read the source, compose, render, check size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stogen.build.pipeline import load_site, newsletter_texts
from stogen.core.messages import msg
from stogen.core.problems import BuildFailed, Problems
from stogen.model.config import Config
from stogen.model.issues import Issue, compose
from stogen.model.links import LinkTable
from stogen.model.newsletters import check_edition, load_newsletter
from stogen.outputs.email import SIZE_LIMIT, STYLE_LIMIT, Email, render_email


@dataclass
class Made:
    config: Config
    issue: Issue
    email: Email
    problems: Problems  # warnings only


def make_newsletter(root: Path, edition: str, now: str | None = None) -> Made:
    """The email of an edition (a month, or an extra edition), or BuildFailed with every problem found."""
    problems = Problems(root)
    if not check_edition(edition, problems):
        raise BuildFailed(problems)
    loaded = load_site(root, problems, now)
    source = load_newsletter(root, edition, problems)
    if loaded is None or source is None or problems.has_errors():
        raise BuildFailed(problems)
    config, site, theme = loaded
    texts = newsletter_texts([source], LinkTable.of_site(site), problems)
    issue = compose(site, source, theme.strings["months"], texts, problems)
    if issue is None or problems.has_errors():
        raise BuildFailed(problems)
    email = render_email(theme, issue)
    check_size(email, source.rel, problems)
    if problems.has_errors():
        raise BuildFailed(problems)
    return Made(config, issue, email, problems)


def check_size(email: Email, rel: str, problems: Problems) -> None:
    if email.size > SIZE_LIMIT:
        problems.error(
            rel,
            None,
            None,
            msg(
                "the email is {size:,} bytes; Gmail clips messages above about 102 KB (limit {size_limit:,})",
                size=email.size,
                size_limit=SIZE_LIMIT,
            ),
            msg("leave items out (exclude), show regional news as a digest (regional: digest), or shorten the intro"),
        )
    if email.style_size > STYLE_LIMIT:
        problems.error(
            rel,
            None,
            None,
            msg(
                "the <style> block is {style_size:,} bytes (limit {style_limit:,}); Gmail drops larger ones",
                style_size=email.style_size,
                style_limit=STYLE_LIMIT,
            ),
            msg("keep only @media rules in the theme's email/email.html <style>"),
        )
