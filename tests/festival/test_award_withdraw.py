"""A film keeps its selection while it holds an award; staff take an award back first."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from korkyt.core.models import AuditEntry
from korkyt.festival import services
from korkyt.festival.models import AwardKind, AwardWinner
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


def _selected(feature: Any, agency: Any, editor: Any, head: Any, staff: Any, title: str) -> Any:
    sub = eligible_entry(feature, agency, editor, head, title=title)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    services.submission_decide(actor=staff, submission=sub, name="select")
    sub.refresh_from_db()
    return sub


def test_a_film_with_an_award_is_reconsidered_only_once_the_award_is_taken_back(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    s = _selected(feature, agency_kg, kg_editor, kg_head, staff, "A")
    award = services.award_create(
        actor=staff, edition=edition, code="best", names={"en": "Best"}, kind=AwardKind.MAIN, section=feature
    )
    winner = services.award_decide(actor=staff, award=award, film=s.film, submission=s)
    with pytest.raises(ValidationError) as exc:
        services.submission_decide(actor=staff, submission=s, name="reconsider")
    assert "withdraw the award first" in exc.value.message_dict["status"][0]
    s.refresh_from_db()
    assert s.status == "selected"
    services.award_withdraw(actor=staff, winner=winner)
    assert not AwardWinner.objects.filter(submission=s).exists()
    taken_back = AuditEntry.objects.filter(action_type="festival.award.update", object_pk=str(edition.pk))
    assert [e.additional_data["winner_withdrawn"]["film"] for e in taken_back] == [s.film_id]
    services.submission_decide(actor=staff, submission=s, name="reconsider")
    services.submission_decide(actor=staff, submission=s, name="decline")
    s.refresh_from_db()
    assert s.status == "not_selected"


def test_staff_take_an_award_back_on_the_manage_page(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    from django.test import Client

    s = _selected(feature, agency_kg, kg_editor, kg_head, staff, "A")
    award = services.award_create(
        actor=staff, edition=edition, code="best", names={"en": "Best"}, section=feature
    )
    winner = services.award_decide(actor=staff, award=award, film=s.film, submission=s)
    client = Client()
    client.force_login(staff)
    page = client.get("/en/festival/6/manage/").content.decode()
    assert f'name="winner" value="{winner.pk}"' in page
    client.post("/en/festival/6/manage/", {"action": "withdraw_award", "winner": "x"})  # nonsense: nothing
    for hostile in ("²", "9" * 30):  # a digit int() refuses, an id past 64 bits: nothing either, no error
        refused = client.post("/en/festival/6/manage/", {"action": "withdraw_award", "winner": hostile})
        assert refused.status_code == 302
    assert AwardWinner.objects.filter(pk=winner.pk).exists()
    answer = client.post("/en/festival/6/manage/", {"action": "withdraw_award", "winner": str(winner.pk)})
    assert answer.status_code == 302
    assert not AwardWinner.objects.filter(pk=winner.pk).exists()
