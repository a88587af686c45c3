"""The festival's free texts have a longest length, refused by the services with a field error: a review's
comment and private note (page and API), a decision's note, a juror's declared conflict, an edition's
notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from korkyt.festival import services
from korkyt.festival.models import Review
from korkyt.festival.services.editing import edition_update
from korkyt.festival.services.texts import EDITION_NOTES_MAX, NOTE_MAX, REVIEW_TEXT_MAX
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    reviewer = UserFactory(username="screener-1")
    return services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("field", ["comment", "note"])
def test_a_review_text_past_its_limit_is_refused_by_the_service(assigned: Any, field: str) -> None:
    scores = {"story": 5, "craft": 5}
    with translation.override("en"), pytest.raises(ValidationError) as err:
        services.review_save(
            actor=assigned.reviewer, assignment=assigned, scores=scores, submit=True, **{field: "x" * 300_000}
        )
    assert err.value.message_dict[field] == [f"At most {REVIEW_TEXT_MAX} characters."]
    assert not Review.objects.exists()
    services.review_save(
        actor=assigned.reviewer, assignment=assigned, scores=scores, **{field: "x" * REVIEW_TEXT_MAX}
    )


def test_the_review_page_and_the_api_refuse_a_300000_character_comment(assigned: Any) -> None:
    client = _as(assigned.reviewer)
    url = f"/en/festival/submissions/{assigned.submission_id}/"
    page = client.post(url, {"score_story": "5", "score_craft": "5", "comment": "x" * 300_000, "send": "1"})
    assert page.status_code == 200
    assert "comment" in page.context["form"].errors
    body = {"scores": {"story": 5, "craft": 5}, "comment": "x" * 300_000, "submit": True}
    response = client.put(
        f"/api/festival/reviews/{assigned.submission_id}", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == ["comment"]
    assert not Review.objects.exists()


def test_a_decision_note_past_its_limit_is_refused(assigned: Any, staff: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.submission_decide(
            actor=staff, submission=assigned.submission, name="shortlist", note="n" * (NOTE_MAX + 1)
        )
    assert list(err.value.message_dict) == ["note"]
    assigned.submission.refresh_from_db()
    assert assigned.submission.status == "in_review"


def test_a_declared_conflict_past_its_limit_is_refused_not_cut(
    assigned: Any, staff: Any, feature: Any
) -> None:
    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-9"))
    with pytest.raises(ValidationError) as err:
        services.conflict_declare(
            actor=staff, juror=juror, submission=assigned.submission, reason="r" * (NOTE_MAX + 1)
        )
    assert list(err.value.message_dict) == ["reason"]
    assert not juror.conflicts.exists()


def test_edition_notes_past_their_limit_are_refused(edition: Any, staff: Any) -> None:
    facts: dict[str, Any] = {
        "city": edition.city,
        "country": str(edition.country),
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
    }
    with pytest.raises(ValidationError) as err:
        edition_update(actor=staff, edition=edition, notes="n" * (EDITION_NOTES_MAX + 1), **facts)
    assert "notes" in err.value.message_dict
    admin = UserFactory(is_superuser=True)
    facts["starts_on"] = facts["starts_on"] + dt.timedelta(days=400)
    facts["ends_on"] = facts["ends_on"] + dt.timedelta(days=400)
    with pytest.raises(ValidationError) as err:
        services.edition_create(actor=admin, number=99, notes="n" * (EDITION_NOTES_MAX + 1), **facts)
    assert "notes" in err.value.message_dict
