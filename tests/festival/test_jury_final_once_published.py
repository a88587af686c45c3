"""The jury's work (viewing, scores, recusals, award decisions) is final once the results are published."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from korkyt.festival import services
from korkyt.festival.models import AwardKind, AwardWinner, JuryVote
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


def _selected(feature: Any, agency: Any, editor: Any, head: Any, staff: Any, title: str) -> Any:
    sub = eligible_entry(feature, agency, editor, head, title=title)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    services.submission_decide(actor=staff, submission=sub, name="select")
    sub.refresh_from_db()
    return sub


def _publish(edition: Any) -> None:
    import datetime as dt

    edition.results_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    edition.save(update_fields=["results_at"])


def test_the_jury_s_work_is_final_once_the_results_are_published(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    s = _selected(feature, agency_kg, kg_editor, kg_head, staff, "J")
    other = _selected(feature, agency_kg, kg_editor, kg_head, staff, "K")
    user = UserFactory(username="jj")
    juror = services.juror_add(actor=staff, section=feature, user=user)
    services.jury_mark_seen(actor=user, juror=juror, submission=s)
    services.jury_score(actor=user, juror=juror, submission=s, score=5)
    award = services.award_create(
        actor=staff, edition=edition, code="best", names={"en": "Best"}, kind=AwardKind.MAIN, section=feature
    )
    winner = services.award_decide(actor=staff, award=award, film=s.film, submission=s)
    _publish(edition)
    juror.refresh_from_db()
    calls = [
        lambda: services.jury_score(actor=user, juror=juror, submission=s, score=9),
        lambda: services.jury_mark_seen(actor=user, juror=juror, submission=other),
        lambda: services.conflict_declare(actor=user, juror=juror, submission=s, reason="friend"),
        lambda: services.award_decide(actor=staff, award=award, film=other.film, submission=other),
        lambda: services.award_withdraw(actor=staff, winner=winner),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as exc:
            call()
        assert "results are published" in str(exc.value)
    assert JuryVote.objects.get(juror=juror, submission=s).score == 5
    assert list(AwardWinner.objects.values_list("film", flat=True)) == [s.film_id]


def test_a_past_edition_s_winners_are_still_recorded(edition: Any, staff: Any, agency_kg: Any) -> None:
    """An edition without an announcement time is a past one: its results are public, and its winners
    (films outside any entry) are recorded after the fact."""
    from tests.festival.conftest import make_film

    edition.results_at = None
    edition.save(update_fields=["results_at"])
    award = services.award_create(
        actor=staff, edition=edition, code="grand", names={"en": "Grand"}, kind=AwardKind.MAIN
    )
    winner = services.award_decide(actor=staff, award=award, film=make_film(agency_kg, "Past winner"))
    assert winner.submission is None
