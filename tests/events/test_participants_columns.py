"""The participants page and its export show each thing once, and every control is named: the column of
selection boxes has a (visually hidden) heading, each box names the person it selects, and the country a
registration form asks is shown once, in the Country column (the registration's country, which the
answer sets), not again in a column of its own."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django_countries import countries

from korkyt.events import services
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from tests.phone_tables import tables_of

pytestmark = pytest.mark.django_db


def _event(organiser: Any, *questions: QuestionData) -> Any:
    return make_event(organiser, capacity=5, questions=list(questions))


def _csv(client: Client, event: Any, language: str = "en") -> tuple[list[str], list[list[str]]]:
    text = client.get(f"/{language}/events/{event.pk}/participants.csv").getvalue().decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_country_asked_by_the_form_is_one_column_on_the_page_and_in_the_export(
    client: Client, organiser: Any, language: str
) -> None:
    event = _event(
        organiser,
        QuestionData(kind="country", label="Country of residence", required=True),
        QuestionData(kind="text", label="Project"),
    )
    country, project = event.questions.all()
    services.registration_create(
        actor=UserFactory(username="maral", first_name="Maral"),
        event=event,
        answers={str(country.pk): "TM", str(project.pk): "Steppe"},
    )
    client.force_login(organiser)
    [table] = tables_of(client, f"/{language}/events/{event.pk}/participants/")
    with translation.override(language):
        country_heading, turkmenistan = gettext("Country"), countries.name("TM")
    assert table.headings.count(country_heading) == 1 and "Country of residence" not in table.headings
    assert "Project" in table.headings
    [row] = table.rows
    assert [cell.text.strip() for cell in row].count(turkmenistan) == 1
    assert [cell.label for cell in row if cell.text.strip() == turkmenistan] == [country_heading]

    header, [line] = _csv(client, event, language)
    assert header.count(country_heading) == 1 and "Country of residence" not in header
    assert header[-1] == "Project" and line[-1] == "Steppe"
    assert line.count(turkmenistan) == 1 and line[header.index(country_heading)] == turkmenistan


def test_the_country_column_shows_the_institutions_country_when_the_question_is_left_unanswered(
    client: Client, organiser: Any
) -> None:
    event = _event(organiser, QuestionData(kind="country", label="Country of residence"))
    member = MembershipFactory(
        user=UserFactory(username="aida", first_name="Aida"),
        institution=InstitutionFactory(code="AZ-MC", country="AZ"),
    ).user
    services.registration_create(actor=member, event=event, answers={})
    client.force_login(organiser)
    [table] = tables_of(client, f"/en/events/{event.pk}/participants/")
    assert "Country of residence" not in table.headings
    [row] = table.rows
    assert [cell.text.strip() for cell in row if cell.label == "Country"] == [countries.name("AZ")]


def test_a_second_country_question_keeps_its_own_column(client: Client, organiser: Any) -> None:
    """Two country questions: which one a registration's country came from is not the column's to say, so
    both keep their columns beside the Country column."""
    event = _event(
        organiser,
        QuestionData(kind="country", label="Nationality", required=True),
        QuestionData(kind="country", label="Country of residence", required=True),
    )
    nationality, residence = event.questions.all()
    services.registration_create(
        actor=UserFactory(username="maral"),
        event=event,
        answers={str(nationality.pk): "TM", str(residence.pk): "TR"},
    )
    client.force_login(organiser)
    [table] = tables_of(client, f"/en/events/{event.pk}/participants/")
    assert {"Country", "Nationality", "Country of residence"} <= set(table.headings)
    header, _rows = _csv(client, event)
    assert {"Country", "Nationality", "Country of residence"} <= set(header)


def test_a_country_question_of_the_follow_up_form_keeps_its_column(client: Client, organiser: Any) -> None:
    event = _event(
        organiser,
        QuestionData(kind="country", label="Country of residence", required=True),
        QuestionData(kind="country", label="Passport issued by", form="followup"),
    )
    client.force_login(organiser)
    [table] = tables_of(client, f"/en/events/{event.pk}/participants/")
    assert "Passport issued by" in table.headings and "Country of residence" not in table.headings


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_selection_column_has_a_heading_and_each_box_names_its_person(
    client: Client, organiser: Any, language: str
) -> None:
    event = _event(organiser)
    services.registration_create(
        actor=UserFactory(username="dana", first_name="Дана", last_name="Ахмет"), event=event
    )
    services.box_office_sale(actor=organiser, bookable_id=event.bookable_id, seats=1, paid=True)
    client.force_login(organiser)
    url = f"/{language}/events/{event.pk}/participants/"
    [table] = tables_of(client, url)
    with translation.override(language):
        select = pgettext("a column of boxes that pick table rows", "Select")
        walk_in = gettext("Box-office sale")
    assert table.headings[0] == select and select
    assert [row[0].label for row in table.rows] == [select, select]  # a card names the column too
    html = client.get(url).content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    boxes = re.findall(r"<label>(<input type=\"checkbox\" name=\"ids\".*?)</label>", body, flags=re.S)
    names = [" ".join(re.sub(r"<[^>]+>", " ", box).split()) for box in boxes]
    assert names == [f"{select}: Дана Ахмет", f"{select}: {walk_in}"]
    assert '<span lang="und-Cyrl">Дана Ахмет</span>' in boxes[0]  # the name's script, for screen readers
    assert "aria-label" not in body  # the label is the name: nothing overrides it
