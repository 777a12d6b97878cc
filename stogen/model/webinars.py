"""Webinar rules that need the whole site: the build's "now" and the published files.

Rules that need only one file (recording host, negative counts) live in stogen/content/entries.py.
"""

from __future__ import annotations

from stogen.core.problems import Problems
from stogen.model.recordings import Recording, parse_recording
from stogen.model.records import Webinar
from stogen.model.site import Item, Site, published_file


def check(site: Site, problems: Problems) -> None:
    for item in site.items:
        if isinstance(item.entry, Webinar):
            _check_future_recording(site, item, problems)
            _resolve_slides(site, item, problems)
    _claim_files(site, problems)


def _claim_files(site: Site, problems: Problems) -> None:
    """The calendar files and the feed take URLs too: a content file at the same URL is an error."""
    from stogen.outputs import calendar, webinar_feed

    for url in calendar.calendars(site):
        site.claim(url, "calendar file", problems)
    site.claim(webinar_feed.feed_url(), "webinar feed", problems)


def _check_future_recording(site: Site, item: Item, problems: Problems) -> None:
    entry = item.entry
    if entry.recording and entry.start.at > site.now:
        problems.error(
            site.config.root / entry.source.rel,
            entry.lines.get("recording"),
            "recording",
            f"this webinar starts on {entry.start.at:%Y-%m-%d %H:%M}, after now ({site.now:%Y-%m-%d %H:%M}), "
            "so it cannot have a recording yet",
            "remove the recording line until the webinar has taken place, or check the start date",
        )


def _resolve_slides(site: Site, item: Item, problems: Problems) -> None:
    slides = item.entry.slides
    if not slides:
        return
    if "://" in slides:
        item.slides_url = slides
        return
    hint = "write the path relative to this file, like slides/presentatie.pdf, or a full https:// address"
    item.slides_url = published_file(site, item, "slides", hint, problems)


def recording_of(item: Item) -> Recording | None:
    """The parsed recording of a webinar item (the loader accepted only addresses that parse)."""
    recording = getattr(item.entry, "recording", None)
    return parse_recording(recording) if recording else None
