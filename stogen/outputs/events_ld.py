"""JSON-LD (schema.org) for webinar and event pages: Event, and VideoObject for a recording.

Pure functions returning dicts; the templates print them with `|tojson_ld` in a
<script type="application/ld+json"> block. Times are ISO 8601 with the site's UTC offset.
"""

from __future__ import annotations

from typing import Any

from stogen.model.config import Config
from stogen.model.fields import AUDIENCES
from stogen.model.recordings import Recording, parse_recording
from stogen.model.records import Event, Webinar
from stogen.model.site import Item
from stogen.outputs.cards import item_images
from stogen.outputs.structured import organization

SCHEMA = "https://schema.org"
# The content's status -> schema.org's; a full event still takes place (its offer is SoldOut, below).
EVENT_STATUS = {None: "EventScheduled", "geannuleerd": "EventCancelled", "verplaatst": "EventRescheduled"}
EVENT_STATUS["volgeboekt"] = "EventScheduled"


def _when(config: Config, item: Item) -> dict[str, str]:
    entry = item.entry
    tz = config.tz
    if not entry.start.has_time:  # a whole day: dates without a time
        end = getattr(entry, "end", None)
        return {"startDate": entry.start.at.date().isoformat(), "endDate": (end or entry.start).at.date().isoformat()}
    return {"startDate": entry.start.at.astimezone(tz).isoformat(), "endDate": entry.ends.astimezone(tz).isoformat()}


def _base(config: Config, item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Event", "name": item.entry.title}
    if item.description:
        data["description"] = item.description
    data.update(_when(config, item))
    status = item.entry.status
    data["eventStatus"] = f"{SCHEMA}/{EVENT_STATUS[status]}"
    previous = item.entry.previous_start
    if status == "verplaatst" and previous is not None:
        data["previousStartDate"] = (
            previous.at.astimezone(config.tz).isoformat() if previous.has_time else previous.at.date().isoformat()
        )
    data["url"] = config.absolute(item.url)
    if item.entry.audience:
        data["audience"] = [{"@type": "Audience", "audienceType": AUDIENCES[a]} for a in item.entry.audience]
    data["image"] = [config.absolute(url) for url in item_images(item)]
    data["organizer"] = organization(config)
    return data


def event_ld(config: Config, item: Item) -> dict[str, Any]:
    """An agenda item: on site (Place with address), online (VirtualLocation) or both."""
    entry = item.entry
    assert isinstance(entry, Event)
    data = {"@context": SCHEMA, **_base(config, item)}
    places: list[dict[str, Any]] = []
    if entry.location:
        places.append({"@type": "Place", "name": entry.location, "address": entry.location})
    if entry.online_url:
        places.append({"@type": "VirtualLocation", "url": entry.online_url})
    if entry.location and entry.online_url:
        mode = "MixedEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode" if entry.location else "OnlineEventAttendanceMode"
    data["eventAttendanceMode"] = f"{SCHEMA}/{mode}"
    data["location"] = places[0] if len(places) == 1 else places
    if entry.registration_url:
        data["offers"] = {"@type": "Offer", "url": entry.registration_url}
    if entry.status == "volgeboekt":
        data["offers"] = {**data.get("offers", {"@type": "Offer"}), "availability": f"{SCHEMA}/SoldOut"}
    return data


def webinar_ld(config: Config, item: Item, thumbnail_url: str) -> dict[str, Any]:
    """A webinar: an online Event, plus a VideoObject when there is a recording (both in one @graph)."""
    entry = item.entry
    assert isinstance(entry, Webinar)
    event = _base(config, item)
    event["eventAttendanceMode"] = f"{SCHEMA}/OnlineEventAttendanceMode"
    event["location"] = {"@type": "VirtualLocation", "url": entry.registration_url or config.absolute(item.url)}
    if entry.speakers:
        event["performer"] = [{"@type": "Person", "name": s["name"]} for s in entry.speakers]
    recording = parse_recording(entry.recording) if entry.recording else None
    if recording is None:
        return {"@context": SCHEMA, **event}
    video = video_ld(config, item, recording, thumbnail_url)
    event["recordedIn"] = {"@id": video["@id"]}
    return {"@context": SCHEMA, "@graph": [event, video]}


def video_ld(config: Config, item: Item, recording: Recording, thumbnail_url: str) -> dict[str, Any]:
    entry = item.entry
    assert isinstance(entry, Webinar)
    page = config.absolute(item.url)
    return {
        "@type": "VideoObject",
        "@id": page + "#opname",
        "name": entry.title,
        "description": item.description or entry.title,
        "thumbnailUrl": [config.absolute(url) for url in item_images(item)],
        "uploadDate": entry.ends.astimezone(config.tz).isoformat(),
        "duration": f"PT{entry.duration}M",
        "embedUrl": recording.embed_url.split("?", 1)[0],
        "url": page,
    }
