"""The participants table reads on a phone: it is a ``row-cards`` table, whose rows the stylesheet turns into
cards at phone width, and every data cell names its column in ``data-label``, the same words as the
column's heading, the registration form's questions included; the "nobody yet" row spans every column."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, pgettext

from korkyt.events import services
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.factories import UserFactory
from tests.phone_tables import assert_cards_with_labels, tables_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_participants_table_turns_into_cards_labelled_by_its_headings(
    client: Client, organiser: Any, language: str
) -> None:
    event = make_event(
        organiser,
        capacity=5,
        questions=[
            QuestionData(kind="country", label="Country of residence", required=True),
            QuestionData(kind="consent", label="Photos may be taken"),
        ],
    )
    country, photos = event.questions.all()
    present = services.registration_create(
        actor=UserFactory(username="maral", first_name="Maral"),
        event=event,
        answers={str(country.pk): "TM", str(photos.pk): True},
    )
    services.registration_create(
        actor=UserFactory(username="dana", first_name="Дана"), event=event, answers={str(country.pk): "KZ"}
    )
    services.box_office_sale(actor=organiser, bookable_id=event.bookable_id, seats=1, paid=True)
    services.checkin(actor=organiser, event=event, code=present.code)
    client.force_login(organiser)
    tables = tables_of(client, f"/{language}/events/{event.pk}/participants/")
    assert len(tables) == 1 and len(tables[0].rows) == 3
    assert_cards_with_labels(tables)
    labels = {cell.label for row in tables[0].rows for cell in row}
    with translation.override(language):
        expected = {
            pgettext("person", "Name"),
            gettext("Present"),
            gettext("Country"),  # the country the form asks is the Country column, not one of its own
            "Photos may be taken",
        }
    assert expected <= labels


def test_an_event_nobody_registered_for_keeps_one_unlabelled_row_across_its_columns(
    client: Client, organiser: Any
) -> None:
    # with a question: one column more than the fixed ones
    event = make_event(organiser, capacity=5, questions=[QuestionData(kind="text", label="Project")])
    client.force_login(organiser)
    tables = tables_of(client, f"/en/events/{event.pk}/participants/")
    assert len(tables) == 1 and len(tables[0].headings) == 8
    [row] = tables[0].rows
    assert len(row) == 1 and row[0].span == 8 and "Nobody has registered yet." in row[0].text
    assert_cards_with_labels(tables)
