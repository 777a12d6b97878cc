"""stogen report regio's: per region for a school year; the webinar report by school year with a region column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from sitekit import article, base_files, make_site, region_yml, stogen, webinar

NOW = "2026-11-28 12:00"


def _files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(base_files())
    # The school year 2025-2026 runs from 1 August 2025 to 31 July 2026, both days included.
    files["regions/alpha/nieuws/2025-07-31-voor.md"] = article("Net ervoor", "2025-07-31")
    files["regions/alpha/nieuws/2025-08-01-eerste.md"] = article("Eerste dag", "2025-08-01")
    files["regions/alpha/nieuws/2026-07-31-laatste.md"] = article("Laatste dag", "2026-07-31")
    files["regions/alpha/nieuws/2026-03-01-concept.md"] = article("Concept", "2026-03-01", draft="true")
    files["regions/alpha/agenda/2026-02-01-open-huis.md"] = (
        '---\ntitle: Open huis\nstart: "2026-02-01 10:00"\nlocation: Plaats A\n---\nKom langs.\n'
    )
    files["regions/alpha/webinars/2026-06-10-alpha-live.md"] = webinar(
        "'=HYPERLINK(\"https://example.org\")'", "2026-06-10 16:00", replay_views="40", views_counted="2026-09-01"
    )
    files["content/webinars/2025-10-23-landelijk.md"] = webinar('"@SUM(1)"', "2025-10-23 15:30", live_viewers="150")
    files["content/webinars/2026-10-08-later.md"] = webinar("Later", "2026-10-08 15:30", live_viewers="170")
    files["regions/beta/region.yml"] = (
        region_yml("-Beta", ("99BA00", "99BB00", "99BC00"), province="Zeeland")
        + "plan:\n  period: 2023-2025\n  approved: 2023-06-01\n"
    )
    return files


def _report(root: Path, *args: str) -> tuple[int, str, str]:
    result = stogen(root, "report", *args, "--now", NOW)
    return result.returncode, result.stdout, result.stderr


def test_regions_csv_counts_one_school_year(tmp_path: Path) -> None:
    root = make_site(tmp_path / "s", _files())
    code, out, err = _report(root, "regio's", "--schooljaar", "2025-2026", "--format", "csv")
    assert code == 0, err
    rows = {r["region"]: r for r in csv.DictReader(io.StringIO(out))}
    assert list(rows) == ["alpha", "beta"]
    alpha, beta = rows["alpha"], rows["beta"]
    assert alpha["school_year"] == "2025-2026"
    assert (alpha["news"], alpha["events"], alpha["webinars"]) == ("2", "1", "1")  # not the draft, not 31 July 2025
    assert (alpha["vmbo_schools"], alpha["mbo_schools"], alpha["technical_schools"]) == ("2", "1", "2")
    assert (alpha["partners"], alpha["hotspots"], alpha["plan_status"]) == ("1", "1", "missing")
    assert (beta["news"], beta["plan_period"], beta["plan_status"]) == ("0", "2023-2025", "expired")
    assert beta["name"] == "'-Beta"  # a cell a spreadsheet would read as a formula gets an apostrophe


def test_regions_default_to_the_current_school_year_and_accept_regios(tmp_path: Path) -> None:
    root = make_site(tmp_path / "s", _files())
    code, out, err = _report(root, "regios")
    assert code == 0, err
    assert out.startswith("school year 2026-2027 (2026-08-01 to 2027-07-31)")
    alpha = next(line for line in out.splitlines() if line.startswith("Alpha"))
    assert alpha.split()[1:4] == ["2", "0", "0"]  # news of 1 October and 5 November 2026
    assert out.splitlines()[-1].startswith("total")


def test_regions_xlsx_opens_with_openpyxl(tmp_path: Path) -> None:
    root = make_site(tmp_path / "s", _files())
    code, out, err = _report(root, "regio's", "--schooljaar", "2025-2026", "--format", "xlsx", "--out", "r.xlsx")
    assert code == 0, err
    assert out.strip() == "r.xlsx"
    sheet = openpyxl.load_workbook(root / "r.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("school_year", "region", "name", "news")
    assert rows[1][1:6] == ("alpha", "Alpha", 2, 1, 1)  # numbers stay numbers
    assert rows[2][2] == "-Beta" and sheet.cell(3, 3).data_type == "s"  # text, not a formula
    first = (root / "r.xlsx").read_bytes()
    _report(root, "regio's", "--schooljaar", "2025-2026", "--format", "xlsx", "--out", "r.xlsx")
    assert (root / "r.xlsx").read_bytes() == first  # the same content and "now": the same file


def test_webinars_by_school_year_with_region_and_count_date(tmp_path: Path) -> None:
    root = make_site(tmp_path / "s", _files())
    code, out, err = _report(root, "webinars", "--schooljaar", "2025-2026", "--format", "csv")
    assert code == 0, err
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["row"] == "webinar"]
    assert [(r["year"], r["date"], r["region"], r["views_counted"]) for r in rows] == [
        ("2025-2026", "2025-10-23", "", ""),
        ("2025-2026", "2026-06-10", "alpha", "2026-09-01"),
    ]
    assert rows[0]["title"] == "'@SUM(1)" and rows[1]["title"].startswith("'=HYPERLINK(")
    code, out, _ = _report(root, "webinars", "--schooljaar", "2025-2026")
    assert "2026-06-10" in out and "alpha" in out and "2026-09-01" in out and "Later" not in out
    code, out, _ = _report(root, "webinars", "--schooljaar", "2025-2026", "--format", "xlsx", "--out", "w.xlsx")
    sheet = openpyxl.load_workbook(root / "w.xlsx").active
    titles = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "webinar"]
    assert titles == ["@SUM(1)", '=HYPERLINK("https://example.org")']
    assert all(c.data_type == "s" for c in sheet["D"][1:] if c.value)


def test_a_school_year_is_two_consecutive_years(tmp_path: Path) -> None:
    root = make_site(tmp_path / "s", _files())
    code, _, err = _report(root, "regio's", "--schooljaar", "2025-2027")
    assert code == 2
    assert "'2025-2027' is not a school year: write it like 2025-2026" in err
