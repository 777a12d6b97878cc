"""The national hotspot overview, /hotspots/: every region's techniekhotspots on one page, by region.

Each region page lists its own hotspots (themes/default/templates/region.html) and links here; this page shows
them all, each with its region, the region's news and, for a hotspot with an address, a link to a map.
"""

from __future__ import annotations

from stogen.outputs.jobs import PageJob, Planner

URL = "/hotspots/"


def plan(planner: Planner) -> list[PageJob]:
    site, t = planner.site, planner.t
    regions = sorted((r for r in site.regions.values() if r.hotspots), key=lambda r: (r.name.casefold(), r.slug))
    context = {"regions": regions, "count": sum(len(r.hotspots) for r in regions)}
    crumbs = [planner.home, planner.regions_crumb]
    return [planner.job(URL, "hotspots.html", t["hotspots_title"], "hotspot overview", t["hotspots_description"],
                        crumbs, context)]  # fmt: skip
