"""The one link resolver: how a relative link or image in any body (article, page, region intro, newsletter) finds
the URL of the file it names."""

from __future__ import annotations

from stogen.model import figures
from stogen.model.photos import Photo
from stogen.model.site import Placement, Site


class LinkTable:
    """Repository-relative path -> published URL, for content files (kind "entry") and files published as they are
    (kind "asset"); None for a file that is not published (missing, a draft, outside content/ and regions/).

    Kind "photo" answers for a raster (by repository-relative path, or by its original site path): the text of
    what a page shows of it (Photo.text: variant URLs, width and height, or the engine's refusal). A body keeps
    the answers it was rendered with, so a photo whose size changes renders its bodies again.
    Kind "figure" answers a figure the site states by its name ("regios": "78", model/figures.py), so a body
    that says {aantal-regios} renders again when the number changes.
    Kind "unpublished" answers "" for a content file that exists but is not published (a draft, or dated in the
    future), so a link to it can become plain text with a warning instead of failing the build.
    """

    def __init__(
        self,
        entries: dict[str, str],
        assets: dict[str, str],
        base_url: str,
        photos: dict[str, Photo] | None = None,
        unpublished: frozenset[str] = frozenset(),
        figures: dict[str, str] | None = None,
    ) -> None:
        self.entries = entries
        self.assets = assets
        self.host = base_url.split("://", 1)[-1]
        self.photos: dict[str, str] = {}
        for rel, photo in (photos or {}).items():
            self.photos[rel] = self.photos[photo.url] = photo.text
        self.unpublished = unpublished
        self.figures = figures or {}

    @staticmethod
    def of(placement: Placement, every_entry: set[str] | None = None) -> LinkTable:
        """`every_entry`: the paths of all content files read, published or not."""
        entries = {one.entry.source.rel: one.url for one in placement.every()}
        unpublished = frozenset((every_entry or set()) - set(entries))
        counted = figures.count(placement.regions)
        return LinkTable(entries, placement.assets, placement.config.base_url, placement.photos, unpublished, counted)

    @staticmethod
    def of_site(site: Site) -> LinkTable:
        """The same table, from an assembled site (the live preview keeps the site, not its placement)."""
        entries = {item.entry.source.rel: item.url for item in site.every()}
        return LinkTable(entries, site.assets, site.config.base_url, site.photos, figures=site.figures)

    def resolve(self, kind: str, rel: str) -> str | None:
        if kind == "entry":
            return self.entries.get(rel)
        if kind == "photo":
            return self.photos.get(rel)
        if kind == "figure":
            return self.figures.get(rel)
        if kind == "unpublished":
            return "" if rel in self.unpublished else None
        return self.assets.get(rel)
