"""What one party's editor may not do alone: set a signed memorandum back to draft, delete a memorandum
others refer to, change what only administrators change; and what a JSON null means in a PATCH."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.institutions import services
from korkyt.institutions.models import Memorandum, MemorandumActivity
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    tm = InstitutionFactory(code="TM-B", country="TM")
    editor = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    return {"kz": kz, "tm": tm, "editor": editor, "admin": admin, "memo": memorandum(kz, tm)}


def _headers(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_a_party_editor_cannot_set_a_signed_memorandum_back_to_draft(world):  # type: ignore[no-untyped-def]
    memo = world["memo"]
    with pytest.raises(ValidationError) as exc:
        services.memorandum_update(actor=world["editor"], memorandum=memo, status="draft")
    assert "status" in exc.value.message_dict
    memo.refresh_from_db()
    assert memo.status == "signed"
    services.memorandum_update(actor=world["editor"], memorandum=memo, status="in_force")
    services.memorandum_update(actor=world["admin"], memorandum=memo, status="draft")
    memo.refresh_from_db()
    assert memo.status == "draft"


def test_the_api_refuses_draft_then_delete_by_one_party(client: Client, world):  # type: ignore[no-untyped-def]
    memo, headers = world["memo"], _headers(world["editor"])
    answer = client.patch(
        f"/api/memoranda/{memo.pk}", {"status": "draft"}, content_type="application/json", headers=headers
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "status"
    assert client.delete(f"/api/memoranda/{memo.pk}", headers=headers).status_code == 403
    assert Memorandum.objects.filter(pk=memo.pk).exists()


def test_a_memorandum_with_activities_is_not_deleted_even_by_an_admin(world):  # type: ignore[no-untyped-def]
    memo = world["memo"]
    activity = FakeActivity.objects.create(name="Workshop")
    services.activity_record(memorandum=memo, area="joint_feature", activity=activity)
    with pytest.raises(ValidationError) as exc:
        services.memorandum_delete(actor=world["admin"], memorandum=memo)
    assert "fake activity" in " ".join(exc.value.messages)
    assert "refer to it" in " ".join(exc.value.messages)
    assert Memorandum.objects.filter(pk=memo.pk).exists()
    assert MemorandumActivity.objects.filter(memorandum=memo).count() == 1


def test_a_draft_with_nothing_recorded_is_still_deleted_by_its_party(world):  # type: ignore[no-untyped-def]
    memo = memorandum(world["kz"], world["tm"], status="draft")
    services.memorandum_delete(actor=world["editor"], memorandum=memo)
    assert not Memorandum.objects.filter(pk=memo.pk).exists()


def test_a_memorandum_a_coproduction_names_is_not_deleted(world):  # type: ignore[no-untyped-def]
    from korkyt.coproduction.models import Project

    memo = memorandum(world["kz"], world["tm"], status="draft")
    project = Project.objects.create(memorandum=memo, kind="fiction")
    MemorandumActivity.objects.filter(memorandum=memo).delete()  # named by its field alone
    with pytest.raises(ValidationError) as exc:
        services.memorandum_delete(actor=world["editor"], memorandum=memo)
    assert "co-productions" in " ".join(exc.value.messages)
    project.refresh_from_db()
    assert project.memorandum_id == memo.pk
