"""A reviewer's powers need both the entry assigned to them and the reviewer role on the edition in force
now: a role revoked, ended or not yet started grants nothing (the entry and its screener, the review queue,
writing the review, the others' reviews), as for jurors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role, RoleAssignment
from korkyt.festival import selectors, services
from korkyt.festival.models import Review
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    reviewer = UserFactory(username="reviewer-x")
    assignment = services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    return assignment


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _powers(assignment: Any) -> dict[str, bool]:
    user, sub = assignment.reviewer, assignment.submission
    client = _client(user)
    api = client.get(f"/api/festival/submissions/{sub.pk}")
    return {
        "api": api.status_code == 200 and api.json().get("screener_password") == "pw",
        "page": client.get(f"/en/festival/submissions/{sub.pk}/").status_code == 200,
        "queue": f"/en/festival/submissions/{sub.pk}/"
        in client.get("/en/festival/reviews/").content.decode(),
        "screener": selectors.may_read_screener(user, sub),
        "reviews": client.get(f"/api/festival/reviews?submission={sub.pk}").status_code == 200,
        "save": client.put(
            f"/api/festival/reviews/{sub.pk}", {"scores": {}, "comment": "x"}, content_type="application/json"
        ).status_code
        == 200,
    }


def test_assigning_an_entry_gives_the_reviewer_role_on_the_edition(assigned: Any, edition: Any) -> None:
    assert RoleAssignment.objects.on(edition).filter(user=assigned.reviewer, role=Role.REVIEWER).exists()
    assert all(_powers(assigned).values()), _powers(assigned)


@pytest.mark.parametrize("how", ["revoked", "ended", "not_started"])
def test_a_reviewer_whose_role_is_not_in_force_has_no_powers(assigned: Any, edition: Any, how: str) -> None:
    role = RoleAssignment.objects.on(edition).filter(user=assigned.reviewer, role=Role.REVIEWER)
    now = timezone.now()
    if how == "revoked":
        admin = UserFactory(username="root", is_superuser=True, is_staff=True)
        account_services.role_revoke(actor=admin, user=assigned.reviewer, role=Role.REVIEWER, scope=edition)
    elif how == "ended":
        role.update(valid_until=now - dt.timedelta(days=1))
    else:
        role.update(valid_from=now + dt.timedelta(days=1))
    assert not any(_powers(assigned).values()), _powers(assigned)
    with pytest.raises(PermissionDenied):
        services.review_save(actor=assigned.reviewer, assignment=assigned, scores={}, comment="late")
    assert not Review.objects.filter(assignment=assigned, comment="late").exists()


def test_the_migration_gives_the_role_to_reviewers_with_a_review_still_to_write(
    assigned: Any, edition: Any, staff: Any
) -> None:
    """Entries assigned directly before the rule gave no role: migration festival 0014 gives it to those
    who still have a review to write, not to those with nothing open (a reviewer taken off the committee)."""
    import importlib

    from django.apps import apps

    from korkyt.festival.models import Assignment

    migration = importlib.import_module("korkyt.festival.migrations.0014_reviewer_roles")
    done = UserFactory(username="reviewer-done")
    finished = Assignment.objects.create(submission=assigned.submission, reviewer=done)
    Review.objects.create(assignment=finished, comment="in", submitted_at=timezone.now())
    RoleAssignment.objects.filter(role=Role.REVIEWER).delete()
    migration.grant_reviewer_roles(apps, None)
    holders = set(
        RoleAssignment.objects.on(edition).filter(role=Role.REVIEWER).values_list("user", flat=True)
    )
    assert holders == {assigned.reviewer.pk}
    migration.grant_reviewer_roles(apps, None)  # again: nothing more
    assert RoleAssignment.objects.filter(role=Role.REVIEWER).count() == 1
