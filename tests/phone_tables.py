"""Tables that read on a phone: a ``row-cards`` table, whose rows the stylesheet (core/korkyt.css) turns
into cards at phone width, names each data cell's column in ``data-label``, the same words as the column's
heading. ``tables_of(client, url)`` reads the tables of a page's <main>; ``assert_cards_with_labels``
fails on a table without the class or a cell whose label is not its column's heading."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.test import Client


@dataclass
class _Cell:
    label: str | None
    span: int
    text: str = ""


@dataclass
class _Table:
    classes: set[str]
    headings: list[str] = field(default_factory=list)
    rows: list[list[_Cell]] = field(default_factory=list)


class _Tables(HTMLParser):
    """The tables of a page's <main>: their classes, column headings (colspans spread) and body rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[_Table] = []
        self._in_main = False
        self._section = ""
        self._heading: list[str] | None = None
        self._span = 1
        self._cell: _Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "main":
            self._in_main = True
        if not self._in_main:
            return
        if tag == "table":
            assert self._section == "", "a table inside a table"
            self.tables.append(_Table(classes=set((attr.get("class") or "").split())))
        elif tag in {"thead", "tbody", "tfoot"}:
            self._section = tag
        elif tag == "tr" and self._section == "tbody":
            self.tables[-1].rows.append([])
        elif tag == "th" and self._section == "thead":
            self._heading = []
            self._span = int(attr.get("colspan") or 1)
        elif tag in {"td", "th"} and self._section == "tbody":  # a row header (th) is a cell of its row too
            self._cell = _Cell(label=attr.get("data-label"), span=int(attr.get("colspan") or 1))
            self.tables[-1].rows[-1].append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        elif tag in {"thead", "tbody", "tfoot"}:
            self._section = ""
        elif tag == "th" and self._heading is not None:
            self.tables[-1].headings.extend([" ".join("".join(self._heading).split())] * self._span)
            self._heading = None
        elif tag in {"td", "th"}:
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        elif self._cell is not None:
            self._cell.text += data


def tables_of(client: Client, url: str) -> list[_Table]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def assert_cards_with_labels(tables: list[_Table]) -> None:
    for table in tables:
        assert "row-cards" in table.classes, table.headings
        for row in table.rows:
            if len(row) == 1 and row[0].span >= len(table.headings):
                continue  # "No partners yet.": one cell across the table, no column to name
            column = 0
            for cell in row:
                heading = table.headings[column]
                assert cell.label == heading, (
                    f"the cell {cell.text.strip()[:40]!r} in column {heading!r} is labelled {cell.label!r}"
                )
                column += cell.span
            assert column == len(table.headings), table.headings
