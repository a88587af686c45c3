"""A private institution is offered and accepted as a party only to those who may see it; one already a
party stays, and is not named to the public."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.institutions import services
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    az = InstitutionFactory(code="AZ-B", country="AZ")
    secret = InstitutionFactory(code="KZ-SECRET", country="KZ", is_public=False)
    editor = MembershipFactory(user=UserFactory(username="ed-az"), institution=az).user
    return {"kz": kz, "az": az, "secret": secret, "editor": editor, "memo": memorandum(kz, az)}


def test_a_private_institution_is_neither_offered_nor_accepted(client: Client, world):  # type: ignore[no-untyped-def]
    client.force_login(world["editor"])
    for path in ("/en/staff/memoranda/new/", f"/en/staff/memoranda/{world['memo'].pk}/edit/"):
        assert "KZ-SECRET" not in client.get(path).content.decode(), path
    errors = []
    for code in ("KZ-SECRET", "KZ-NOWHERE"):
        with pytest.raises(ValidationError) as exc:
            services.memorandum_update(
                actor=world["editor"], memorandum=world["memo"], parties=["AZ-B", code]
            )
        errors.append(exc.value.message_dict["parties"][0].replace(code, "?"))
    assert errors[0] == errors[1]  # the same answer: nothing tells a private code from an unknown one
    assert sorted(world["memo"].parties.values_list("code", flat=True)) == ["AZ-B", "KZ-A"]


def test_a_private_party_already_on_stays_and_is_not_named_to_the_public(client: Client, world):  # type: ignore[no-untyped-def]
    memo = memorandum(world["az"], world["secret"])
    services.memorandum_update(actor=world["editor"], memorandum=memo, parties=["AZ-B", "KZ-SECRET"])
    assert [p["code"] for p in client.get(f"/api/memoranda/{memo.pk}").json()["parties"]] == ["AZ-B"]
    assert "KZ-SECRET" not in client.get(f"/en/memoranda/{memo.pk}/").content.decode()


def test_memoranda_are_not_found_by_a_private_code(client: Client, world):  # type: ignore[no-untyped-def]
    memorandum(world["az"], world["secret"])
    assert client.get("/api/memoranda?institution=KZ-SECRET").json()["count"] == 0
    assert client.get("/api/memoranda?institution=AZ-B").json()["count"] == 2
