"""Files published as they are: the theme's CSS, scripts and images, and the documents and SVG images next to the
content (raster images go through the photo engine: outputs/photos.py)."""

from __future__ import annotations

from collections.abc import Iterator

from stogen.core.artifacts import Artifact, Owner
from stogen.model.urls import output_path
from stogen.outputs import Plan


def artifacts(plan: Plan) -> Iterator[Artifact]:
    site, theme = plan.site, plan.theme
    static = theme.static_dir()
    if static.is_dir():
        for p in sorted(static.rglob("*")):
            if p.is_file():
                rel = p.relative_to(static).as_posix()
                owner = Owner.generator(f"the theme file {rel}")
                made = theme.generated.get(rel)
                if made is not None:  # style.css with the identity's custom properties (render/identity.py)
                    yield Artifact("static/" + rel, owner, ("theme-file", rel, made), make=lambda made=made: made)
                else:
                    yield Artifact("static/" + rel, owner, copy_from=str(p))
    for rel, url in site.assets.items():
        if rel in site.photos:
            continue  # a raster is never published as it is (its metadata may place a pupil): outputs/photos.py
        yield Artifact(output_path(url), Owner.file(rel), copy_from=str(site.asset_files[rel]))
