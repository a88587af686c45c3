"""The co-production tables read on a phone: each is a ``row-cards`` table, whose rows the stylesheet turns
into cards at phone width, and every data cell names its column in ``data-label`` (the text shown before the
value on a phone), the same words as the column's heading, so a new column without its label fails here."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from korkyt.coproduction import services

from .conftest import animated_project

pytestmark = pytest.mark.django_db


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
        elif tag == "td" and self._section == "tbody":
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
        elif tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        elif self._cell is not None:
            self._cell.text += data


def _tables(client: Client, url: str) -> list[_Table]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def _assert_cards_with_labels(tables: list[_Table]) -> None:
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


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_table_of_the_project_page_turns_into_cards_labelled_by_its_headings(
    people, client: Client, language: str
):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    tables = _tables(client, f"/{language}/coproductions/{project.pk}/")
    _assert_cards_with_labels(tables)
    # partners, financing, creative and technical elements, documents, and at least one verdict's checks
    assert len(tables) >= 5 and all(table.rows for table in tables)
    if language == "ru":
        assert {"Страна", "Доля", "Сумма"} <= {
            cell.label for table in tables for row in table.rows for cell in row
        }


def test_the_financing_page_and_the_partner_finder_turn_into_cards_labelled_by_their_headings(
    people, client: Client
):
    project = animated_project(people["producer"])
    services.partner_remove(actor=people["producer"], partner=project.partners.get(country="AZ"))
    client.force_login(people["producer"])
    financing = _tables(client, f"/en/coproductions/{project.pk}/financing/")
    finder = _tables(client, f"/en/coproductions/{project.pk}/partners/find/")
    assert len(financing) == 1 and "USD" in financing[0].headings  # the column in the project's currency
    assert len(finder) == 1 and finder[0].rows
    _assert_cards_with_labels(financing + finder)


def test_a_project_without_partners_or_elements_keeps_its_empty_rows_unlabelled(people, client: Client):
    project = services.project_create(
        actor=people["producer"], kind="fiction", title="Бос жоба", language="kk", currency="USD"
    )
    client.force_login(people["producer"])
    tables = _tables(client, f"/en/coproductions/{project.pk}/")
    assert len(tables) >= 2
    _assert_cards_with_labels(tables)


def test_the_stylesheet_shows_each_cells_label_before_it_at_phone_width() -> None:
    path = finders.find("core/korkyt.css")
    assert path
    with open(path, encoding="utf-8") as css:
        text = css.read()
    assert "table.row-cards td::before { content:attr(data-label);" in text
