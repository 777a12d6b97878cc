"""One module per kind of output. Each plans Artifacts from the site model (and, for pages, PageJobs); none reads
a source file, looks at the previous build or writes a file: the pipeline (stogen/build/pipeline.py) decides what
is stale and the writer writes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stogen.core.artifacts import MadeAhead
    from stogen.model.site import Site
    from stogen.outputs.jobs import PageJob
    from stogen.render.theme import Theme


@dataclass(frozen=True)
class Plan:
    """What every output module plans from: the site model, the theme and every planned HTML page."""

    site: Site
    theme: Theme
    jobs: list[PageJob]
    ahead: MadeAhead | None = None  # bundles the build started making before it planned (stogen/build/ahead.py)
