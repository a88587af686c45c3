from __future__ import annotations

import csv
import io

import pytest

from korkyt.core.spreadsheet import SafeDictWriter, SafeWriter, escape_cell, unescape_cell, write_csv


@pytest.mark.parametrize("value", ["=1+1", "+33", "-2", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"])
def test_formula_cells_get_a_leading_quote_and_come_back(value):
    assert escape_cell(value) == "'" + value
    assert unescape_cell(escape_cell(value)) == value


@pytest.mark.parametrize("value", ["Келін", "a=b", "", " =1", "'quoted", 42, -3, 1.5, None])
def test_other_cells_are_written_as_they_are(value):
    assert escape_cell(value) == value


def test_both_writers_escape_every_row():
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(["=1", -1, "ok"])
    writer.writerows([["@x"]])
    dict_out = io.StringIO()
    dict_writer = SafeDictWriter(dict_out, fieldnames=["a", "b"], lineterminator="\n")
    dict_writer.writeheader()
    dict_writer.writerows([{"a": "+1", "b": "fine"}])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1", "-1", "ok"], ["'@x"]]
    assert dict_out.getvalue() == "a,b\n'+1,fine\n"


def test_write_csv_escapes_the_header_and_every_cell_and_counts_the_rows():
    out = io.StringIO()
    count = write_csv(out, ["id", "=title"], [[1, '=HYPERLINK("http://x")'], [-2, "\tcmd"], [3, None]])
    assert count == 3
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["id", "'=title"],
        ["1", '\'=HYPERLINK("http://x")'],
        ["-2", "'\tcmd"],  # a number stays a number; text that looks like a formula does not
        ["3", ""],
    ]


def test_the_one_csv_escaping_module():
    """Every CSV export goes through korkyt.core.spreadsheet; the older copy is gone."""
    import importlib.util

    assert importlib.util.find_spec("korkyt.core.csvsafe") is None


def test_xlsx_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    import datetime
    import io

    from openpyxl import load_workbook

    from korkyt.core.spreadsheet import write_xlsx

    out = io.BytesIO()
    rows = [
        ["title", "score"],
        ['=HYPERLINK("http://x")', 7.5],
        ["a\x01b", None],
        [datetime.date(2025, 10, 1), 3],
    ]
    write_xlsx(rows, out, sheet="Reviews: 6/2025 [all]")
    out.seek(0)
    sheet = load_workbook(out).active
    assert sheet.title == "Reviews  6 2025  all"
    assert sheet["A2"].value == '=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 7.5 and sheet["B2"].data_type == "n"
    assert sheet["A3"].value == "ab"
    assert sheet["A4"].value.date() == datetime.date(2025, 10, 1)
