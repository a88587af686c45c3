"""A reviewer's capacity holds across sections that ask different numbers of reviews, and across
assignments made one section at a time."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import Assignment
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def panorama(feature: Any, edition: Any) -> Any:
    feature.max_per_country = None
    feature.save()
    return services.section_create(actor=SYSTEM, edition=edition, kind="panorama", reviews_per_entry=2)


def test_capacity_holds_when_sections_ask_different_numbers_of_reviews(
    panorama: Any, feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    eligible_entry(panorama, agency_kg, kg_editor, kg_head, title="P1")
    f1 = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="F1")
    f2 = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="F2")
    capped = UserFactory(username="capped")
    services.committee_add(
        actor=staff, edition=edition, user=capped, sections=["feature", "panorama"], capacity=2
    )
    services.committee_add(
        actor=staff, edition=edition, user=UserFactory(username="p-only"), sections=["panorama"]
    )
    for name in ("f-a", "f-b"):
        services.committee_add(
            actor=staff, edition=edition, user=UserFactory(username=name), sections=["feature"]
        )
    result = services.reviewers_assign(actor=staff, edition=edition)
    assert Assignment.objects.filter(reviewer=capped).count() == 2
    assert result.load[capped.pk] == 2
    # the feature films (3 reviews each) get what the capacity leaves, and the result says so for both
    short = {f1.pk, f2.pk} & set(result.unfilled)
    assert short and all(result.shortfalls[pk].code == "capacity-reached" for pk in short)


def test_capacity_holds_when_sections_are_assigned_one_at_a_time(
    panorama: Any, feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    panorama.reviews_per_entry = 3
    panorama.save()
    eligible_entry(panorama, agency_kg, kg_editor, kg_head, title="P1")
    eligible_entry(feature, agency_kg, kg_editor, kg_head, title="F1")
    capped = UserFactory(username="capped")
    services.committee_add(
        actor=staff, edition=edition, user=capped, sections=["feature", "panorama"], capacity=1
    )
    for name in ("s1", "s2", "s3"):
        services.committee_add(
            actor=staff, edition=edition, user=UserFactory(username=name), sections=["feature", "panorama"]
        )
    services.reviewers_assign(actor=staff, edition=edition, section="panorama")
    services.reviewers_assign(actor=staff, edition=edition, section="feature")
    assert Assignment.objects.filter(reviewer=capped).count() == 1


def test_work_on_decided_entries_counts_towards_capacity(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    feature.max_per_country = None
    feature.reviews_per_entry = 1
    feature.save()
    done = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Done")
    services.submission_decide(actor=staff, submission=done, name="start_review")
    capped = UserFactory(username="capped")
    services.committee_add(actor=staff, edition=edition, user=capped, sections=["feature"], capacity=1)
    assignment = services.assignment_create(actor=staff, submission=done, reviewer=capped)
    services.review_save(actor=capped, assignment=assignment, scores={"story": 5, "craft": 5}, submit=True)
    services.submission_decide(actor=staff, submission=done, name="decline")
    new = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="New")
    result = services.reviewers_assign(actor=staff, edition=edition)
    assert not Assignment.objects.filter(reviewer=capped, submission=new).exists()
    assert result.shortfalls[new.pk].code == "capacity-reached"
