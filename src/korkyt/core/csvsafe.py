"""CSV that a spreadsheet opens as data: a cell that would be read as a formula is prefixed with ``'``.

Spreadsheet programs run a cell beginning with ``=``, ``+``, ``-`` or ``@`` as a formula (and a leading tab
or carriage return can hide one), so text typed by users — a title, a comment — could run in the
administrator's spreadsheet. Every CSV export of the platform writes its cells through :func:`safe_cell`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as CSV text, prefixed with ``'`` when it starts like a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``header`` then ``rows`` (every cell through :func:`safe_cell`); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        count += 1
    return count
