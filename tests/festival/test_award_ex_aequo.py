"""An award given ex aequo goes to at most three films."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from korkyt.festival import services
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


def test_an_award_given_ex_aequo_goes_to_at_most_three_films(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    feature.max_per_country = None
    feature.save()
    subs = [_selected(feature, agency_kg, kg_editor, kg_head, staff, f"F{i}") for i in range(5)]
    award = services.award_create(
        actor=staff, edition=edition, code="jury-prize", names={"en": "Jury"}, section=feature, ex_aequo=True
    )
    for s in subs[:3]:
        services.award_decide(actor=staff, award=award, film=s.film, submission=s)
    for s in subs[3:]:
        with pytest.raises(ValidationError) as exc:
            services.award_decide(actor=staff, award=award, film=s.film, submission=s)
        assert exc.value.message_dict["award"] == ["An award given ex aequo goes to at most 3 films."]
    assert award.winners.count() == 3
    # deciding one of the three again (a statement added) is no fourth winner
    services.award_decide(
        actor=staff, award=award, film=subs[0].film, submission=subs[0], statements={"en": "x"}
    )
