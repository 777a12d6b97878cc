"""Static files: the theme's CSS and images, and the images and documents next to the content."""

from __future__ import annotations

from collections.abc import Iterator

from stogen.model.urls import output_path
from stogen.outputs import OutputFile, RenderContext


def write(ctx: RenderContext) -> Iterator[OutputFile]:
    site, theme = ctx.site, ctx.theme
    static = theme.static_dir()
    if static.is_dir():
        for p in sorted(static.rglob("*")):
            if p.is_file():
                yield OutputFile("static/" + p.relative_to(static).as_posix(), copy_from=p)
    for rel, url in site.assets.items():
        yield OutputFile(output_path(url), copy_from=site.asset_files[rel])
