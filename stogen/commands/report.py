"""stogen report: figures from the content for the programme office, as a table, CSV or an xlsx spreadsheet.

`webinars`: live and replay figures per webinar and per calendar or school year.
`regio's` (or `regios`): one row per region for a school year: what it published, its schools, partners and plan.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from stogen.build.pipeline import load_site
from stogen.commands import print_problems, root_of
from stogen.core.messages import msg
from stogen.core.problems import Problems
from stogen.tools.figures import RegionFigures, SchoolYear, local_day, region_figures
from stogen.tools.reach import Figure, Year, reach
from stogen.tools.tables import Cell, MissingLibrary, neutralise, to_csv, write_xlsx

HELP = (
    "reports from the content: `webinars` (live and replay figures per webinar and year) and "
    "`regio's` (per region for a school year: news, events, webinars, schools, partners, plan)"
)
MISSING = "–"
FIGURES = ("live", "replay", "total")
WEBINAR_COLUMNS = (
    "row",
    "year",
    "date",
    "title",
    "region",
    "url",
    "live_viewers",
    "replay_views",
    "views_counted",
    "total",
    "n",
)


def _school_year(text: str) -> SchoolYear:
    try:
        return SchoolYear.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("report", choices=["webinars", "regio's", "regios"], help="which report")
    p.add_argument("--year", type=int, help="webinars: only this calendar year (default: every year)")
    p.add_argument(
        "--schooljaar",
        type=_school_year,
        metavar="2025-2026",
        help="a school year, 1 August to 31 July (regio's: default the current one; webinars: instead of --year)",
    )
    p.add_argument("--format", choices=["table", "csv", "xlsx"], default="table", help="table (default), csv or xlsx")
    p.add_argument("--out", type=Path, help="xlsx: the file to write (default: <report>-<period>.xlsx)")
    p.add_argument("--root", type=Path, default=Path("."), help="the site's repository (default: current folder)")
    p.add_argument("--now", help='what counts as past, e.g. "2026-11-28 09:00" (default: as for build)')


def run(args: argparse.Namespace) -> int:
    problems = Problems(root_of(args))
    loaded = load_site(root_of(args), problems, now=args.now)
    if loaded is None or problems.has_errors():
        print_problems(problems)
        print(msg("report failed: {summary}", summary=problems.summary()), file=sys.stderr)
        return 1
    print_problems(problems)
    site = loaded[1]
    if args.report == "webinars":
        years = reach(site, args.year, args.schooljaar)
        name = "webinars-" + (args.schooljaar.label if args.schooljaar else str(args.year or "all"))
        return _emit(args, name, WEBINAR_COLUMNS, webinar_rows(years), lambda: to_table(years), _utc(site.now))
    year = args.schooljaar or SchoolYear.of(local_day(site, site.now))
    rows = region_figures(site, year)
    cells = [[year.label, *r.cells()] for r in rows]
    header = ("school_year", *RegionFigures.COLUMNS)
    return _emit(args, f"regios-{year.label}", header, cells, lambda: region_table(year, rows), _utc(site.now))


def _emit(
    args: argparse.Namespace,
    name: str,
    header: tuple[str, ...],
    rows: list[list[Cell]],
    table: Callable[[], str],
    stamp: datetime,
) -> int:
    if args.format == "csv":
        sys.stdout.write(to_csv(header, rows))
    elif args.format == "xlsx":
        out: Path = args.out or Path(f"{name}.xlsx")
        try:
            write_xlsx(out, name, header, rows, stamp)
        except MissingLibrary as exc:
            print(f"report failed: {exc}", file=sys.stderr)
            return 1
        print(out.as_posix())
    else:
        sys.stdout.write(table())
    return 0


def _utc(at: datetime) -> datetime:
    """The report's "now" as the naive UTC time a spreadsheet file records."""
    return at.astimezone(UTC).replace(tzinfo=None)


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
    rw = max(6, *(len(r.region) for y in years for r in y.rows))
    head = (
        f"{'date':<10}  {'title':<{width}}  {'region':<{rw}}  {'counted':<10}  {'live':>6}  {'replay':>6}  {'total':>6}"
    )
    pad = f"{'':<{width}}  {'':<{rw}}  {'':<10}"
    for year in years:
        lines += [f"{year.year}", head, "-" * len(head)]
        for r in year.rows:
            title = r.title if len(r.title) <= width else r.title[: width - 1] + "…"
            counted = r.counted.isoformat() if r.counted else MISSING
            lines.append(
                f"{r.day.isoformat():<10}  {title:<{width}}  {r.region or MISSING:<{rw}}  {counted:<10}  "
                f"{_n(r.live):>6}  {_n(r.replay):>6}  {_n(r.total):>6}"
            )
        figures = [year.figure(name) for name in FIGURES]
        lines.append("-" * len(head))
        lines.append(f"{'total':<10}  {pad}  " + "  ".join(f"{f.total:>6}" for f in figures))
        lines.append(f"{'average':<10}  {pad}  " + "  ".join(f"{_avg(f):>6}" for f in figures))
        lines.append(
            f"{'n':<10}  {len(year.rows)} webinars; "
            + ", ".join(f"{name} figures of {f.n}" for name, f in zip(FIGURES, figures, strict=True))
        )
        lines.append("replay views as counted on the date in the column `counted` (– : date not recorded)")
        lines.append("")
    return "\n".join(lines)


def webinar_rows(years: list[Year]) -> list[list[Cell]]:
    """One row per webinar, then three per year; empty cells where a figure is unknown (spreadsheet-friendly)."""
    rows: list[list[Cell]] = []
    for year in years:
        for r in year.rows:
            counted = r.counted.isoformat() if r.counted else ""
            rows.append(
                [
                    "webinar",
                    year.year,
                    r.day.isoformat(),
                    r.title,
                    r.region,
                    r.url,
                    r.live,
                    r.replay,
                    counted,
                    r.total,
                    "",
                ]
            )
        figures = [year.figure(name) for name in FIGURES]
        totals, ns = [f.total for f in figures], [f.n for f in figures]
        averages = ["" if f.average is None else round(f.average, 1) for f in figures]  # numbers in xlsx too
        blank = ["", "", "", ""]
        rows.append(["year total", year.year, *blank, totals[0], totals[1], "", totals[2], len(year.rows)])
        rows.append(["year n", year.year, *blank, ns[0], ns[1], "", ns[2], len(year.rows)])
        rows.append(["year average", year.year, *blank, averages[0], averages[1], "", averages[2], ""])
    return rows


def region_table(year: SchoolYear, rows: list[RegionFigures]) -> str:
    """Aligned columns, one line per region and a total line; text cells neutralised like CSV (pasted into sheets)."""
    header = ["region", "news", "events", "webinars", "vmbo", "mbo", "technical", "partners", "hotspots", "plan"]
    body: list[list[str]] = [
        [
            str(neutralise(r.name)),
            *(str(v) for v in (r.news, r.events, r.webinars, r.vmbo, r.mbo, r.technical, r.partners, r.hotspots)),
            f"{r.plan_period} {r.plan_status}" if r.plan_period else r.plan_status,
        ]
        for r in rows
    ]
    sums = [sum(int(line[i]) for line in body) for i in range(1, 9)]
    body.append(["total", *(str(v) for v in sums), ""])
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def fmt(line: list[str]) -> str:
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:-1], widths[1:-1], strict=True)]
        return "  ".join([*cells, line[-1]]).rstrip()

    rule = "-" * len(fmt(header))
    return "\n".join([f"school year {year.label} ({year.start} to {year.end})", fmt(header), rule,
                      *map(fmt, body[:-1]), rule, fmt(body[-1])]) + "\n"  # fmt: skip
