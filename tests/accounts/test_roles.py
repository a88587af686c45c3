"""Roles held on any object, with validity windows, granted by administrators and by managers of a scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from korkyt.accounts.models import Role, RoleAssignment
from korkyt.accounts.rules import institution_ids, roles_on
from korkyt.accounts.selectors import membership_list
from korkyt.accounts.services import role_grant, role_revoke
from korkyt.core.permissions import SYSTEM
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db


def _fresh(user):  # type: ignore[no-untyped-def]
    """The same person in a new request (role caches are per user object)."""
    return type(user).objects.get(pk=user.pk)


def test_juror_role_for_one_edition_is_granted_works_and_expires() -> None:
    edition_2026, edition_2027 = (
        FakeActivity.objects.create(name="2026"),
        FakeActivity.objects.create(name="2027"),
    )
    juror = UserFactory()
    now = timezone.now()
    role_grant(
        actor=SYSTEM,
        user=juror,
        role=Role.JUROR,
        scope=edition_2026,
        valid_from=now - dt.timedelta(days=1),
        valid_until=now + dt.timedelta(days=10),
    )
    assert roles_on(_fresh(juror), edition_2026) == {Role.JUROR}
    assert roles_on(_fresh(juror), edition_2027) == set()
    assignment = RoleAssignment.objects.get(user=juror)
    assert assignment.is_active(now + dt.timedelta(days=11)) is False
    # The edition ends: the role grants nothing any more.
    RoleAssignment.objects.filter(pk=assignment.pk).update(valid_until=now - dt.timedelta(seconds=1))
    assert roles_on(_fresh(juror), edition_2026) == set()


def test_role_not_yet_valid_grants_nothing() -> None:
    edition = FakeActivity.objects.create(name="2030")
    juror = UserFactory()
    role_grant(
        actor=SYSTEM,
        user=juror,
        role=Role.JUROR,
        scope=edition,
        valid_from=timezone.now() + dt.timedelta(days=1),
    )
    assert roles_on(_fresh(juror), edition) == set()


def test_expired_institution_role_does_not_count_as_membership() -> None:
    kz = InstitutionFactory(code="KZ-R")
    ended = timezone.now() - dt.timedelta(hours=1)
    user = MembershipFactory(institution=kz, valid_from=ended - dt.timedelta(days=2), valid_until=ended).user
    assert institution_ids(_fresh(user)) == set()
    assert membership_list(user=user) == []


def test_edition_manager_grants_staff_roles_on_own_edition_only() -> None:
    edition, other = FakeActivity.objects.create(name="mine"), FakeActivity.objects.create(name="other")
    manager, staff = UserFactory(), UserFactory()
    role_grant(actor=SYSTEM, user=manager, role=Role.EDITION_MANAGER, scope=edition)
    manager = _fresh(manager)
    granted = role_grant(actor=manager, user=staff, role=Role.JUROR, scope=edition)
    assert granted.granted_by == manager
    with pytest.raises(PermissionDenied):
        role_grant(actor=manager, user=staff, role=Role.JUROR, scope=other)
    with pytest.raises(PermissionDenied):
        role_grant(actor=manager, user=staff, role=Role.EDITOR, scope=edition)
    role_revoke(actor=manager, user=staff, role=Role.JUROR, scope=edition)
    assert roles_on(_fresh(staff), edition) == set()


def test_person_without_a_manager_role_may_not_grant() -> None:
    edition = FakeActivity.objects.create(name="2026")
    with pytest.raises(PermissionDenied):
        role_grant(actor=UserFactory(), user=UserFactory(), role=Role.JUROR, scope=edition)


def test_grant_rejects_unknown_role_and_inverted_window() -> None:
    edition = FakeActivity.objects.create(name="2026")
    user = UserFactory()
    with pytest.raises(ValidationError) as unknown:
        role_grant(actor=SYSTEM, user=user, role="emperor", scope=edition)
    assert "role" in unknown.value.message_dict
    now = timezone.now()
    with pytest.raises(ValidationError) as inverted:
        role_grant(actor=SYSTEM, user=user, role=Role.JUROR, scope=edition, valid_from=now, valid_until=now)
    assert "valid_until" in inverted.value.message_dict


def test_granting_again_updates_the_window_instead_of_duplicating() -> None:
    edition = FakeActivity.objects.create(name="2026")
    user = UserFactory()
    role_grant(actor=SYSTEM, user=user, role=Role.JUROR, scope=edition)
    until = timezone.now() + dt.timedelta(days=3)
    role_grant(actor=SYSTEM, user=user, role=Role.JUROR, scope=edition, valid_until=until)
    assert RoleAssignment.objects.get(user=user).valid_until == until


def test_institution_editor_role_is_a_membership_everywhere() -> None:
    kz = InstitutionFactory(code="KZ-M")
    editor = UserFactory()
    role_grant(actor=SYSTEM, user=editor, role=Role.EDITOR, scope=kz)
    editor = _fresh(editor)
    assert institution_ids(editor, Role.EDITOR) == {kz.pk}
    assert editor.has_perm("institutions.change_institution", kz)
    assert [(m.institution.code, m.role) for m in membership_list(user=editor)] == [("KZ-M", "editor")]


def test_platform_administrator_grants_a_windowed_role_in_the_admin(client) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.contenttypes.models import ContentType

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    juror = UserFactory(username="juror")
    edition = FakeActivity.objects.create(name="2026")
    client.force_login(admin)
    assert client.get("/en/admin/accounts/roleassignment/add/").status_code == 200
    response = client.post(
        "/en/admin/accounts/roleassignment/add/",
        {
            "user": juror.pk,
            "role": Role.JUROR,
            "content_type": ContentType.objects.get_for_model(FakeActivity).pk,
            "object_id": edition.pk,
            "valid_from_0": "2026-01-01",
            "valid_from_1": "00:00:00",
            "valid_until_0": "2099-12-31",
            "valid_until_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = RoleAssignment.objects.get(user=juror)
    assert assignment.granted_by == admin
    assert roles_on(_fresh(juror), edition) == {Role.JUROR}
    assert client.get(f"/en/admin/accounts/user/{juror.pk}/change/").status_code == 200
    client.post(f"/en/admin/accounts/roleassignment/{assignment.pk}/delete/", {"post": "yes"})
    assert not RoleAssignment.objects.filter(user=juror).exists()
