"""Reports as spreadsheets: CSV and xlsx from one header and rows, safe to open in Excel or LibreOffice.

Titles and names come from content that regional editors write. A cell that starts with = + - @ (or a tab or
carriage return) is read as a formula by spreadsheet programs ("CSV injection"), so in CSV such a cell gets a
leading apostrophe; in xlsx it is stored as text, which no program evaluates.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from stogen.core.safetext import csv_cell

Cell = str | int | float | None


class MissingLibrary(Exception):
    """The optional spreadsheet library is not installed."""


def neutralise(value: Cell) -> Cell:
    return csv_cell(value)  # type: ignore[return-value]  # one rule for every CSV stogen writes (core/safetext.py)


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else neutralise(v) for v in row])
    return out.getvalue()


def write_xlsx(path: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[Cell]], stamp: datetime) -> None:
    """One sheet, header row bold and frozen; numbers stay numbers. Needs openpyxl (`pip install stogen[report]`).

    `stamp` (the report's "now") is the file's creation time, so the same content and "now" give the same bytes.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError as exc:
        raise MissingLibrary("xlsx needs openpyxl: python -m pip install 'stogen[report]'") from exc
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit for a sheet name
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
    for column in sheet.columns:
        width = max(len(str(c.value)) for c in column if c.value is not None)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    book.properties.creator = "stogen"
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_same_every_time(buffer.getvalue(), stamp))


def _same_every_time(xlsx: bytes, stamp: datetime) -> bytes:
    """openpyxl writes the clock into the file (zip entry times, docProps/core.xml `modified`): use `stamp`."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + when.encode() + rb"\g<2>", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
