"""Figures the site states, counted from the data instead of typed: "in {aantal-regios} regio's" in Markdown, in the
theme's strings and in stogen.yml's description becomes "in 78 regio's" when the site has 78 regions.

A placeholder is plain text (no template runs inside content): a known name is replaced, an unknown one is a
problem in a body (render/markdown.py) and left as it is elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from stogen.core.messages import msg
from stogen.model.records import Region

PLACEHOLDER = re.compile(r"\{aantal-([a-z0-9-]+)\}")
HINT = msg("write {{aantal-regios}} for the number of regions (counted at every build), or remove the braces")


def count(regions: Mapping[str, Region]) -> dict[str, str]:
    """Every figure by name: the regions of the site (after renames, merges and splits: the current ones)."""
    return {"regios": str(len(regions))}


def fill(text: str, figures: Mapping[str, str]) -> str:
    """The text with every known placeholder replaced by its figure."""
    if "{aantal-" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: figures.get(m[1], m[0]), text)
