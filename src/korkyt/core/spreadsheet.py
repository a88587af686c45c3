"""CSV cells a spreadsheet would run as formulas, made inert: the one writer for every CSV export (the audit
log, the catalogue's films, dubbing scripts, the token file of ``korkyt users import``).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (CSV injection); such a cell is written with a leading ``'``, which
the spreadsheet shows as text and does not display. Only text is changed: numbers are written as they are.
:func:`unescape_cell` undoes it when a file exported here is imported again.

This module imports nothing from Django, so the pure packages (korkyt.dubbing) may use it too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The text :func:`escape_cell` was given (for importing an exported file)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SafeWriter:
    """``csv.writer`` whose rows are escaped cell by cell."""

    def __init__(self, stream: Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([escape_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """``csv.DictWriter`` whose values are escaped (the header row is the program's own)."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: escape_cell(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``header`` then ``rows``, every cell escaped; returns the number of rows."""
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def write_xlsx(rows: Iterable[Iterable[Any]], stream: Any, *, sheet: str = "Sheet1") -> None:
    """A one-sheet XLSX workbook of ``rows`` (the first is the header), written by openpyxl in its streaming
    mode: numbers and dates as such, every text cell as text (a cell starting with ``=`` is never a formula;
    control characters XML cannot hold are dropped)."""
    import datetime
    from decimal import Decimal

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    title = str(sheet).translate(_SHEET_FORBIDDEN).strip("' ")[:31] or "Sheet1"
    ws = book.create_sheet(title=title)
    for row in rows:
        cells = []
        for value in row:
            if value is None or isinstance(value, bool):
                value = "" if value is None else str(value)
            if isinstance(value, (int, float, Decimal, datetime.date, datetime.datetime)):
                cells.append(WriteOnlyCell(ws, value=value))
                continue
            cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
            cell.data_type = "s"
            cells.append(cell)
        ws.append(cells)
    book.save(stream)
