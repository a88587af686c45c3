"""core.spreadsheet.read_records: the one reader of imported CSV files."""

from __future__ import annotations

from korkyt.core.spreadsheet import FIELD_MAX, BadRecord, read_records, record_dict


def test_records_are_numbered_by_their_first_line_and_bad_ones_do_not_end_the_reading() -> None:
    huge = "x" * (FIELD_MAX + 1)
    text = f'a, b\n1,"two\nlines"\n\n2,"{huge}"\n3\n4,"x"y"\n5,five,extra\n'
    header, records = read_records(text)
    assert header == ["a", "b"]
    got = list(records)
    assert got[0] == (2, ["1", "two\nlines"])
    assert got[1] == (5, BadRecord("b"))
    assert got[1][1].message() == "The field is longer than 131,072 characters."  # type: ignore[union-attr]
    assert got[2] == (6, ["3"])
    assert record_dict(header, ["3"]) == {"a": "3", "b": ""}
    assert record_dict(header, ["5", "five", "extra"]) == {"a": "5", "b": "five"}
    assert got[-1] == (8, ["5", "five", "extra"])


def test_an_empty_text_has_no_header_and_no_records() -> None:
    header, records = read_records("")
    assert header == [] and list(records) == []
