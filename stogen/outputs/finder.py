"""The region finder's data: /regio/plaatsen.json, every town and school with its region.

Parents and pupils know their town or their school, not the name of their STO region. The finder on the home page
and on /regio/ (themes/default/static/finder.js) reads this file when it is first used, so no page carries the list
of a thousand names; without JavaScript the /regio/ page lists the same places as plain links.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial

from stogen.core.artifacts import Artifact, Owner
from stogen.model import urls
from stogen.model.site import Place
from stogen.outputs import Plan

URL = "/" + urls.REGIONS + "/plaatsen.json"


def artifacts(plan: Plan) -> Iterator[Artifact]:
    places = plan.site.places
    yield Artifact(
        URL.lstrip("/"), Owner.generator("the region finder"), ("finder", places), make=partial(_json, places)
    )


def _json(places: list[Place]) -> bytes:
    rows = [
        {"naam": p.name, "soort": p.kind, "regio": p.region.name, "url": urls.region_home(p.region.slug)}
        for p in places
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
