"""Webinar rules that need the whole site: the build's "now".

Rules that need only one file (recording host, negative counts) live in stogen/model/entries.py; the slides file
is resolved when the site is assembled (stogen/model/site.py).
"""

from __future__ import annotations

from stogen.core.messages import msg
from stogen.core.problems import Problems
from stogen.model.recordings import Recording, parse_recording
from stogen.model.records import Webinar
from stogen.model.site import Item, Placement


def check(placement: Placement, problems: Problems) -> None:
    now = placement.options.now
    for one in placement.placed:
        entry = one.entry
        if isinstance(entry, Webinar) and entry.recording and entry.start.at > now:
            problems.error(
                placement.config.root / entry.source.rel,
                entry.lines.get("recording"),
                "recording",
                msg(
                    "this webinar starts on {at}, after now ({now}), so it cannot have a recording yet",
                    at=f"{entry.start.at:%Y-%m-%d %H:%M}",
                    now=f"{now:%Y-%m-%d %H:%M}",
                ),
                msg("remove the recording line until the webinar has taken place, or check the start date"),
            )


def recording_of(item: Item) -> Recording | None:
    """The parsed recording of a webinar item (the loader accepted only addresses that parse)."""
    recording = getattr(item.entry, "recording", None)
    return parse_recording(recording) if recording else None
