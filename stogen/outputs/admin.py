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


def artifacts(plan: Plan) -> Iterator[Artifact]:
    config = plan.site.config
    settings = config.cms
    if settings is None:
        return
    site_url = config.base_url
    owner = Owner.generator("the web editor (/admin/)")
    pages = {"admin/": (f"{nl.PAGE_TITLE} – {config.title}", central_config(settings, site_url))}
    for slug, region in sorted(plan.site.regions.items()):
        title = f"{nl.PAGE_TITLE} {region.name} – {config.title}"
        pages[f"admin/regio/{slug}/"] = (title, region_config(settings, site_url, slug))
    for folder, (title, cms_config) in pages.items():
        html, yml = entry_page(title), to_yaml(cms_config)
        yield Artifact(folder + "index.html", owner, ("cms-page", html), make=partial(bytes, html))
        yield Artifact(folder + "config.yml", owner, ("cms-config", yml), make=partial(bytes, yml))
    vendored = bundle_dir(plan.theme.path)
    for p in sorted(vendored.iterdir()) if vendored.is_dir() else ():
        if p.is_file():
            yield Artifact(f"admin/{BUNDLE}/{p.name}", owner, copy_from=str(p))
