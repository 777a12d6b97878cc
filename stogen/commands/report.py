"""stogen report webinars: reach figures of the past webinars, as a table or as CSV for a spreadsheet."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Any

from stogen.build.pipeline import load_site
from stogen.commands import print_problems, root_of
from stogen.core.problems import Problems
from stogen.core.safetext import csv_cell
from stogen.tools.reach import Figure, Year, reach

HELP = "reports from the content: `webinars` prints live and replay figures per webinar and per year"
MISSING = "–"
FIGURES = ("live", "replay", "total")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("report", choices=["webinars"], help="which report")
    p.add_argument("--year", type=int, help="only this year (default: every year)")
    p.add_argument("--format", choices=["table", "csv"], default="table", help="table (default) or csv")
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")
    p.add_argument("--now", help='what counts as past, e.g. "2026-11-28 09:00" (default: as for build)')


def run(args: argparse.Namespace) -> int:
    problems = Problems(root_of(args))
    loaded = load_site(root_of(args), problems, now=args.now)
    if loaded is None or problems.has_errors():
        print_problems(problems)
        print(f"report failed: {problems.summary()}", file=sys.stderr)
        return 1
    print_problems(problems)
    years = reach(loaded[1], args.year)
    sys.stdout.write(to_csv(years) if args.format == "csv" else to_table(years))
    return 0


def _n(value: int | None) -> str:
    return MISSING if value is None else str(value)


def _avg(figure: Figure) -> str:
    return MISSING if figure.average is None else f"{figure.average:.1f}"


def to_table(years: list[Year]) -> str:
    if not years:
        return "no past webinars\n"
    lines: list[str] = []
    width = max(len(r.title) for y in years for r in y.rows)
    width = min(max(width, 5), 60)
    head = f"{'date':<10}  {'title':<{width}}  {'live':>6}  {'replay':>6}  {'total':>6}"
    for year in years:
        lines += [f"{year.year}", head, "-" * len(head)]
        for r in year.rows:
            title = r.title if len(r.title) <= width else r.title[: width - 1] + "…"
            lines.append(
                f"{r.day.isoformat():<10}  {title:<{width}}  {_n(r.live):>6}  {_n(r.replay):>6}  {_n(r.total):>6}"
            )
        figures = [year.figure(name) for name in FIGURES]
        lines.append("-" * len(head))
        lines.append(f"{'total':<10}  {'':<{width}}  " + "  ".join(f"{f.total:>6}" for f in figures))
        lines.append(f"{'average':<10}  {'':<{width}}  " + "  ".join(f"{_avg(f):>6}" for f in figures))
        lines.append(
            f"{'n':<10}  {len(year.rows)} webinars; "
            + ", ".join(f"{name} figures of {f.n}" for name, f in zip(FIGURES, figures, strict=True))
        )
        lines.append("")
    return "\n".join(lines)


def to_csv(years: list[Year]) -> str:
    """One row per webinar, then one per year; empty cells where a figure is unknown (spreadsheet-friendly)."""
    out = io.StringIO()
    w = _FormulaSafeWriter(csv.writer(out, lineterminator="\n"))
    w.writerow(["row", "year", "date", "title", "url", "live_viewers", "replay_views", "total", "n"])
    for year in years:
        for r in year.rows:
            w.writerow(
                ["webinar", year.year, r.day.isoformat(), r.title, r.url, *_cells(r.live, r.replay, r.total), ""]
            )
        figures = [year.figure(name) for name in FIGURES]
        w.writerow(["year total", year.year, "", "", "", *(f.total for f in figures), len(year.rows)])
        w.writerow(["year n", year.year, "", "", "", *(f.n for f in figures), len(year.rows)])
        w.writerow(
            [
                "year average",
                year.year,
                "",
                "",
                "",
                *("" if f.average is None else f"{f.average:.1f}" for f in figures),
                "",
            ]
        )
    return out.getvalue()


class _FormulaSafeWriter:
    """Titles come from content: a cell a spreadsheet would run as a formula (=, +, -, @) is written as text."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[object]) -> None:
        self.writer.writerow([csv_cell(v) for v in row])


def _cells(*values: int | None) -> list[str]:
    return ["" if v is None else str(v) for v in values]
