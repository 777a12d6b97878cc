"""stogen schema: JSON Schemas for front matter and region.yml, for editors (YAML language server)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from stogen.core.spec import json_schema
from stogen.model.config import CONFIG
from stogen.model.kinds import KINDS
from stogen.model.newsletters import SOURCE as NEWSLETTER_SOURCE
from stogen.model.regions import region_json_schema

HELP = "write JSON Schemas for front matter (per kind), region.yml, newsletters and stogen.yml into schemas/"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("schemas"), help="folder to write into (default: schemas/)")


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema; the same text every run (sorted keys), so the committed copies can be compared."""
    out = {f"{kind.name}.schema.json": json_schema(kind.shape) for kind in KINDS.values()}
    out["region.schema.json"] = region_json_schema()
    out["newsletter.schema.json"] = json_schema(NEWSLETTER_SOURCE)
    out["stogen.schema.json"] = json_schema(CONFIG)
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in all_schemas().items():
        (out / name).write_text(render(schema), "utf-8")
        print((out / name).as_posix())
    return 0
