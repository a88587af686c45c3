"""The API's door answers in its one JSON error shape: a method the address does not accept (405, naming
the methods it does, with the Allow header), a body past the upload limit (413, naming the limit in MB as
the request's language writes numbers)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _shape(response) -> dict:  # type: ignore[no-untyped-def]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    return body


# -- 405 -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/api/events/1", "GET"),
        ("post", "/api/search", "GET"),
        ("patch", "/api/tokens", "GET, POST"),
        ("delete", "/api/institutions", "GET, POST"),
        ("get", "/api/films/1/titles", "POST"),
    ],
)
def test_a_method_the_address_does_not_accept_is_a_json_405(client: Client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == allowed
    body = _shape(response)
    assert body["code"] == "method_not_allowed" and body["errors"] == []
    assert body["detail"] == (f"This address does not accept {method.upper()}; it accepts {allowed}.")


def test_a_405_is_in_the_request_language(client: Client):
    response = client.delete("/api/events/1", headers={"Accept-Language": "ru"})
    assert response.status_code == 405
    assert "GET" in response.json()["detail"]


def test_pages_keep_their_own_405(client: Client):
    response = client.get("/i18n/language/")
    assert response.status_code == 405
    assert not response["Content-Type"].startswith("application/json")


# -- 413 -----------------------------------------------------------------------------------------------


def test_a_json_body_past_the_limit_is_a_413_naming_it(client: Client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    payload = json.dumps({"answers": {"1": "x" * (MB + 10)}})
    response = client.post("/api/events/1/registrations", payload, content_type="application/json")
    assert response.status_code == 413
    body = _shape(response)
    assert body == {
        "detail": "The request is too large: at most 1 MB may be sent.",
        "code": "too_large",
        "errors": [],
    }


def test_a_form_field_past_the_limit_is_a_413(client: Client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    response = client.post("/api/films/1/titles", {"text": "x" * (MB + 10)})
    assert response.status_code == 413
    assert _shape(response)["code"] == "too_large"


def test_the_limit_is_written_as_the_language_writes_numbers(client: Client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048 * MB
    for language, limit in (("en", "2,048"), ("ru", "2\xa0048")):
        response = client.generic(
            "POST",
            "/api/events/1/registrations",
            "{}",
            content_type="application/json",
            headers={"Accept-Language": language},
            CONTENT_LENGTH=str(2048 * MB + 1),
        )
        assert response.status_code == 413
        assert limit in response.json()["detail"]


def test_a_body_within_the_limit_is_read_as_before(client: Client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    response = client.post(
        "/api/events/999999/registrations", {"answers": {}}, content_type="application/json"
    )
    assert response.status_code in (401, 404)
