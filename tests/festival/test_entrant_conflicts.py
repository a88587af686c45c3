"""The one who entered a film never reviews it, never reads its reviews and is recused from it as a juror."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from korkyt.festival import selectors, services
from korkyt.festival.models import Assignment, Conflict, ConflictSource, Review
from tests.factories import UserFactory
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_entry(feature: Any, agency_kg: Any, staff: Any, producer: Any) -> Any:
    """The producer's direct entry, in review."""
    film = make_film(agency_kg, "Own film")
    sub = services.submission_create(
        actor=producer, section=feature, film=film, screener_url="https://vimeo.com/2"
    )
    services.submission_submit(actor=producer, submission=sub)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    sub.refresh_from_db()
    return sub


def test_the_entrant_is_never_assigned_their_own_film(
    own_entry: Any, staff: Any, producer: Any, edition: Any, feature: Any
) -> None:
    other = UserFactory(username="rev-o")
    services.committee_add(actor=staff, edition=edition, user=producer, sections=["feature"])
    services.committee_add(actor=staff, edition=edition, user=other, sections=["feature"])
    feature.reviews_per_entry = 2
    feature.save()
    result = services.reviewers_assign(actor=staff, edition=edition)
    assert set(Assignment.objects.values_list("reviewer__username", flat=True)) == {"rev-o"}
    assert own_entry.pk in result.unfilled  # one reviewer short rather than the entrant
    with pytest.raises(ValidationError) as exc:
        services.assignment_create(actor=staff, submission=own_entry, reviewer=producer)
    assert "entered this film" in exc.value.message_dict["reviewer"][0]
    assert not Assignment.objects.filter(reviewer=producer).exists()


def test_an_entrant_with_an_assignment_never_reads_the_reviews(own_entry: Any, producer: Any) -> None:
    """Even an assignment made before the rule (or a review of their own) shows them no review."""
    from korkyt.accounts.models import Role
    from korkyt.accounts.services import role_grant
    from korkyt.core.permissions import SYSTEM

    other = UserFactory(username="rev-o")
    a_other = Assignment.objects.create(submission=own_entry, reviewer=other)
    a_own = Assignment.objects.create(submission=own_entry, reviewer=producer)
    for reviewer in (other, producer):  # reviewers in force: the entrant rule alone refuses the producer
        role_grant(actor=SYSTEM, user=reviewer, role=Role.REVIEWER, scope=own_entry.section.edition)
    services.review_save(actor=other, assignment=a_other, scores={"story": 2, "craft": 2}, submit=True)
    with pytest.raises(PermissionDenied):  # an assignment made before the rule scores nothing
        services.review_save(actor=producer, assignment=a_own, scores={"story": 10, "craft": 10}, submit=True)
    assert not Review.objects.filter(assignment=a_own).exists()
    assert not selectors.reviews_visible_to(user=producer, submission=own_entry).exists()
    assert selectors.reviews_visible_to(user=other, submission=own_entry).count() == 1


def test_the_agency_editor_of_a_nomination_never_reads_its_reviews(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    from tests.festival.conftest import eligible_entry

    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    with pytest.raises(ValidationError):
        services.assignment_create(actor=staff, submission=sub, reviewer=kg_head)
    reviewer = UserFactory(username="rev-r")
    a = services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    services.review_save(actor=reviewer, assignment=a, scores={"story": 5, "craft": 5}, submit=True)
    for entrant in (kg_editor, kg_head):
        assert not selectors.reviews_visible_to(user=entrant, submission=sub).exists()


def test_a_juror_who_entered_the_film_is_recused(
    own_entry: Any, staff: Any, producer: Any, feature: Any
) -> None:
    services.submission_decide(actor=staff, submission=own_entry, name="select")
    juror = services.juror_add(actor=staff, section=feature, user=producer)
    conflict = Conflict.objects.get(juror=juror, submission=own_entry)
    assert conflict.source == ConflictSource.ENTRANT
    with pytest.raises(ValidationError):
        services.jury_mark_seen(actor=producer, juror=juror, submission=own_entry)
