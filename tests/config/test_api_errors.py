"""The API's door answers in its one JSON error shape: a method the address does not accept is a 405 naming
the methods it does, with the Allow header."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


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
