"""The co-production tables read on a phone: each is a ``row-cards`` table, whose rows the stylesheet turns
into cards at phone width, and every data cell names its column in ``data-label`` (the text shown before the
value on a phone), the same words as the column's heading, so a new column without its label fails here."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from korkyt.coproduction import services
from tests.phone_tables import assert_cards_with_labels, tables_of

from .conftest import animated_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_table_of_the_project_page_turns_into_cards_labelled_by_its_headings(
    people, client: Client, language: str
):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    tables = tables_of(client, f"/{language}/coproductions/{project.pk}/")
    assert_cards_with_labels(tables)
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
    financing = tables_of(client, f"/en/coproductions/{project.pk}/financing/")
    finder = tables_of(client, f"/en/coproductions/{project.pk}/partners/find/")
    assert len(financing) == 1 and "USD" in financing[0].headings  # the column in the project's currency
    assert len(finder) == 1 and finder[0].rows
    assert_cards_with_labels(financing + finder)


def test_a_project_without_partners_or_elements_keeps_its_empty_rows_unlabelled(people, client: Client):
    project = services.project_create(
        actor=people["producer"], kind="fiction", title="Бос жоба", language="kk", currency="USD"
    )
    client.force_login(people["producer"])
    tables = tables_of(client, f"/en/coproductions/{project.pk}/")
    assert len(tables) >= 2
    assert_cards_with_labels(tables)


def test_the_stylesheet_shows_each_cells_label_before_it_at_phone_width() -> None:
    path = finders.find("core/korkyt.css")
    assert path
    with open(path, encoding="utf-8") as css:
        text = css.read()
    assert "table.row-cards td::before { content:attr(data-label);" in text
