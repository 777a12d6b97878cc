"""Landing pages of regions that were split: /regio/<old>/ lists the regions that took over.

A split has no one successor to redirect to, so the old region's address stays a page that names the new
regions (it stays in the sitemap: people still search for the old name); its other old paths redirect to it
(outputs/redirects.py), and every moved item has its own redirect from its old URL.
"""

from __future__ import annotations

from stogen.model import urls
from stogen.model.records import Change, Region
from stogen.model.site import Site
from stogen.outputs.jobs import PageJob, Planner


def split_regions(site: Site) -> dict[str, tuple[Change, list[Region]]]:
    """Old slug -> (the split, the regions that came out of it, by name)."""
    found: dict[str, tuple[Change, list[Region]]] = {}
    for region in site.sorted_regions():
        for change in region.history:
            if change.change != "split":
                continue
            for old in change.old:
                if old not in site.regions:
                    found.setdefault(old, (change, []))[1].append(region)
    return dict(sorted(found.items()))


def plan(planner: Planner) -> list[PageJob]:
    site, t = planner.site, planner.t
    jobs = []
    for old, (change, successors) in split_regions(site).items():
        name = change.names[change.old.index(old)] if len(change.names) == len(change.old) else old
        jobs.append(
            planner.job(
                urls.region_home(old),
                "region_split.html",
                f"{t['region']} {name}",
                f"split of region {old} ({successors[0].source.rel})",
                f"{t['region_split_lead']} {', '.join(r.name for r in successors)}.",
                [planner.home, planner.regions_crumb],
                {"old_name": name, "change": change, "successors": successors},
            )
        )
    return jobs
