"""stogen schema: the committed schemas are current, and they accept the example site's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import yaml
from sitekit import REPO, stogen


class _NoDates(yaml.SafeLoader):
    """YAML as an editor's language server sees it: dates stay strings."""


_NoDates.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(text: str) -> Any:
    return yaml.load(text, Loader=_NoDates)


def test_committed_schemas_equal_what_stogen_schema_writes(tmp_path: Path) -> None:
    made = stogen(REPO, "schema", "--out", str(tmp_path / "schemas"))
    assert made.returncode == 0, made.stderr
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == [
        "article.schema.json",
        "event.schema.json",
        "newsletter.schema.json",
        "page.schema.json",
        "region.schema.json",
        "stogen.schema.json",
        "webinar.schema.json",
    ]
    for name in written:
        committed = REPO / "schemas" / name
        assert committed.read_text("utf-8") == (tmp_path / "schemas" / name).read_text("utf-8"), (
            f"schemas/{name} is out of date: run `stogen schema`"
        )


def _validator(name: str) -> jsonschema.Draft202012Validator:
    import json

    return jsonschema.Draft202012Validator(json.loads((REPO / "schemas" / name).read_text("utf-8")))


def test_example_regions_and_front_matter_validate() -> None:
    region = _validator("region.schema.json")
    regions = sorted(REPO.glob("regions/*/region.yml"))
    assert len(regions) >= 6
    for path in regions:
        errors = [e.message for e in region.iter_errors(_load(path.read_text("utf-8")))]
        assert not errors, f"{path}: {errors}"
    kinds = {"nieuws": "article", "agenda": "event", "webinars": "webinar"}
    checked = 0
    for path in sorted([*REPO.glob("content/**/*.md"), *REPO.glob("regions/**/*.md")]):
        kind = next((kinds[p] for p in path.parts if p in kinds), "page")
        front = path.read_text("utf-8").split("---\n", 2)[1]
        errors = [e.message for e in _validator(f"{kind}.schema.json").iter_errors(_load(front))]
        assert not errors, f"{path}: {errors}"
        checked += 1
    assert checked > 30


def test_the_configuration_and_newsletters_validate() -> None:
    config = _validator("stogen.schema.json")
    assert not [e.message for e in config.iter_errors(_load((REPO / "stogen.yml").read_text("utf-8")))]
    assert list(config.iter_errors({"title": "x", "base_url": "https://x.org", "thema": "blauw"}))
    assert list(config.iter_errors({"title": "x", "base_url": "https://x.org", "feed_items": 0}))
    newsletter = _validator("newsletter.schema.json")
    newsletters = sorted(REPO.glob("newsletters/*.md"))
    assert newsletters
    for path in newsletters:
        front = path.read_text("utf-8").split("---\n", 2)[1]
        assert not [e.message for e in newsletter.iter_errors(_load(front))], path
    assert list(newsletter.iter_errors({"preheader": "no subject"}))


def test_schemas_reject_what_the_build_rejects() -> None:
    assert list(_validator("article.schema.json").iter_errors({"title": "x", "date": "2026-11-03", "titel": "y"}))
    assert list(_validator("article.schema.json").iter_errors({"title": "x"}))  # date is required
    bad_region = _load((REPO / "regions/twente/region.yml").read_text("utf-8"))
    bad_region["schools"][0]["code"] = "1234"
    assert list(_validator("region.schema.json").iter_errors(bad_region))
