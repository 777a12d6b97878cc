"""The front-matter fields of each kind of content file (read with stogen/core/spec.py)."""

from __future__ import annotations

from stogen.core.messages import Msg, msg
from stogen.core.spec import Shape, Spec
from stogen.model import fields as f

_COMMON: dict[str, Spec] = {
    "title": Spec(f.TEXT, True, "Title, shown as the page heading"),
    "summary": Spec(f.TEXT, False, "One sentence for listings, search engines and social media (max. 155 characters)"),
    "slug": Spec(f.SLUG, False, "Last part of the URL; by default the file name without its date prefix"),
    "draft": Spec(f.BOOL, False, "true: not published (shown with `stogen serve` and `--drafts`)"),
    "aliases": Spec(f.ALIASES, False, "Old URLs of this page that redirect here (301)"),
    "image": Spec(f.FILE, False, "Image file, relative to this file; needs image_alt"),
    "image_alt": Spec(f.TEXT, False, "Description of the image for people who cannot see it"),
    "tags": Spec(f.TAGS, False, "Keywords"),
    "profiles": Spec(f.PROFILE_LIST, False, "vmbo profiles this is about: " + ", ".join(f.PROFILES)),
}

# What can happen to a planned event or webinar; nothing (no `status:`) means it takes place as announced.
STATUSES = ("geannuleerd", "verplaatst", "volgeboekt")
_STATUS: dict[str, Spec] = {
    "status": Spec(f.choice(msg("status"), STATUSES), False, "Only when not as announced: cancelled, moved or full"),
    "previous_start": Spec(f.MOMENT, False, "For status verplaatst: the start as first announced"),
}

NEWS: dict[str, Spec] = {
    **_COMMON,
    "date": Spec(f.MOMENT, True, "Publication date; a future date is published from then on"),
    "updated": Spec(f.MOMENT, False, "Date of the last substantial change"),
    "author": Spec(f.TEXT, False, "Author's name"),
    "featured": Spec(f.BOOL, False, "true: highlighted on the home page"),
}

EVENT: dict[str, Spec] = {
    **_COMMON,
    "start": Spec(f.MOMENT, True, "Start, local time Europe/Amsterdam"),
    "end": Spec(f.MOMENT, False, "End, after the start"),
    "location": Spec(f.TEXT, False, "Address or venue; an event needs location or online_url"),
    "online_url": Spec(f.URL, False, "Link to join online"),
    "registration_url": Spec(f.URL, False, "Link to register"),
    "audience": Spec(f.AUDIENCE_LIST, False, "Who it is for: " + ", ".join(f.AUDIENCES) + " (listed under each)"),
    **_STATUS,
}

WEBINAR: dict[str, Spec] = {
    **_COMMON,
    "start": Spec(f.MOMENT, True, "Start, local time Europe/Amsterdam"),
    "duration": Spec(f.MINUTES, True, "Length in minutes"),
    "speakers": Spec(f.PEOPLE, False, "Speakers: a list of names or of {name, role}"),
    "registration_url": Spec(f.URL, False, "Link to register (upcoming webinars)"),
    "audience": Spec(f.AUDIENCE_LIST, False, "Who it is for: " + ", ".join(f.AUDIENCES)),
    "recording": Spec(
        f.URL,
        False,
        "Recording (past webinars): youtube.com/watch?v=<id>, youtu.be/<id>, youtube.com/live/<id> or vimeo.com/<id>",
    ),
    "slides": Spec(f.FILE_OR_URL, False, "Slides: a file next to this one, or a web address"),
    "live_viewers": Spec(f.COUNT, False, "Number of people who watched live"),
    "replay_views": Spec(f.COUNT, False, "Number of views of the recording"),
    **_STATUS,
    "views_counted": Spec(f.MOMENT, False, "The date replay_views was counted (replays keep being watched)"),
}

PAGE: dict[str, Spec] = {
    **_COMMON,
    "weight": Spec(f.COUNT, False, "Order among sibling pages (lower first)"),
}


# Fields some users expect from other generators; each gets a specific answer.
_URL_FROM_FILE = msg("the URL comes from the file's folder and name; use `slug` to change its last part")
_LAYOUT = msg("the layout follows from the kind of content; remove the line")
NOT_SUPPORTED = {
    "url": _URL_FROM_FILE,
    "permalink": _URL_FROM_FILE,
    "path": _URL_FROM_FILE,
    "region": msg("a file's region is the folder it is in (regions/<slug>/); move the file instead"),
    "layout": _LAYOUT,
    "template": _LAYOUT,
}


def front_matter(kind: str, fields: dict[str, Spec], label: Msg) -> Shape:
    """The front matter of one kind of content file, as a Shape (read, and written as JSON Schema, from it)."""
    return Shape(
        fields,
        label,
        unknown=msg("unknown field for {label}", label=label),
        not_supported=NOT_SUPPORTED,
        title=f"stogen {kind} front matter",
    )
