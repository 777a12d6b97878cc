"""Recording addresses of webinars: which hosts are accepted, and how each is embedded.

Only YouTube and Vimeo are accepted, so the privacy-friendly player (stogen/outputs/webinar_pages.py and
static/video.js) knows how to embed every recording without loading anything before the visitor clicks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from stogen.core.messages import msg

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{3,12}$")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}

HINT = msg(
    "use a YouTube or Vimeo address, like https://www.youtube.com/watch?v=abc123XYZ_0, "
    "https://youtu.be/abc123XYZ_0, https://www.youtube.com/live/abc123XYZ_0 or https://vimeo.com/912345678"
)


@dataclass(frozen=True)
class Recording:
    host: str  # "youtube" | "vimeo"
    id: str
    url: str  # as written: the link shown without JavaScript

    @property
    def embed_url(self) -> str:
        """The player loaded after the click: no cookies before playing (youtube-nocookie, Vimeo dnt=1)."""
        if self.host == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.id}?dnt=1&autoplay=1"

    @property
    def host_name(self) -> str:
        return "YouTube" if self.host == "youtube" else "Vimeo"


def parse_recording(url: str) -> Recording | None:
    """A recording from a YouTube or Vimeo address; None for any other address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    host = parts.netloc.lower()
    segments = [s for s in parts.path.split("/") if s]
    video: str | None = None
    if host in _YOUTUBE_HOSTS:
        if segments == ["watch"]:
            video = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] == "live":
            video = segments[1]
        if video and _YOUTUBE_ID.match(video):
            return Recording("youtube", video, url)
    elif len(segments) == 1 and host == "youtu.be" and _YOUTUBE_ID.match(segments[0]):
        return Recording("youtube", segments[0], url)
    elif len(segments) == 1 and host in _VIMEO_HOSTS and _VIMEO_ID.match(segments[0]):
        return Recording("vimeo", segments[0], url)
    return None
