"""CSV cells a spreadsheet would run as formulas, made inert: the one writer for every CSV export (the audit
log, the catalogue's films, dubbing scripts, the token file of ``korkyt users import``); and the one reader
of the CSV files the commands import (:func:`read_records`), which answers a record it cannot read, or a
field longer than FIELD_MAX characters, as an error of that record and reads on.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (CSV injection); such a cell is written with a leading ``'``, which
the spreadsheet shows as text and does not display. Only text is changed: numbers are written as they are.
:func:`unescape_cell` undoes it when a file exported here is imported again.

:func:`spreadsheet_response` is the one way a page sends a table (CSV or XLSX) however long it grows:
the CSV streamed as its rows are read, the workbook written to a temporary file and sent from there.

This module imports nothing from Django at its top (only :func:`spreadsheet_response` does, when it is
called), so the pure packages (korkyt.dubbing) may use it too.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from django.http import StreamingHttpResponse

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


def csv_chunks(
    rows: Iterable[Sequence[Any]], *, bom: bool = False, lineterminator: str = "\r\n", size: int = 65_536
) -> Iterator[bytes]:
    """The UTF-8 bytes of ``rows`` as CSV, every cell escaped, in chunks of about ``size`` bytes as the rows
    are read (a byte-order mark first with ``bom``); joined, they are what ``SafeWriter`` writes at once."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator=lineterminator)
    if bom:
        buffer.write("\ufeff")
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= size:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def rows_in_language(language: str | None, rows: Iterable[Sequence[Any]]) -> Iterator[Any]:
    """``rows``, each one read with ``language`` active, and only while it is read: a row made as it is
    asked for (a status put in words) reads in the language of the request that asked for the file, even
    when it is read after the view has returned (a streamed CSV)."""
    from django.utils import translation

    source = iter(rows)
    while True:
        with translation.override(language):
            row = next(source, None)
        if row is None:
            return
        yield row


#: The content type of each format :func:`spreadsheet_response` sends.
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_response(
    fmt: str,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    filename: str,
    sheet: str = "Sheet1",
    bom: bool = True,
) -> StreamingHttpResponse:
    """A page's download of a table: ``header`` then ``rows`` (read once, as they are sent), as ``fmt``.

    ``csv``: a StreamingHttpResponse that writes the rows as they come, cells escaped (with a byte-order
    mark for spreadsheets unless ``bom`` is False). ``xlsx``: the workbook (:func:`write_xlsx`, sheet
    ``sheet``) is written to an unnamed temporary file and sent from it by a FileResponse, which closes
    (and so removes) it. Either way the response is an attachment named ``filename``.

    The rows are read in the language active when this is called (a row's words, such as a status, are
    put in words as the row is read, which for a CSV is after the view has returned)."""
    from django.http import FileResponse, StreamingHttpResponse
    from django.utils import translation

    language = translation.get_language()  # the request's: the rows may be read after it ends

    def read() -> Iterator[Sequence[Any]]:
        yield header
        yield from rows_in_language(language, rows)

    response: StreamingHttpResponse
    if fmt == "xlsx":
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once it is sent
        try:
            write_xlsx(read(), handle, sheet=sheet)
            handle.seek(0)
        except BaseException:
            handle.close()
            raise
        response = FileResponse(handle, content_type=CONTENT_TYPES[fmt])
    elif fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(read(), bom=bom), content_type=CONTENT_TYPES[fmt])
    else:
        raise ValueError(f"unknown spreadsheet format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
