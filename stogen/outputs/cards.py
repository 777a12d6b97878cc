"""Social images: every page has a raster Open Graph / Twitter image of 1200 x 630.

An item with a photo shows its photo (outputs/photos.py makes its social crop). Every other page shows a title
card: one for the site, and one per region for the region's pages. A card per page would be the ideal, but
title_card() costs 20-50 ms (measured; docs/photos.md), so the 20,000 pages of 78 regions x 200 articles would add
400-1,000 CPU seconds to a cold build that takes 42; these 79 cards cost 1.5-4 CPU seconds, on every core.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from stogen.core.artifacts import Artifact, Owner
from stogen.core.photos import SOCIAL_SIZE, title_card
from stogen.model import urls
from stogen.model.photos import settings
from stogen.outputs import Plan

if TYPE_CHECKING:
    from stogen.model.site import Item
    from stogen.outputs.jobs import PageJob

CARDS = "/static/og/"  # static/ is stogen's own: no content file can claim a path in it


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int
    height: int
    alt: str
    type: str = "image/jpeg"


def site_card_url() -> str:
    return CARDS + "site.jpg"


def region_card_url(slug: str) -> str:
    return f"{CARDS}regio-{slug}.jpg"


def social_image(page: PageJob) -> SocialImage:
    """The page's Open Graph image: its item's photo, else its region's card, else the site's card."""
    width, height = SOCIAL_SIZE
    item = page.item
    if item is not None and item.photo is not None and item.photo.shareable:
        return SocialImage(item.photo.social_url, width, height, item.entry.image_alt or "")
    slug = item.region.slug if item is not None and item.region is not None else urls.region_of_url(page.url)
    if slug:
        return SocialImage(region_card_url(slug), width, height, "")
    return SocialImage(site_card_url(), width, height, "")


def artifacts(plan: Plan) -> Iterator[Artifact]:
    site = plan.site
    config = site.config
    host = config.base_url.split("://", 1)[-1]
    owner = Owner.generator("the social images")
    # The cards in the theme's colours (identity.yml): the brand behind, its text colour, the accent bar.
    look = plan.theme.identity
    colors = {"background": look.rgb("brand"), "foreground": look.rgb("on-brand"), "accent": look.rgb("accent")}
    inputs = (config.title, host, settings().digest(), colors)
    card = partial(title_card, **colors)
    yield Artifact(urls.output_path(site_card_url()), owner, inputs, make=partial(card, config.title, host))
    for slug, region in site.regions.items():
        title = f"{plan.theme.strings.get('region', 'Regio')} {region.name}"
        make = partial(card, title, config.title)
        yield Artifact(
            urls.output_path(region_card_url(slug)), owner, (title, config.title, settings().digest(), colors), make
        )


def item_images(item: Item) -> list[str]:
    """The images JSON-LD gives for an item (site URLs): its photo's social crop and largest variant, else the
    card of its region or of the site. Always raster, never the theme's SVG."""
    photo = item.photo
    card = region_card_url(item.region.slug) if item.region is not None else site_card_url()
    if photo is not None and photo.error is None:
        return [photo.social_url if photo.shareable else card, photo.fallback.url]
    return [card]
