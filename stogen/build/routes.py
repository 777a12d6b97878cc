"""The route table: every output path claimed once, before anything is made.

A second claim on a path (two files, a file and a page stogen generates, two generators) is a Problem that names
both owners and says what to do; so is a file inside a bundle's folder (the search index). Nothing is rendered
when a claim fails.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from stogen.core.artifacts import Artifact, Owner, Route
from stogen.core.messages import msg
from stogen.core.problems import Problems


class RouteTable:
    """Output path -> the artifact that writes it; `urls` answers which URLs the site serves, and who owns them."""

    def __init__(self) -> None:
        self.artifacts: dict[str, Artifact] = {}
        self._bundles: dict[str, Artifact] = {}

    def claim_all(self, artifacts: Iterable[Artifact], root: Path, problems: Problems) -> list[Artifact]:
        """Claim every artifact's path; the artifacts that got their path, in the order given."""
        claimed: list[Artifact] = []
        for artifact in artifacts:
            if self._claim(artifact, root, problems):
                claimed.append(artifact)
        # A path inside a bundle's folder: each path's folders looked up (not every path against every bundle:
        # 33 shards x 22,000 paths at 78 x 200), reported in the order of the bundles, then of the paths.
        inside: list[tuple[int, int, Artifact, Artifact]] = []
        rank = {folder: n for n, folder in enumerate(self._bundles)}
        for n, (path, other) in enumerate(self.artifacts.items() if self._bundles else ()):
            at = path.find("/")
            while at >= 0:
                bundle = self._bundles.get(path[: at + 1])
                if bundle is not None and other is not bundle:
                    inside.append((rank[bundle.path], n, other, bundle))
                at = path.find("/", at + 1)
        for _, _, other, bundle in sorted(inside, key=lambda hit: hit[:2]):
            _collision(other.url, other.owner, bundle.owner, root, problems)
        return claimed

    def _claim(self, artifact: Artifact, root: Path, problems: Problems) -> bool:
        existing = self.artifacts.get(artifact.path)
        if existing is not None:
            _collision(artifact.url, artifact.owner, existing.owner, root, problems)
            return False
        self.artifacts[artifact.path] = artifact
        if artifact.is_bundle:
            self._bundles[artifact.path] = artifact
        return True

    def urls(self) -> dict[str, Route]:
        """Every URL a visitor can request, sorted; a bundle's folder stands for every file in it."""
        owners = {a.url: a.owner for a in self.artifacts.values()}  # each URL made once: 22,000 at 78 x 200
        return {url: Route(url, owners[url]) for url in sorted(owners)}


def _collision(url: str, claimant: Owner, holder: Owner, root: Path, problems: Problems) -> None:
    """Report two owners of one path at the source file involved (the claimant's first), naming both."""
    if _rank(holder) < _rank(claimant):
        claimant, holder = holder, claimant
    if claimant.source is not None and holder.source is not None:
        problems.error(
            root / claimant.source,
            None,
            None,
            msg("publishes {url}, which is also published by {source}", url=url, source=holder.source),
            msg("two files cannot have the same URL; rename one of them or give it another slug"),
        )
    elif claimant.source is not None:
        problems.error(
            root / claimant.source,
            None,
            None,
            msg("publishes {url}, which stogen writes for {name}", url=url, name=holder.name),
            msg("stogen makes this file itself; rename your file, or remove it"),
        )
    else:
        problems.error(
            "stogen",
            None,
            None,
            msg("{url} is written by both {name} and {name2}", url=url, name=claimant.name, name2=holder.name),
            msg("two generated outputs share a path: check region slugs and stogen.yml, or report a bug in stogen"),
        )


def _rank(owner: Owner) -> int:
    """Whom to tell first: the editor of a content file (its URL is theirs to change), then other sources."""
    if owner.source is None:
        return 2
    return 0 if owner.source.startswith(("content/", "regions/")) else 1
