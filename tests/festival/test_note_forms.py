"""The festival's short texts posted from its pages (a programmer's note on a decision, the reason to set an
entry aside, an entrant's reason to withdraw, a juror's declared conflict) past their limit of
``NOTE_MAX`` characters, as a page without the browser's ``maxlength`` sends them: refused with the
reason under the field, the text typed given back to correct, nothing changed. Not a message at the top
of the page with the text lost, never cut, never a server error."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from korkyt.festival import services
from korkyt.festival.models import Conflict, JuryVote
from korkyt.festival.services.texts import NOTE_MAX
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db

TOO_LONG = "Привет " * 50  # 350 characters, Cyrillic: counted in characters, not bytes


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _error_under(page: str, name: str) -> tuple[str, str]:
    """The input named ``name`` that says it is invalid, and the error it points to."""
    field = re.search(rf'<input[^>]*name="{name}"[^>]*aria-invalid="true"[^>]*>', page)
    assert field, f"no invalid {name} field"
    described = re.search(r'aria-describedby="([^"]+)"', field.group(0))
    assert described, field.group(0)
    error = re.search(
        rf'<p class="error" id="{re.escape(described.group(1))}" role="alert">(.*?)</p>', page, re.S
    )
    assert error, described.group(1)
    return html.unescape(field.group(0)), html.unescape(error.group(1))


@pytest.fixture
def entry(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any) -> Any:
    return eligible_entry(feature, agency_kg, kg_editor, kg_head)


@pytest.mark.parametrize("transition", ["start_review", "set_aside"])
def test_a_decision_note_past_the_limit_is_refused_under_the_field_and_kept(
    entry: Any, staff: Any, transition: str
) -> None:
    status = entry.status
    page = _as(staff).post(
        f"/en/festival/submissions/{entry.pk}/decide", {"transition": transition, "note": TOO_LONG}
    )
    assert page.status_code == 200
    text = page.content.decode()
    field, error = _error_under(text, "note")
    assert f'value="{TOO_LONG}"' in field  # as typed, whole, to shorten
    assert str(NOTE_MAX) in error
    entry.refresh_from_db()
    assert entry.status == status
    assert not [m for m in page.context["messages"]]  # said under the field, not again above


def test_setting_aside_without_a_reason_is_asked_under_the_field(entry: Any, staff: Any) -> None:
    page = _as(staff).post(
        f"/en/festival/submissions/{entry.pk}/decide", {"transition": "set_aside", "note": " "}
    )
    assert page.status_code == 200
    _field, error = _error_under(page.content.decode(), "note")
    assert error == "Say why."
    entry.refresh_from_db()
    assert entry.status != "withdrawn"


def test_a_note_at_the_limit_is_taken(entry: Any, staff: Any) -> None:
    answer = _as(staff).post(
        f"/en/festival/submissions/{entry.pk}/decide", {"transition": "start_review", "note": "n" * NOTE_MAX}
    )
    assert answer.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "in_review"


def test_a_withdrawal_reason_past_the_limit_is_refused_in_the_open_withdraw_form(
    entry: Any, kg_editor: Any
) -> None:
    status = entry.status
    page = _as(kg_editor).post(
        f"/en/festival/submissions/{entry.pk}/decide",
        {"transition": "withdraw", "note": TOO_LONG, "confirm": "on"},
    )
    assert page.status_code == 200
    text = page.content.decode()
    field, error = _error_under(text, "note")
    assert f'value="{TOO_LONG}"' in field and str(NOTE_MAX) in error
    assert '<details class="danger-zone" open>' in text  # the form with the error is shown, not folded
    entry.refresh_from_db()
    assert entry.status == status


def test_a_declared_conflict_past_the_limit_is_refused_under_the_films_field(
    entry: Any, staff: Any, feature: Any
) -> None:
    services.submission_decide(actor=staff, submission=entry, name="start_review")
    services.submission_decide(actor=staff, submission=entry, name="select")
    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-9"))
    client = _as(juror.user)
    client.post(f"/en/festival/submissions/{entry.pk}/jury", {"action": "seen"})
    page = client.post(f"/en/festival/submissions/{entry.pk}/jury", {"action": "recuse", "reason": TOO_LONG})
    assert page.status_code == 200
    text = page.content.decode()
    field, error = _error_under(text, "reason")
    assert f'value="{TOO_LONG}"' in field and str(NOTE_MAX) in error
    assert not Conflict.objects.filter(juror=juror, submission=entry).exists()
    assert JuryVote.objects.filter(juror=juror, submission=entry).exists()  # not recused: the vote stays
    assert client.get("/en/festival/jury/").status_code == 200


def test_a_decision_not_offered_with_a_long_note_is_refused_above_the_page(
    entry: Any, kg_editor: Any
) -> None:
    status = entry.status
    client = _as(kg_editor)
    answer = client.post(
        f"/en/festival/submissions/{entry.pk}/decide", {"transition": "select", "note": TOO_LONG}
    )
    assert answer.status_code == 302
    shown = [str(m) for m in client.get(answer["Location"]).context["messages"]]
    assert shown
    entry.refresh_from_db()
    assert entry.status == status


def test_the_api_refuses_the_same_note_naming_the_field(entry: Any, staff: Any) -> None:
    status = entry.status
    response = _as(staff).post(
        f"/api/festival/submissions/{entry.pk}/transitions",
        {"name": "start_review", "note": TOO_LONG},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == ["note"]
    entry.refresh_from_db()
    assert entry.status == status
