"""An event's questions in other languages: the organisers give a question (and a choice question's options)
in the participants' languages; each reads the form in theirs where given, else along the fallback chain
(English, then the question as written), marked with its language; an answer is stored as the option as
written, whatever language it was chosen in. Bad texts are refused with the row named and nothing saved; a
text in a language the editor has no field for survives a save from the editor."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Event, Question, QuestionTranslation, Registration
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.events.test_editor import form_data, rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLE = QuestionData(
    kind="single",
    label="Рөліңіз",
    choices=["Продюсер", "Режиссер"],
    required=True,
    labels={"en": "Your role", "ky": "Ролуңуз", "kk": "Рөліңіз"},
    options={"en": ["Producer", "Director"], "ky": ["Продюсер", "Режиссёр"]},
)
PLAN = QuestionData(kind="long_text", label="Жоспарыңыз", labels={"ru": "Ваш план"})


def _event(organiser: Any, *questions: QuestionData) -> Event:
    return make_event(organiser, titles={"kk": "Дала дыбысы", "en": "Sound"}, questions=list(questions))


def test_each_reader_gets_the_question_in_their_language_or_along_the_chain(organiser: Any) -> None:
    event = _event(organiser, ROLE, PLAN)
    role, plan = event.questions.order_by("position")
    assert role.texts() == {
        "en": ("Your role", ["Producer", "Director"]),
        "ky-Cyrl": ("Ролуңуз", ["Продюсер", "Режиссёр"]),
        "kk-Cyrl": ("Рөліңіз", []),
    }
    label, options = role.shown_in("ky")
    assert (label.text, label.lang) == ("Ролуңуз", "ky-Cyrl")
    assert options == [("Продюсер", "Продюсер"), ("Режиссер", "Режиссёр")]  # stored as written
    label, options = role.shown_in("tr")  # no Turkish: English
    assert (label.text, label.lang) == ("Your role", "en") and options[1] == ("Режиссер", "Director")
    label, options = role.shown_in("kk")  # a label without options: the options as written
    assert label.text == "Рөліңіз" and options == [("Продюсер", "Продюсер"), ("Режиссер", "Режиссер")]
    label, _options = plan.shown_in("uz")  # neither Uzbek nor English: the question as written
    assert (label.text, label.lang) == ("Жоспарыңыз", event.original_language)
    assert plan.shown_in("ru")[0].text == "Ваш план"
    spec = services.event_spec(event)
    assert spec.questions[0].labels == {"en": "Your role", "ky-Cyrl": "Ролуңуз", "kk-Cyrl": "Рөліңіз"}
    assert spec.questions[0].options == {"en": ["Producer", "Director"], "ky-Cyrl": ["Продюсер", "Режиссёр"]}


def test_the_registration_form_and_my_answers_in_the_readers_language(organiser: Any) -> None:
    event = _event(organiser, ROLE)
    question = event.questions.get()
    participant = UserFactory()
    client = Client()
    client.force_login(participant)
    page = client.get(f"/ky/events/{event.pk}/").content.decode()
    assert f'<label for="id_q{question.pk}" lang="ky-Cyrl">Ролуңуз' in page
    assert '<option value="Режиссер">Режиссёр</option>' in page
    answer = client.post(f"/ky/events/{event.pk}/register", {f"q{question.pk}": "Режиссер"})
    assert answer.status_code == 302
    stored = Registration.objects.get(user=participant).answers
    assert stored == {str(question.pk): "Режиссер"}  # the option as written
    mine = client.get("/en/events/mine/").content.decode()
    assert '<dt lang="en">Your role</dt><dd>Director</dd>' in mine
    # the text shown for an option is not a value the form takes
    other = UserFactory()
    client.force_login(other)
    refused = client.post(f"/ky/events/{event.pk}/register", {f"q{question.pk}": "Режиссёр"})
    assert refused.status_code == 200 and not Registration.objects.filter(user=other).exists()


def test_organisers_read_the_questions_and_answers_in_their_language(organiser: Any) -> None:
    """The participants page and the export give each question and the options chosen in the organiser's
    language (the label marked with its own), as the form did for the participant."""
    event = _event(organiser, ROLE, PLAN)
    role, plan = event.questions.order_by("position")
    participant = UserFactory()
    client = Client()
    client.force_login(participant)
    answers = {f"q{role.pk}": "Режиссер", f"q{plan.pk}": "Түсіру"}
    assert client.post(f"/kk/events/{event.pk}/register", answers).status_code == 302
    client.force_login(organiser)
    page = client.get(f"/en/events/{event.pk}/participants/").content.decode()
    assert '<th lang="en">Your role</th>' in page and '<td data-label="Your role">Director</td>' in page
    assert f'<th lang="{event.original_language}">Жоспарыңыз</th>' in page  # as written: no English
    page = client.get(f"/ru/events/{event.pk}/participants/").content.decode()
    assert '<th lang="ru">Ваш план</th>' in page and '<td data-label="Your role">Director</td>' in page
    page = client.get(f"/ky/events/{event.pk}/participants/").content.decode()
    assert '<th lang="ky-Cyrl">Ролуңуз</th>' in page and ">Режиссёр</td>" in page
    export = client.get(f"/en/events/{event.pk}/participants.csv").getvalue().decode("utf-8-sig")
    header, row = export.splitlines()[:2]
    assert header.endswith(",Your role,Жоспарыңыз") and row.endswith(",Director,Түсіру")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"options": {"ru": ["Продюсер", "Режиссёр"]}}, "questions[0].options"),  # no Russian question
        ({"options": {"en": ["Producer"]}}, "questions[0].options"),  # one option of two
        ({"labels": {"xx-Zzzz": "?"}}, "questions[0].labels[0].language"),
        ({"labels": {"en": "x" * 501}}, "questions[0].labels"),
    ],
)
def test_bad_texts_are_refused_with_the_row_named_and_nothing_saved(
    organiser: Any, change: dict[str, Any], key: str
) -> None:
    before = (Event.objects.count(), Question.objects.count(), QuestionTranslation.objects.count())
    given = QuestionData(**{**vars(ROLE), **change})
    with pytest.raises(ValidationError) as refused:
        _event(organiser, given)
    assert key in refused.value.message_dict
    assert (Event.objects.count(), Question.objects.count(), QuestionTranslation.objects.count()) == before


def test_options_of_a_question_that_is_not_a_choice_are_not_kept(organiser: Any) -> None:
    event = _event(
        organiser, QuestionData(kind="text", label="Аты", labels={"en": "Name"}, options={"en": ["x"]})
    )
    assert event.questions.get().texts() == {"en": ("Name", [])}


def test_the_editor_takes_the_other_languages_folded_and_keeps_those_it_has_no_field_for(
    client: Client, organiser: Any
) -> None:
    client.force_login(organiser)
    question = {
        "kind": "single",
        "label": "Рөліңіз",
        "choices": "Продюсер\nРежиссер",
        "required": "on",
        "label_en": "Your role",
        "options_en": "Producer\nDirector",
        "label_tr": "Rolünüz",
    }
    answer = client.post("/en/events/new/", form_data(**rows("questions", [question])))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    event = Event.objects.get()
    saved = event.questions.get()
    assert saved.texts() == {"en": ("Your role", ["Producer", "Director"]), "tr": ("Rolünüz", [])}
    # a Latin Kazakh label given through the service stays through a save from the editor
    spec = services.event_spec(event)
    spec.questions[0].labels = {**spec.questions[0].labels, "kk-Latn": "Rölıñız"}
    services.event_update(actor=organiser, event=event, **vars(spec))
    page = client.get(f"/en/events/{event.pk}/edit/").content.decode()
    assert (
        'name="questions-0-label_en" value="Your role"' in page
        and "<summary>In other languages</summary>" in page
    )
    texts = [{"language": t.language, "title": t.title} for t in event.translations.all()]
    data = form_data(
        **rows("texts", texts, initial=3),
        **rows("questions", [{**question, "id": saved.pk, "label_tr": ""}], initial=1),
    )
    saved_page = client.post(f"/en/events/{event.pk}/edit/", data)
    assert saved_page.status_code == 302, re.findall(
        r'role="alert">(.*?)</', saved_page.content.decode(), re.S
    )
    assert event.questions.get().texts() == {
        "en": ("Your role", ["Producer", "Director"]),
        "kk-Latn": ("Rölıñız", []),
    }
    # a refusal opens the row's fold and names the problem there
    bad = form_data(
        **rows("texts", texts, initial=3),
        **rows("questions", [{**question, "id": saved.pk, "options_en": "Producer"}], initial=1),
    )
    page = client.post(f"/en/events/{event.pk}/edit/", bad).content.decode()
    assert '<details class="languages" open>' in page and "Give 2 options in English" in page
    assert event.questions.get().texts()["en"] == ("Your role", ["Producer", "Director"])


def test_the_api_gives_the_question_in_every_language(client: Client, organiser: Any) -> None:
    event = _event(organiser, ROLE)
    (question,) = client.get(f"/api/events/{event.pk}").json()["questions"]
    assert question["label"] == "Рөліңіз" and question["choices"] == ["Продюсер", "Режиссер"]
    assert question["labels"]["ky-Cyrl"] == "Ролуңуз"
    assert question["options"] == {"en": ["Producer", "Director"], "ky-Cyrl": ["Продюсер", "Режиссёр"]}


def test_new_options_as_written_drop_the_other_languages_left_as_they_were_and_say_so(
    client: Client, organiser: Any
) -> None:
    client.force_login(organiser)
    event = _event(organiser, ROLE)
    spec = services.event_spec(event)
    spec.questions[0].labels = {**spec.questions[0].labels, "kk-Latn": "Rölıñız"}
    spec.questions[0].options = {**spec.questions[0].options, "kk-Latn": ["Prodiuser", "Rejisser"]}
    services.event_update(actor=organiser, event=event, **vars(spec))
    saved = event.questions.get()
    texts = [{"language": t.language, "title": t.title} for t in event.translations.all()]
    question = {
        "id": saved.pk,
        "kind": "single",
        "label": "Рөліңіз",
        "choices": "Продюсер\nРежиссер\nОператор",  # a third option as written
        "required": "on",
        "label_en": "Your role",
        "options_en": "Producer\nDirector",  # as it was
        "label_ky": "Ролуңуз",
        "options_ky": "Продюсер\nРежиссёр\nОператор",  # given anew: kept
    }
    data = form_data(**rows("texts", texts, initial=2), **rows("questions", [question], initial=1))
    answer = client.post(f"/en/events/{event.pk}/edit/", data, follow=True)
    page = answer.content.decode()
    assert "The event is saved." in page
    warning = re.search(r"The options of “Рөліңіз” in ([^<]*) were written for the options before", page)
    assert warning and "English" in warning[1] and "Kazakh" in warning[1], page[:3000]
    assert event.questions.get().texts() == {
        "en": ("Your role", []),
        "ky-Cyrl": ("Ролуңуз", ["Продюсер", "Режиссёр", "Оператор"]),
        "kk-Latn": ("Rölıñız", []),  # kept off the form: its label stays, its old options go
    }
    # options typed anew in the wrong number are still refused, naming the language
    bad = {**question, "choices": "Продюсер\nРежиссер", "options_ky": "Продюсер"}
    data = form_data(**rows("texts", texts, initial=2), **rows("questions", [bad], initial=1))
    assert "Give 2 options in Kyrgyz" in client.post(f"/en/events/{event.pk}/edit/", data).content.decode()
