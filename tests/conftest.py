from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sitekit import base_files, make_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small valid site: central content and two regions."""
    return make_site(tmp_path / "site", base_files())
