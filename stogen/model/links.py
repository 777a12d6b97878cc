"""The one link resolver: how a relative link or image in any body (article, page, region intro, newsletter) finds
the URL of the file it names."""

from __future__ import annotations

from stogen.model.photos import Photo
from stogen.model.site import Placement, Site


class LinkTable:
    """Repository-relative path -> published URL, for content files (kind "entry") and files published as they are
    (kind "asset"); None for a file that is not published (missing, a draft, outside content/ and regions/).

    Kind "photo" answers for a raster (by repository-relative path, or by its original site path): the text of
    what a page shows of it (Photo.text: variant URLs, width and height, or the engine's refusal). A body keeps
    the answers it was rendered with, so a photo whose size changes renders its bodies again.
    """

    def __init__(
        self, entries: dict[str, str], assets: dict[str, str], base_url: str, photos: dict[str, Photo] | None = None
    ) -> None:
        self.entries = entries
        self.assets = assets
        self.host = base_url.split("://", 1)[-1]
        self.photos: dict[str, str] = {}
        for rel, photo in (photos or {}).items():
            self.photos[rel] = self.photos[photo.url] = photo.text

    @staticmethod
    def of(placement: Placement) -> LinkTable:
        entries = {one.entry.source.rel: one.url for one in placement.every()}
        return LinkTable(entries, placement.assets, placement.config.base_url, placement.photos)

    @staticmethod
    def of_site(site: Site) -> LinkTable:
        """The same table, from an assembled site (the live preview keeps the site, not its placement)."""
        entries = {item.entry.source.rel: item.url for item in site.every()}
        return LinkTable(entries, site.assets, site.config.base_url, site.photos)

    def resolve(self, kind: str, rel: str) -> str | None:
        if kind == "entry":
            return self.entries.get(rel)
        if kind == "photo":
            return self.photos.get(rel)
        return self.assets.get(rel)
