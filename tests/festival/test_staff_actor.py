"""What an edition's staff do through the festival's services is recorded as theirs, even where the service
grants or revokes a role, or publishes a film, as the platform once it has checked the staff's right: the
change history names the staff member, not "the platform"."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from korkyt.accounts.models import Role, RoleAssignment
from korkyt.accounts.services import role_grant
from korkyt.catalogue.models import Film
from korkyt.core.models import AuditAction, AuditEntry
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import Section
from korkyt.festival.services import editing
from korkyt.festival.services.selection import committee_add
from tests.factories import UserFactory
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db


def _role_entries(action: int) -> Any:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(RoleAssignment), action=action
    ).order_by("pk")


def test_a_reviewer_added_and_taken_off_by_staff_is_recorded_as_the_staff_s(
    edition: Any, feature: Section, staff: Any
) -> None:
    reviewer = UserFactory(username="reviewer1")
    member = committee_add(actor=staff, edition=edition, user=reviewer, sections=[feature.kind])
    grant = _role_entries(AuditAction.CREATE).last()
    assert (grant.actor_id, grant.actor_label) == (staff.pk, staff.username)
    assert RoleAssignment.objects.get(user=reviewer, role=Role.REVIEWER).granted_by == staff
    editing.committee_remove(actor=staff, member=member)
    revoke = _role_entries(AuditAction.DELETE).last()
    assert (revoke.actor_id, revoke.actor_label) == (staff.pk, staff.username)


def test_a_juror_appointed_and_taken_off_by_staff_is_recorded_as_the_staff_s(
    edition: Any, feature: Section, staff: Any
) -> None:
    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror1"))
    grant = _role_entries(AuditAction.CREATE).last()
    assert (grant.actor_id, grant.actor_label) == (staff.pk, staff.username)
    assert RoleAssignment.objects.get(user=juror.user, role=Role.JUROR).granted_by == staff
    editing.juror_remove(actor=staff, juror=juror)
    revoke = _role_entries(AuditAction.DELETE).last()
    assert (revoke.actor_id, revoke.object_repr.startswith("juror1")) == (staff.pk, True)


def test_a_role_granted_as_the_platform_on_behalf_of_someone_is_recorded_as_theirs(
    edition: Any, staff: Any
) -> None:
    """What ``juror_add`` does once it passes ``on_behalf_of`` (festival/services/jury.py)."""
    juror = UserFactory(username="juror2")
    role_grant(actor=SYSTEM, user=juror, role=Role.JUROR, scope=edition, on_behalf_of=staff)
    grant = _role_entries(AuditAction.CREATE).last()
    assert (grant.actor_id, grant.actor_label) == (staff.pk, staff.username)
    role_grant(actor=SYSTEM, user=UserFactory(username="juror3"), role=Role.JUROR, scope=edition)
    assert _role_entries(AuditAction.CREATE).last().actor_id is None  # the platform's own grant stays its own


def test_a_selected_film_published_by_staff_is_recorded_as_the_staff_s(
    feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    draft = make_film(agency_kg, "Published by staff", year=2025, status="draft", tracks=["en"])
    sub = services.nomination_create(
        actor=kg_editor, section=feature, film=draft, agency=agency_kg, screener_url="https://v.example/1"
    )
    services.nomination_sign_off(actor=kg_head, submission=sub)
    for name in ("start_review", "shortlist", "select"):
        services.submission_decide(actor=staff, submission=sub, name=name)
    assert editing.submission_film_to_catalogue(actor=staff, submission=sub)[1] == "published"
    change = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Film),
            object_pk=str(draft.pk),
            action=AuditAction.UPDATE,
            changes__has_key="status",
        )
        .order_by("pk")
        .last()
    )
    assert change.changes["status"] == ["draft", "published"]
    assert (change.actor_id, change.actor_label) == (staff.pk, staff.username)
