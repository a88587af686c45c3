"""How a stored answer reads to a person: Yes/No for a tick, the country's name in the reader's language
for a country answer (answers are stored as ``true`` and ISO codes), the options of a multiple choice
joined, and the options chosen as the reader's language gives them. The participants page, a participant's
own answers and the export read questions and answers through here (the page and the export show the
columns of :func:`own_columns`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django_countries import countries

from korkyt.core.translations import Text
from korkyt.events.models import FormKind, Question, QuestionKind, Registration


class Reading(NamedTuple):
    """How a question reads to someone: its label (with its language tag) and its options, stored value →
    text shown (``Question.shown_in``)."""

    label: Text
    options: dict[str, str]


def readings(questions: Iterable[Question], language: str) -> dict[int, Reading]:
    """Each question as a reader of ``language`` reads it, by question id (worked out once for a list)."""
    out: dict[int, Reading] = {}
    for question in questions:
        label, options = question.shown_in(language)
        out[question.pk] = Reading(label, dict(options))
    return out


def own_columns(questions: Iterable[Question]) -> list[Question]:
    """The questions that get a column of their own on the participants page and in the export: all but
    the registration form's country question when it asks just one. That answer is the registration's
    country (``Registration.country``, the one quotas count; the country of the person's first institution
    when it is not answered, and kept when answers are erased), which the Country column shows already. Two
    country questions both keep their columns (the Country column is whichever was answered first)."""
    questions = list(questions)
    asked = [q for q in questions if q.form == FormKind.REGISTRATION and q.kind == QuestionKind.COUNTRY]
    return [q for q in questions if len(asked) != 1 or q is not asked[0]]


def answer_read(question: Question, value: Any, reading: Reading, *, separator: str = ", ") -> str:
    """``answer_text`` with the options chosen as ``reading`` shows them (an answer is stored as the option
    as written, whatever language it was chosen in)."""
    if isinstance(value, list):
        value = [reading.options.get(v, v) if isinstance(v, str) else v for v in value]
    elif isinstance(value, str) and question.kind != QuestionKind.COUNTRY:
        value = reading.options.get(value, value)
    return answer_text(question, value, separator=separator)


def answer_text(question: Question, value: Any, *, separator: str = ", ") -> str:
    """``value`` given to ``question`` as text in the active language ("" when not answered)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return separator.join(str(v) for v in value)
    if question.kind == QuestionKind.COUNTRY and value:
        return countries.name(str(value)) or str(value)
    return str(value)


def answer_of(registration: Registration, question: Question) -> Any:
    """The stored answer of ``registration`` to ``question``, whichever form the question belongs to. A
    consent box left unticked on a form that was sent is stored as no answer; it reads ``False`` (not
    given), while a form not sent yet leaves every answer ``None``."""
    given = {
        "registration": registration.answers,
        "followup": registration.followup_answers,
        "feedback": registration.feedback_answers,
    }
    answers = given.get(question.form) or {}
    value = answers.get(str(question.pk))
    sent = question.form == "registration" or bool(answers)
    if value is None and question.kind == QuestionKind.CONSENT and sent:
        return False
    return value
