"""The participants table and the export show answers as people read them: Yes/No for a tick and the
country's name in the reader's language, not the stored ``True`` and ISO code; the person's "Name" column
is its own message (a person's name, not a thing's title)."""

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
from korkyt.events.answers import answer_text
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _event(organiser: Any) -> Any:
    event = make_event(
        organiser,
        capacity=5,
        questions=[
            QuestionData(kind="country", label="Country of residence", required=True),
            QuestionData(kind="consent", label="Photos may be taken", required=True),
            QuestionData(kind="consent", label="Newsletter"),
            QuestionData(kind="text", label="Dietary needs", form="followup"),
        ],
    )
    country, photos, newsletter, diet = event.questions.all()
    reg = services.registration_create(
        actor=UserFactory(username="maral", first_name="Maral", last_name="Ataýewa"),
        event=event,
        answers={str(country.pk): "TM", str(photos.pk): True, str(newsletter.pk): False},
    )
    services.form_answer(actor=reg.user, registration=reg, form="followup", answers={str(diet.pk): "Halal"})
    return event


def _cells(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", body, flags=re.S)]


@pytest.mark.parametrize("language", ["en", "ru", "tk"])
def test_the_participants_table_reads_ticks_and_countries_in_the_readers_language(
    client: Client, organiser: Any, language: str
) -> None:
    event = _event(organiser)
    client.force_login(organiser)
    html = client.get(f"/{language}/events/{event.pk}/participants/").content.decode()
    with translation.override(language):
        turkmenistan, yes, no = countries.name("TM"), gettext("Yes"), gettext("No")
        person_name = pgettext("person", "Name")
    cells = _cells(html)
    assert cells[-3:] == [yes, no, "Halal"]  # an optional box not ticked: no consent
    assert cells.count(turkmenistan) == 1  # the country asked is the Country column
    assert "True" not in cells and "TM" not in cells
    header = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert f"<th>{person_name}</th>" in header
    assert "Название" not in header and "Атауы" not in header
    assert '<span lang="und-Latn">Maral Ataýewa</span>' in html  # a name typed with no language: its script
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<h2>" not in title  # the page title is text only


def test_answers_read_in_the_active_language(organiser: Any) -> None:
    event = _event(organiser)
    country, photos, _newsletter, diet = event.questions.all()
    with translation.override("ru"):
        assert answer_text(photos, True) == "Да" and answer_text(photos, False) == "Нет"
        assert answer_text(country, "TM") == countries.name("TM") != "TM"
        assert answer_text(diet, ["a", "b"]) == "a, b" and answer_text(diet, None) == ""


def test_the_export_reads_like_the_page(client: Client, organiser: Any) -> None:
    event = _event(organiser)
    client.force_login(organiser)
    text = client.get(f"/ru/events/{event.pk}/participants.csv").getvalue().decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    with translation.override("ru"):
        turkmenistan, yes, no = countries.name("TM"), gettext("Yes"), gettext("No")
        assert header[0] == pgettext("person", "Name")
    assert row[3] == turkmenistan  # the registration's country
    assert row[-3:] == [yes, no, "Halal"] and row.count(turkmenistan) == 1
    assert "TM" not in row and "True" not in row


def test_a_consent_on_a_form_not_sent_yet_is_not_answered(organiser: Any) -> None:
    from korkyt.events.answers import answer_of

    event = make_event(
        organiser,
        capacity=5,
        questions=[
            QuestionData(kind="country", label="Country", required=True),
            QuestionData(kind="consent", label="May we quote you?", form="feedback"),
        ],
    )
    country, quote = event.questions.all()
    reg = services.registration_create(
        actor=UserFactory(username="aigerim"), event=event, answers={str(country.pk): "KZ"}
    )
    assert answer_of(reg, quote) is None  # the feedback survey is not sent yet: nothing to read
