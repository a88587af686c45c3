"""A published film made under a memorandum links to it only for those who may see the memorandum: a draft
is seen by its parties' editors, and the public page of a film placed under one led everyone else to a
page that is not found (and told them a draft existed)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.catalogue.models import Film
from korkyt.institutions.models import CooperationArea
from tests.factories import InstitutionFactory, MembershipFactory, film, memorandum

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(db: Any) -> dict[str, Any]:
    kg, az = InstitutionFactory(code="KG-M", country="KG"), InstitutionFactory(code="AZ-M", country="AZ")
    draft, signed = memorandum(kg, az, status="draft", signed_on=None), memorandum(kg, az)
    under_draft = film(kg, ("Тест", "ky"), status="published")
    under_signed = film(kg, ("Экинчи", "ky"), status="published")
    area = CooperationArea.objects.get(code="joint_feature")
    Film.objects.filter(pk=under_draft.pk).update(memorandum=draft, area=area)
    Film.objects.filter(pk=under_signed.pk).update(memorandum=signed, area=area)
    return {
        "kg": kg,
        "draft": draft,
        "signed": signed,
        "under_draft": under_draft,
        "under_signed": under_signed,
    }


def test_the_public_is_not_sent_to_a_draft_memorandum(placed: dict[str, Any]) -> None:
    client = Client()
    assert client.get(f"/ky/memoranda/{placed['draft'].pk}/").status_code == 404
    page = client.get(f"/ky/films/{placed['under_draft'].pk}/").content.decode()
    assert f"/memoranda/{placed['draft'].pk}/" not in page
    signed = client.get(f"/ky/films/{placed['under_signed'].pk}/").content.decode()
    assert f'href="/ky/memoranda/{placed["signed"].pk}/"' in signed


def test_the_parties_editors_see_the_link_to_their_draft(placed: dict[str, Any]) -> None:
    client = Client()
    client.force_login(MembershipFactory(institution=placed["kg"]).user)
    page = client.get(f"/ky/films/{placed['under_draft'].pk}/").content.decode()
    assert f'href="/ky/memoranda/{placed["draft"].pk}/"' in page
