"""An edition's managers grant and revoke its staff roles in the app (the core's roles page)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from korkyt.accounts.models import Role, RoleAssignment
from tests.factories import RoleAssignmentFactory, UserFactory


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_edition_manager_grants_festival_staff_who_then_manage_the_edition(edition: Any) -> None:
    manager = RoleAssignmentFactory(
        user=UserFactory(username="director"), role=Role.EDITION_MANAGER, scope=edition
    ).user
    newcomer = UserFactory(username="newcomer", email="newcomer@example.org")
    url = f"/en/accounts/roles/festival.edition/{edition.pk}/"
    manage = _client(manager).get(f"/en/festival/{edition.number}/manage/").content.decode()
    assert url in manage  # the manage page links to the edition's roles
    page = _client(manager).get(url).content.decode()
    assert 'value="festival_staff"' in page and 'value="editor"' not in page
    assert _client(newcomer).get(f"/en/festival/{edition.number}/manage/").status_code == 404
    answer = _client(manager).post(url, {"email": "newcomer@example.org", "role": "festival_staff"})
    assert answer.status_code == 302
    assert RoleAssignment.objects.on(edition).get(user=newcomer).role == Role.FESTIVAL_STAFF
    assert _client(newcomer).get(f"/en/festival/{edition.number}/manage/").status_code == 200


def test_festival_staff_may_not_manage_the_edition_roles(staff: Any, edition: Any) -> None:
    assert _client(staff).get(f"/en/accounts/roles/festival.edition/{edition.pk}/").status_code == 404
