"""A private institution is not named through the records it catalogues: a published film's page, and the
API's films, people and companies, name their owner only to those who may see the institution, and the
films' ``?owner`` filter answers for a hidden code as for an unknown one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.catalogue import services
from korkyt.core.permissions import SYSTEM
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(db: Any) -> Any:
    return InstitutionFactory(code="KZ-HIDDEN", is_public=False)


@pytest.fixture
def records(hidden: Any) -> dict[str, Any]:
    return {
        "film": film(hidden, ("Qupiya", "kk"), status="published"),
        "person": person(("Hidden Maker", "en"), owner=hidden),
        "company": services.company_create(
            actor=SYSTEM, names=[{"name": "Hidden Studio", "language": "en"}], owner=hidden
        ),
    }


def _member(hidden: Any) -> Client:
    client = Client()
    client.force_login(MembershipFactory(user=UserFactory(username="insider"), institution=hidden).user)
    return client


def test_the_film_page_does_not_name_a_private_owner_to_the_public(
    records: dict[str, Any], hidden: Any
) -> None:
    pk = records["film"].pk
    page = Client().get(f"/en/films/{pk}/").content.decode()
    assert "Institution KZ-HIDDEN" not in page and "/institutions/KZ-HIDDEN" not in page
    assert "Catalogued by" not in page
    inside = _member(hidden).get(f"/en/films/{pk}/").content.decode()
    assert "Catalogued by" in inside and "Institution KZ-HIDDEN" in inside


def test_the_api_names_a_private_owner_to_its_members_only(records: dict[str, Any], hidden: Any) -> None:
    public, inside = Client(), _member(hidden)
    paths = {
        "film": f"/api/films/{records['film'].pk}",
        "person": f"/api/people/{records['person'].pk}",
        "company": f"/api/companies/{records['company'].pk}",
    }
    for kind, path in paths.items():
        assert public.get(path).json()["owner"] is None, kind
        assert inside.get(path).json()["owner"] == "KZ-HIDDEN", kind
    for path in ("/api/films", "/api/people", "/api/companies"):
        rows = public.get(path).json()["items"]
        assert rows and all(r["owner"] is None for r in rows), path
        assert "KZ-HIDDEN" not in public.get(path).content.decode()


def test_the_owner_filter_answers_for_a_hidden_code_as_for_an_unknown_one(
    records: dict[str, Any], hidden: Any
) -> None:
    public = Client()
    hidden_code = public.get("/api/films", {"owner": "KZ-HIDDEN"})
    unknown = public.get("/api/films", {"owner": "KZ-NOSUCH"})
    assert (hidden_code.status_code, hidden_code.json()) == (unknown.status_code, unknown.json())
    assert hidden_code.json()["items"] == []
    shown = _member(hidden).get("/api/films", {"owner": "kz-hidden"}).json()["items"]
    assert [r["id"] for r in shown] == [records["film"].pk]
