"""core.spreadsheet.spreadsheet_response: a page's table sent as it is read (CSV streamed in chunks, the
same bytes as written at once; XLSX from a temporary file), every text cell escaped or kept as text."""

from __future__ import annotations

import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy

from korkyt.core.spreadsheet import SafeWriter, csv_chunks, spreadsheet_response

ROWS = [["=1+1", 3, "Келін"], ["@x", -2, 'a,b\n"c"'], ["+", 1.5, None]] * 5_000


def test_the_chunks_join_into_what_the_safe_writer_writes_at_once() -> None:
    text = io.StringIO()
    SafeWriter(text).writerows(ROWS)
    chunks = list(csv_chunks(iter(ROWS), bom=True, size=4096))
    assert len(chunks) > 10 and all(len(c) < 3 * 4096 for c in chunks)  # characters, not bytes
    assert b"".join(chunks) == ("\ufeff" + text.getvalue()).encode("utf-8")
    assert b"".join(csv_chunks([], bom=False)) == b""


def test_a_csv_is_streamed_and_read_lazily_in_the_language_active_when_it_was_made() -> None:
    read = []

    def rows():
        for i in range(3):
            read.append(i)
            yield [str(gettext_lazy("Status")), f"=A{i}"]

    with translation.override("ru"):
        response = spreadsheet_response("csv", ["h"], rows(), filename="t.csv")
        expected = str(gettext_lazy("Status"))
    assert isinstance(response, StreamingHttpResponse) and read == []  # nothing read yet
    assert response["Content-Disposition"] == 'attachment; filename="t.csv"'
    with translation.override("en"):
        body = response.getvalue().decode("utf-8")
    assert (
        expected != "Status"
        and body == f"\ufeffh\r\n{expected},'=A0\r\n{expected},'=A1\r\n{expected},'=A2\r\n"
    )


def test_a_workbook_comes_from_a_file_with_text_cells() -> None:
    from openpyxl import load_workbook

    response = spreadsheet_response("xlsx", ["a", "b"], iter([["=1", 2]]), filename="t.xlsx", sheet="S/1")
    assert isinstance(response, FileResponse)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.title == "S 1" and sheet["A2"].value == "=1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 2
    response.file_to_stream.close()  # the temporary file (response.close() also ends the request)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        spreadsheet_response("pdf", [], [], filename="t.pdf")
