"""Every raster of the site as artifacts: each variant of its ladder, its own URL (the largest stripped
fallback) and, for a photo that heads an item, its social image. Nothing is published as it was uploaded.

Each file is fingerprinted by the photo's content hash (known from the survey, not read again) and the engine's
settings digest (which names the library versions), so a photo is made again only when it or the engine changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from stogen.core.artifacts import Artifact, Owner
from stogen.model.photos import settings
from stogen.model.urls import output_path
from stogen.outputs import Plan
from stogen.render.photofiles import ladder_file, original_file, social_file

# Types stogen refused before it had the engine: no old link to them exists, and a JPEG behind a .heic URL would
# only confuse. Their variants are all there is.
NEVER_PUBLISHED = (".heic", ".heif")


def artifacts(plan: Plan) -> Iterator[Artifact]:
    site = plan.site
    engine = settings().digest()
    heads = {item.photo.rel for item in site.every() if item.photo is not None and item.photo.shareable}
    for rel, photo in site.photos.items():
        if photo.error is not None:
            continue  # reported by the survey; nothing to publish
        owner = Owner.file(rel)
        for variant in photo.variants:
            inputs = (photo.digest, engine, variant.suffix)
            yield Artifact(
                output_path(variant.url), owner, inputs, make=partial(ladder_file, photo, variant.suffix), group=rel
            )
        if not rel.lower().endswith(NEVER_PUBLISHED):  # its own URL: old links keep working
            original = (photo.digest, engine, "original")
            yield Artifact(output_path(photo.url), owner, original, make=partial(original_file, photo), group=rel)
        if rel in heads:
            inputs = (photo.digest, engine, "social")
            yield Artifact(output_path(photo.social_url), owner, inputs, make=partial(social_file, photo), group=rel)
