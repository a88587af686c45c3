"""A platform administrator deletes an institution from the bottom of its edit page, after ticking the box;
one that is party to a memorandum or owns films is refused with the reason, and nothing is deleted. Nobody
else sees the button or may post it. The roles held on a deleted institution go with it, however it is
deleted."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts.models import RoleAssignment
from korkyt.accounts.scopes import _SCOPES
from korkyt.institutions.models import Institution
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, memorandum

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def _urls(institution: Institution) -> tuple[str, str]:
    return (
        f"/en/staff/institutions/{institution.code}/edit/",
        f"/en/staff/institutions/{institution.code}/delete/",
    )


def test_an_administrator_deletes_an_institution_and_its_roles_go_with_it(admin_client: Client) -> None:
    institution = InstitutionFactory(code="KG-TEST")
    editor = MembershipFactory(user=UserFactory(username="ed"), institution=institution).user
    edit, delete = _urls(institution)
    page = admin_client.get(edit).content.decode()
    assert f'action="{delete}"' in page and 'name="confirm"' in page

    # without the tick, nothing happens
    answer = admin_client.post(delete, follow=True)
    assert Institution.objects.filter(pk=institution.pk).exists()
    assert "Tick the box to confirm the deletion." in answer.content.decode()

    answer = admin_client.post(delete, {"confirm": "on"})
    assert answer.status_code == 302 and answer["Location"] == "/en/institutions/"
    assert not Institution.objects.filter(pk=institution.pk).exists()
    assert not RoleAssignment.objects.filter(user=editor).exists()
    assert "The institution was deleted." in admin_client.get(answer["Location"]).content.decode()


def test_an_institution_in_use_is_refused_with_the_reason(admin_client: Client) -> None:
    party, owner = InstitutionFactory(code="KZ-A"), InstitutionFactory(code="KZ-B")
    memorandum(party, InstitutionFactory(code="AZ-C"))
    film(owner, ("Фильм", "kk-Cyrl"))
    for institution, reason in (
        (party, "This institution is party to memoranda; remove them first."),
        (owner, "This cannot be deleted while other records refer to it: films."),
    ):
        edit, delete = _urls(institution)
        answer = admin_client.post(delete, {"confirm": "on"}, follow=True)
        assert answer.redirect_chain[-1][0] == edit
        assert reason in answer.content.decode()
        assert Institution.objects.filter(pk=institution.pk).exists()


def test_only_platform_administrators_may_delete() -> None:
    institution = InstitutionFactory(code="TR-X")
    editor = MembershipFactory(user=UserFactory(username="ed"), institution=institution).user
    client = Client()
    client.force_login(editor)
    edit, delete = _urls(institution)
    page = client.get(edit)
    assert page.status_code == 200 and delete not in page.content.decode()  # may edit, not delete
    assert client.post(delete, {"confirm": "on"}).status_code == 403
    assert Institution.objects.filter(pk=institution.pk).exists()
    client.logout()
    assert client.post(delete, {"confirm": "on"}).status_code == 302  # to sign in
    assert Institution.objects.filter(pk=institution.pk).exists()


def test_every_kind_of_scope_takes_its_roles_along_when_deleted() -> None:
    """Institutions, festival editions, events and co-productions: a role on one that is gone would be
    listed on its holder's profile against nothing, so each kind's deletion removes them."""
    from django.db.models.signals import post_delete

    assert len(_SCOPES) >= 4
    for model in _SCOPES:
        assert post_delete.has_listeners(model), model
    institution = InstitutionFactory(code="UZ-Y")
    MembershipFactory(user=UserFactory(username="t"), institution=institution, role="translator")
    Institution.objects.filter(pk=institution.pk).delete()  # a queryset delete, as the admin's bulk action
    assert not RoleAssignment.objects.exists()


def test_roles_left_on_objects_deleted_before_are_removed_by_the_migration() -> None:
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    drop = importlib.import_module("korkyt.accounts.migrations.0004_roles_on_deleted_objects").drop_orphans
    kept = MembershipFactory(user=UserFactory(username="a"), institution=InstitutionFactory(code="AZ-Z"))
    gone = RoleAssignment.objects.create(
        user=UserFactory(username="b"),
        role="editor",
        content_type=ContentType.objects.get_for_model(Institution),
        object_id=987654,
    )
    drop(apps, None)
    assert list(RoleAssignment.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not RoleAssignment.objects.filter(pk=gone.pk).exists()
