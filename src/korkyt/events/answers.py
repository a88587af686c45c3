"""How a stored answer reads to a person: Yes/No for a tick, the country's name in the reader's language
for a country answer (answers are stored as ``true`` and ISO codes), the options of a multiple choice
joined. The participants page, a participant's own answers and the export read answers through here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from korkyt.events.models import Question, QuestionKind, Registration


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
