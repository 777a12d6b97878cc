"""When the site changes with "now" alone: the moments at which a build would place, list or compose something
differently while no file changed.

Every comparison the model makes with the build's "now" is with one of these moments:
- an article is published once its date has passed (site.is_published);
- an event or a webinar is upcoming until it ends (Site's upcoming and past lists, an event's own page);
- a webinar may have a recording only once it has started (webinars.check);
- a newsletter is published from the start of its month and composed as of the earlier of "now" and the end of its
  month: the news dated before that moment, the webinars and events that end after it, and the recordings of
  webinars that ended within RECENT_RECORDINGS before it (issues.py).
Between two moments "now" shows only in what templates read from the site itself (its fingerprint includes
"now": stogen/build/freshness.py). So the model of a build is the model of a build at any other "now" with no
turn in between, inclusive (stogen/build/quick.py starts from it). A new comparison with "now" anywhere in the
model must add its moments here; tests/test_quick.py builds quickly at other moments and compares with clean
builds.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from stogen.model.issues import RECENT_RECORDINGS
from stogen.model.newsletters import NewsletterSource, month_start, next_month_start
from stogen.model.records import Article, Entry, Event, Webinar


def turns(entries: Iterable[Entry], newsletters: Iterable[NewsletterSource], tz: ZoneInfo) -> tuple[datetime, ...]:
    """Every moment at which the site built from these sources changes with "now", sorted."""
    found: set[datetime] = set()
    for entry in entries:
        if isinstance(entry, Article):
            found.add(entry.date.at)
        elif isinstance(entry, Event | Webinar):
            found.update((entry.start.at, entry.ends))
            if isinstance(entry, Webinar):
                found.add(entry.ends + RECENT_RECORDINGS)
    for source in newsletters:
        found.update((month_start(source.month, tz), next_month_start(source.month, tz)))
    return tuple(sorted(found))


def same_between(turning: tuple[datetime, ...], one: datetime, other: datetime) -> bool:
    """Whether no turn lies between two moments (either included): the site is the same at both."""
    low, high = min(one, other), max(one, other)
    at = bisect.bisect_left(turning, low)
    return at == len(turning) or turning[at] > high
