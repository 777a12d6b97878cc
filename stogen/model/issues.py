"""A newsletter issue, gathered from the site model: picks first, then the month's news, webinars, agenda.

"As of" is the earlier of the build's now and the first moment of the next month: a newsletter made on
28 November shows what is still to come after that day, and a web archive built later keeps showing
what the issue showed when the month ended (it does not drift as time goes on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from stogen.core.messages import msg
from stogen.core.problems import Problems
from stogen.model import urls
from stogen.model.newsletters import DIGEST_ABOVE, NewsletterSource, month_start, next_month_start
from stogen.model.records import Article, Region
from stogen.model.regions import PROVINCES
from stogen.model.site import Item, Site

MAX_WEBINARS = 3
MAX_RECORDINGS = 2
MAX_EVENTS = 5
RECENT_RECORDINGS = timedelta(days=62)


@dataclass
class RenderedBlock:
    title: str
    html: str
    link: str | None
    link_text: str | None


@dataclass(frozen=True)
class RegionDigest:
    """One line of the digest: a region, how many news items it posted, its newest, and its news page."""

    region: Region
    count: int
    newest: Item
    url: str


@dataclass(frozen=True)
class ProvinceDigest:
    province: str
    regions: list[RegionDigest]


@dataclass
class Issue:
    edition: str  # yyyy-mm, or yyyy-mm-<name> for an extra edition: also its URL and UTM campaign
    source: str  # the newsletter's file, repository-relative
    label: str  # "november 2026", "november 2026 (sto dag)"
    subject: str
    preheader: str
    url: str  # the web version on the site
    intro_html: str
    picks: list[Item] = field(default_factory=list)
    central: list[Item] = field(default_factory=list)
    regional: list[Item] = field(default_factory=list)
    webinars: list[Item] = field(default_factory=list)
    recordings: list[Item] = field(default_factory=list)
    events: list[Item] = field(default_factory=list)
    blocks: list[RenderedBlock] = field(default_factory=list)
    digest: list[ProvinceDigest] = field(default_factory=list)  # regional news by province, instead of `regional`

    @property
    def month(self) -> str:
        return self.edition[:7]

    @property
    def campaign(self) -> str:
        return self.edition

    @property
    def digest_count(self) -> int:
        return sum(r.count for p in self.digest for r in p.regions)

    @property
    def news_count(self) -> int:
        return len(self.picks) + len(self.central) + len(self.regional) + self.digest_count

    @property
    def item_count(self) -> int:
        return self.news_count + len(self.webinars) + len(self.recordings) + len(self.events) + len(self.blocks)


def issue_url(edition: str) -> str:
    return f"/nieuwsbrief/{edition}/"


# The rendered Markdown of newsletters: (source path, first line) -> HTML, for the intro and each block.
Texts = dict[tuple[str, int], str]


def texts_of(source: NewsletterSource) -> list[tuple[str, int]]:
    """The Markdown texts of a newsletter source, as (text, first line): its intro, then each block's text."""
    return [(source.body, source.body_line), *((b.text, b.line) for b in source.blocks)]


def compose(site: Site, source: NewsletterSource, months: list[str], texts: Texts, problems: Problems) -> Issue | None:
    """The issue of one month, or None (with problems) when a pick is wrong.

    `months` are the month names the reader sees (the theme's strings); `texts` the newsletter's rendered Markdown.
    """
    tz = site.config.tz
    start, end = month_start(source.month, tz), next_month_start(source.month, tz)
    as_of = min(site.now, end)
    path = site.config.root / source.rel
    before = len(problems.errors)
    in_month = [i for i in site.news() if start <= i.entry.date.at < end and i.entry.date.at <= as_of]
    picks = _picks(site, source, as_of, start, end, problems)
    left_out = {id(i) for i in picks} | _excluded(site, source, in_month, problems)
    rest = [i for i in in_month if id(i) not in left_out]
    regional = [i for i in rest if i.region is not None]
    as_digest = source.regional == "digest" or (source.regional == "auto" and len(regional) > DIGEST_ABOVE)
    intro = texts[(source.rel, source.body_line)]
    blocks = [RenderedBlock(b.title, texts[(source.rel, b.line)], b.link, b.link_text) for b in source.blocks]
    if not picks and not rest and not blocks:
        problems.error(
            path,
            None,
            None,
            msg("there is no news published in {month} and no picks or blocks", month=source.month),
            msg("check the month, or add picks or blocks to the newsletter"),
        )
    if len(problems.errors) != before:
        return None
    year, mon = source.month.split("-")
    label = f"{months[int(mon) - 1]} {year}"
    return Issue(
        edition=source.edition,
        source=source.rel,
        label=f"{label} ({source.extra.replace('-', ' ')})" if source.extra else label,
        subject=source.subject,
        preheader=source.preheader,
        url=issue_url(source.edition),
        intro_html=intro,
        picks=picks,
        central=[i for i in rest if i.region is None],
        regional=[] if as_digest else regional,
        digest=_digest(regional) if as_digest else [],
        webinars=[w for w in site.webinars() if w.entry.ends >= as_of][:MAX_WEBINARS],
        recordings=[
            w
            for w in reversed(site.webinars())
            if w.entry.recording and as_of - RECENT_RECORDINGS <= w.entry.ends < as_of
        ][:MAX_RECORDINGS],
        events=[e for e in site.events() if e.entry.ends >= as_of][:MAX_EVENTS],
        blocks=blocks,
    )


def _digest(items: list[Item]) -> list[ProvinceDigest]:
    """Regional news (newest first) as one line per region, grouped by the region's first province."""
    by_region: dict[str, list[Item]] = {}
    for item in items:
        assert item.region is not None
        by_region.setdefault(item.region.slug, []).append(item)
    groups: dict[str, list[RegionDigest]] = {}
    for found in by_region.values():
        region = found[0].region
        assert region is not None
        url = urls.section(urls.NEWS, region.slug)
        groups.setdefault(region.provinces[0], []).append(RegionDigest(region, len(found), found[0], url))
    order = {p: n for n, p in enumerate(PROVINCES)}
    return [
        ProvinceDigest(p, sorted(groups[p], key=lambda r: r.region.name.lower()))
        for p in sorted(groups, key=lambda p: (order.get(p, len(order)), p))
    ]


def _excluded(site: Site, source: NewsletterSource, in_month: list[Item], problems: Problems) -> set[int]:
    """The items the team leaves out; a path that is not this month's news is a warning (nothing to leave out)."""
    by_rel = {i.entry.source.rel: i for i in in_month}
    path = site.config.root / source.rel
    left_out: set[int] = set()
    for pick in source.exclude:
        item = by_rel.get(pick.path)
        if item is None:
            exists = (site.config.root / pick.path).is_file()
            why = "is not among this month's published news" if exists else "does not exist"
            problems.warning(
                path,
                pick.line,
                "exclude",
                msg("{path} {why}", path=pick.path, why=why),
                msg("check the path, or remove the line"),
            )
        else:
            left_out.add(id(item))
    return left_out


def _picks(
    site: Site, source: NewsletterSource, as_of: datetime, start: datetime, end: datetime, problems: Problems
) -> list[Item]:
    """Picks must be news published by the issue's "as of" moment; one from another month is only a warning."""
    by_rel = {i.entry.source.rel: i for i in site.items}
    path = site.config.root / source.rel
    found: list[Item] = []
    for pick in source.picks:
        item = by_rel.get(pick.path)
        exists = (site.config.root / pick.path).is_file()
        if item is None and exists and end <= site.now:
            # An issue already sent: a region taking the article offline must not break the archive (or the build).
            problems.warning(
                path,
                pick.line,
                "picks",
                msg("{path} is no longer published: left out of this sent issue's web page", path=pick.path),
                msg("nothing to do if it was unpublished on purpose"),
            )
        elif item is None or not isinstance(item.entry, Article):
            why = msg("is not a published news article") if exists else msg("does not exist")
            hint = (
                msg("a pick must be a news file that is not a draft and not dated in the future")
                if exists
                else msg("write the path from the repository root, like content/nieuws/2026-11-12-titel.md")
            )
            problems.error(path, pick.line, "picks", msg("{path} {why}", path=pick.path, why=why), hint)
        elif item.entry.date.at > as_of or item.is_draft or item.is_scheduled:
            problems.error(
                path,
                pick.line,
                "picks",
                msg("{path} is not published by the time this newsletter goes out", path=pick.path),
                msg("pick an article dated before the end of the month, or change its date"),
            )
        else:
            if not start <= item.entry.date.at < end:
                problems.warning(
                    path,
                    pick.line,
                    "picks",
                    msg(
                        "{path} is dated {date}, not in {month}",
                        path=pick.path,
                        date=f"{item.entry.date.at:%Y-%m-%d}",
                        month=source.month,
                    ),
                    msg("fine for a story worth repeating; otherwise pick one from this month"),
                )
            if any(i is item for i in found):
                problems.error(
                    path,
                    pick.line,
                    "picks",
                    msg("{path} is picked twice", path=pick.path),
                    msg("remove one of the lines"),
                )
            found.append(item)
    return found


def published_issues(
    site: Site, sources: list[NewsletterSource], months: list[str], texts: Texts, problems: Problems
) -> tuple[Issue, ...]:
    """The issues whose month has begun, composed from the site; next month's issue is not published yet."""
    issues = []
    for source in sources:
        if month_start(source.month, site.config.tz) > site.now:
            continue
        issue = compose(site, source, months, texts, problems)
        if issue is not None:
            issues.append(issue)
    return tuple(issues)
