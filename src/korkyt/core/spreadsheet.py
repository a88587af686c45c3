"""CSV cells a spreadsheet would run as formulas, made inert: the one writer for every CSV export (the audit
log, the catalogue's films, dubbing scripts, the token file of ``korkyt users import``); and the one reader
of the CSV files the commands import (:func:`read_records`), which answers a record it cannot read, or a
field longer than FIELD_MAX characters, as an error of that record and reads on.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (CSV injection); such a cell is written with a leading ``'``, which
the spreadsheet shows as text and does not display. Only text is changed: numbers are written as they are.
:func:`unescape_cell` undoes it when a file exported here is imported again.

This module imports nothing from Django, so the pure packages (korkyt.dubbing) may use it too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
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


# Reading -----------------------------------------------------------------------------------------


def _(message: str) -> str:
    """Marks a message for translation; the importer that shows it translates it (gettext)."""
    return message


#: The longest field read; longer is an error of that record (the csv module's default field limit).
FIELD_MAX = 131_072
TOO_LONG = _("The field is longer than %(max)s characters.")
UNREADABLE = _("The row cannot be read: %(reason)s")


@dataclass(frozen=True)
class BadRecord:
    """A record that is not imported: ``field`` is the column of a field over FIELD_MAX characters (its
    number when the header has no name for it), or ``"__all__"`` when the csv module cannot read it."""

    field: str
    reason: str = ""  # the csv module's, for an unreadable record

    def message(self, gettext: Any = _) -> str:
        """The error in words, translated by ``gettext``."""
        if self.field == "__all__":
            return str(gettext(UNREADABLE) % {"reason": self.reason})
        return str(gettext(TOO_LONG) % {"max": f"{FIELD_MAX:,}"})


def read_records(text: str) -> tuple[list[str], Iterator[tuple[int, list[str] | BadRecord]]]:
    """The header (names stripped) and the numbered records of a CSV text; blank lines are skipped. A
    record's number is the line it starts on (a quoted field may span lines); a record the csv module
    cannot read, or with a field over FIELD_MAX characters, is a BadRecord, and reading goes on."""
    # The whole text is in memory already: the csv module's own field limit protects nothing here and its
    # error would end the reading, so it is raised to the text's length and FIELD_MAX is checked per row.
    if csv.field_size_limit() <= len(text):
        csv.field_size_limit(len(text) + 1)  # only ever raised: other readers keep working
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        return [], iter(())

    def records() -> Iterator[tuple[int, list[str] | BadRecord]]:
        done = reader.line_num
        while True:
            start = done + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                done = reader.line_num
                yield start, BadRecord("__all__", str(exc))
                continue
            done = reader.line_num
            if not values:
                continue  # a blank line
            too_long = [
                header[i] if i < len(header) else str(i + 1)
                for i, v in enumerate(values)
                if len(v) > FIELD_MAX
            ]
            yield start, (BadRecord(too_long[0]) if too_long else values)

    return header, records()


def record_dict(header: Sequence[str], values: Sequence[str]) -> dict[str, str]:
    """A record by column name, as ``csv.DictReader`` gives it: a missing value is ``""``, a value
    past the header's columns is dropped."""
    return {name: values[i] if i < len(values) else "" for i, name in enumerate(header) if name}
