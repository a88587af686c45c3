"""What the API refuses at the door: unknown fields, bodies that are not objects, missing uploads named by
their field, and URLs past the length limit, each in the one JSON error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts import schemas as account_schemas
from korkyt.accounts.services import token_create
from korkyt.catalogue import schemas as catalogue_schemas
from korkyt.core.images import api as image_api
from korkyt.core.schemas import InputSchema
from korkyt.institutions import schemas as institution_schemas
from korkyt.localization import schemas as localization_schemas
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film

pytestmark = pytest.mark.django_db


@pytest.fixture
def kz():
    return InstitutionFactory(code="KZ-A", country="KZ")


@pytest.fixture
def headers(kz):
    user = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


def test_patch_with_a_misspelt_field_is_refused_and_changes_nothing(client: Client, kz, headers):
    f = film(owner=kz, year=2000)
    response = client.patch(
        f"/api/films/{f.pk}", {"yeer": 1999}, content_type="application/json", headers=headers
    )
    assert response.status_code == 422
    assert _fields(response) == ["yeer"]
    f.refresh_from_db()
    assert f.year == 2000


def test_unknown_nested_field_is_named_by_its_path(client: Client, kz, headers):
    body = {"owner": "KZ-A", "titles": [{"text": "X", "language": "en", "lang": "kk"}]}
    response = client.post("/api/films", body, content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert "titles.0.lang" in _fields(response)


@pytest.mark.parametrize("body", ["[]", '"x"', "3", "null"])
def test_a_body_that_is_not_an_object_is_refused(client: Client, kz, headers, body):
    f = film(owner=kz)
    response = client.patch(f"/api/films/{f.pk}", body, content_type="application/json", headers=headers)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid"


def test_every_request_body_schema_refuses_unknown_fields():
    modules = (institution_schemas, localization_schemas, catalogue_schemas, account_schemas, image_api)
    inputs = [
        obj
        for module in modules
        for name, obj in vars(module).items()
        if isinstance(obj, type) and name.endswith(("In", "Patch"))
    ]
    assert inputs
    assert all(issubclass(cls, InputSchema) for cls in inputs), [
        c for c in inputs if not issubclass(c, InputSchema)
    ]


def test_missing_upload_is_reported_under_its_field(client: Client, kz, headers):
    f = film(owner=kz)
    response = client.post("/api/localization/tracks", {"film": f.pk, "language": "kk"}, headers=headers)
    assert response.status_code == 422
    assert _fields(response) == ["file"]


def test_an_overlong_api_url_gets_the_json_error_shape(client: Client, settings):
    settings.KORKYT_MAX_URL_LENGTH = 200
    response = client.get("/api/films?q=" + "a" * 300)
    assert response.status_code == 414
    data = response.json()
    assert data["code"] == "uri_too_long" and data["errors"][0]["field"] == "__all__"
    assert client.get("/api/films?q=" + "a" * 50).status_code == 200
