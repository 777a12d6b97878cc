"""Links in the email: absolute, with UTM parameters, except mail-service placeholders and mailto:."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')


def with_utm(url: str, source: str, campaign: str) -> str:
    """Add utm_source, utm_medium=email and utm_campaign, keeping the query and fragment; never twice."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {k for k, _ in query}
    wanted = [("utm_source", source), ("utm_medium", "email"), ("utm_campaign", campaign)]
    query += [(k, v) for k, v in wanted if k not in present]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def tag_links(markup: str, fix: Callable[[str], str]) -> str:
    """Apply `fix` to every <a href> of our own templates' HTML (attributes are always double-quoted)."""

    def one(m: re.Match[str]) -> str:
        return m.group(1) + html.escape(fix(html.unescape(m.group(2))), quote=True) + m.group(3)

    return _HREF.sub(one, markup)


def email_link_fixer(
    absolute: Callable[[str], str], source: str, campaign: str, keep: set[str]
) -> Callable[[str], str]:
    """The rule for one newsletter: placeholders in `keep` and mailto:/tel: stay as they are."""

    def fix(url: str) -> str:
        if url in keep or url.startswith(("mailto:", "tel:", "*|", "{{", "%%")):
            return url
        if url.startswith("/"):
            url = absolute(url)
        return with_utm(url, source, campaign)

    return fix
