"""stogen report webinars: reach figures per webinar and per year, on known figures."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sitekit import make_site, stogen
from webinarkit import programme_files

NOW = "2026-11-28 12:00"


def report(root: Path, *args: str) -> tuple[int, str, str]:
    result = stogen(root, "report", "webinars", "--now", NOW, *args)
    return result.returncode, result.stdout, result.stderr


def test_table_has_every_past_webinar_and_exact_year_figures(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", programme_files())
    code, out, err = report(root)
    assert code == 0, err
    lines = out.splitlines()
    assert "Doorlopende leerlijnen" not in out  # upcoming: not in the report
    row = next(line for line in lines if "Hotspots die blijven" in line)
    assert row.startswith("2026-03-26") and row.split()[-3:] == ["160", "–", "–"]
    row = next(line for line in lines if "Techniekpact en STO" in line)
    assert row.split()[-3:] == ["170", "300", "470"]
    y2026 = lines[lines.index("2026") :]
    total = next(line for line in y2026 if line.startswith("total"))
    average = next(line for line in y2026 if line.startswith("average"))
    assert total.split()[1:] == ["330", "340", "470"]
    assert average.split()[1:] == ["165.0", "170.0", "470.0"]
    assert "3 webinars; live figures of 2, replay figures of 2, total figures of 1" in out
    assert lines.index("2025") < lines.index("2026")


def test_csv_parses_and_holds_the_same_figures(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", programme_files())
    code, out, _ = report(root, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    webinars = [r for r in rows if r["row"] == "webinar"]
    assert [(r["date"], r["live_viewers"], r["replay_views"], r["total"]) for r in webinars] == [
        ("2025-10-23", "150", "281", "431"),
        ("2026-03-26", "160", "", ""),
        ("2026-06-10", "", "40", ""),
        ("2026-10-08", "170", "300", "470"),
    ]
    by_kind = {(r["row"], r["year"]): r for r in rows if r["row"] != "webinar"}
    assert by_kind[("year total", "2026")]["live_viewers"] == "330"
    assert by_kind[("year n", "2026")]["replay_views"] == "2"
    assert by_kind[("year average", "2026")]["replay_views"] == "170.0"
    assert by_kind[("year average", "2025")]["total"] == "431.0"


def test_year_filter(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", programme_files())
    code, out, _ = report(root, "--year", "2025", "--format", "csv")
    assert code == 0
    assert {r["year"] for r in csv.DictReader(io.StringIO(out))} == {"2025"}
    code, out, _ = report(root, "--year", "2019")
    assert (code, out) == (0, "no past webinars\n")


def test_content_errors_are_reported_like_the_build(tmp_path: Path) -> None:
    files = programme_files()
    files["content/webinars/2026-05-01-fout.md"] = (
        '---\ntitle: Fout\nstart: "2026-05-01 15:30"\nduration: 60\nlive_viewers: -3\n---\n'
    )
    root = make_site(tmp_path / "site", files)
    code, out, err = report(root)
    assert code == 1 and out == ""
    assert "content/webinars/2026-05-01-fout.md:5: live_viewers: must not be negative, got -3" in err
    assert "Traceback" not in err
