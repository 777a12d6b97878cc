"""A photo as HTML: `<picture>` with a source per modern format and an `<img>` fallback with width and height.

One writer for Markdown bodies (stogen/render/markdown.py) and templates (the `picture` template function), so a
photo looks the same wherever it is shown. The browser picks the smallest variant that fills the slot `sizes`
describes: on a phone that is the 480 px one, a tenth or less of what the phone saved.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

from stogen.model.photos import Photo

# The content column is at most 42rem (--measure in style.css) inside 1rem of padding on each side.
CONTENT_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
# A card's thumbnail: a column of the .cards grid (18-24rem), or the width of a phone less the padding.
THUMBNAIL_SIZES = "(min-width: 40rem) 24rem, calc(100vw - 4rem)"


def picture_html(
    view: dict[str, Any],
    alt: str,
    *,
    title: str | None = None,
    eager: bool = False,
    sizes: str = CONTENT_SIZES,
    css_class: str | None = None,
) -> str:
    """`view` is Photo.view (stogen/model/photos.py). The first image in view is `eager` (with high priority);
    every other one is loaded lazily, when scrolled near."""
    q = lambda text: escape(str(text), quote=True)  # noqa: E731
    sizes_attr = f' sizes="{q(sizes)}"'
    sources = "".join(f'<source type="{q(mime)}" srcset="{q(srcset)}"{sizes_attr}>' for mime, srcset in view["sources"])
    attrs = f'src="{q(view["src"])}" srcset="{q(view["srcset"])}"{sizes_attr}'
    attrs += f' width="{int(view["width"])}" height="{int(view["height"])}" alt="{q(alt)}"'
    if title:
        attrs += f' title="{q(title)}"'
    attrs += ' loading="eager" fetchpriority="high"' if eager else ' loading="lazy"'
    attrs += ' decoding="async"'
    cls = f' class="{q(css_class)}"' if css_class else ""
    return f"<picture{cls}>{sources}<img {attrs}></picture>"


def picture(photo: Photo, alt: str, eager: bool = False, thumbnail: bool = False) -> Markup:
    """The template function: `{{ picture(item.photo, item.entry.image_alt, eager=true) }}` (a model Photo)."""
    sizes = THUMBNAIL_SIZES if thumbnail else CONTENT_SIZES
    css_class = "thumbnail" if thumbnail else None
    return Markup(picture_html(photo.view, alt or "", eager=eager, sizes=sizes, css_class=css_class))
