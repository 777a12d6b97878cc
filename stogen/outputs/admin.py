"""The web editor at /admin/ (Decap CMS): an entry page and a generated config.yml for the central team and for
each region (/admin/regio/<slug>/), and the self-hosted Decap bundle. Built only when stogen.yml has `cms:`.

None of it is a PageJob, so none of it is in the sitemap, the search index or a feed; every entry page says
noindex, and netlify.toml gives /admin/* its own Content-Security-Policy (docs/cms.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from html import escape
from pathlib import Path

from stogen.core.artifacts import Artifact, Owner
from stogen.model.config import CmsSettings
from stogen.outputs import Plan
from stogen.outputs import cms_labels as nl
from stogen.outputs.cms_config import central_config, region_config, to_yaml

DECAP_VERSION = "3.16.3"  # pinned; the bundle is vendored from the npm package (themes/default/admin/README.md)
BUNDLE = f"decap-cms-{DECAP_VERSION}"
SCRIPT = f"/admin/{BUNDLE}/decap-cms.js"


def entry_page(title: str) -> bytes:
    """The page that loads Decap, which reads config.yml next to the page (its default; a <link rel="cms-config-url">
    would be an unregistered rel value to the HTML checker). No inline script: the CSP allows none."""
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{escape(title)}</title>
</head>
<body>
<noscript>{escape(nl.NOSCRIPT)}</noscript>
<script src="{SCRIPT}"></script>
</body>
</html>
""".encode()


def bundle_dir(theme_path: Path) -> Path:
    return theme_path / "admin" / BUNDLE


def _config_yaml(settings: CmsSettings, site_url: str, slug: str | None) -> bytes:
    """config.yml for the central team (slug None) or for one region."""
    if slug is None:
        return to_yaml(central_config(settings, site_url))
    return _region_yaml(settings, site_url, slug)


# A slug's place while the config of its length is written: letters no word of the config has.
_STAND_IN = "zqxj"
_BY_LENGTH: dict[tuple[int, str, int], tuple[CmsSettings, bytes, str]] = {}


def _region_yaml(settings: CmsSettings, site_url: str, slug: str) -> bytes:
    """One region's config.yml. The regions' configs differ only in their folder, `regions/<slug>`, and writing
    the YAML is most of the cost (9 ms a region, 79 times at 78 regions): so it is written once per length of
    slug, with a stand-in of that length, and each region's folder put in its place. A stand-in keeps every line
    as long as the slug's, so YAML folds and quotes it alike; where it shows anywhere else (a one-letter slug) the
    config is written as it is. tests/test_cms.py compares both ways for slugs of every shape."""
    key = (id(settings), site_url, len(slug))
    hit = _BY_LENGTH.get(key)
    if hit is None or hit[0] is not settings:
        if hit is not None or len(_BY_LENGTH) >= 64:  # settings of an earlier build (stogen serve): forgotten
            _BY_LENGTH.clear()
        stand_in = (_STAND_IN * len(slug))[: len(slug)]
        hit = _BY_LENGTH[key] = (settings, to_yaml(region_config(settings, site_url, stand_in)), stand_in)
    text, stand_in = hit[1], hit[2].encode()
    folder = b"regions/" + stand_in
    if text.count(stand_in) != text.count(folder):
        return to_yaml(region_config(settings, site_url, slug))
    return text.replace(folder, f"regions/{slug}".encode())


def artifacts(plan: Plan) -> Iterator[Artifact]:
    config = plan.site.config
    settings = config.cms
    if settings is None:
        return
    site_url = config.base_url
    owner = Owner.generator("the web editor (/admin/)")
    # The config is made only when stale: its YAML (~0.13 s a region) depends on the CMS settings, the site's URL,
    # the region and the JSON Schemas, which come from stogen's code (in every fingerprint).
    pages = {"admin/": (f"{nl.PAGE_TITLE} – {config.title}", None)}
    for slug, region in sorted(plan.site.regions.items()):
        pages[f"admin/regio/{slug}/"] = (f"{nl.PAGE_TITLE} {region.name} – {config.title}", slug)
    for folder, (title, slug) in pages.items():
        html = entry_page(title)
        yield Artifact(folder + "index.html", owner, ("cms-page", html), make=partial(bytes, html))
        yield Artifact(
            folder + "config.yml",
            owner,
            ("cms-config", settings, site_url, slug),
            make=partial(_config_yaml, settings, site_url, slug),
        )
    vendored = bundle_dir(plan.theme.path)
    for p in sorted(vendored.iterdir()) if vendored.is_dir() else ():
        if p.is_file():
            yield Artifact(f"admin/{BUNDLE}/{p.name}", owner, copy_from=str(p))
