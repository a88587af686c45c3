"""The API's door answers in its one JSON error shape: a method the address does not accept (405, naming
the methods it does, with the Allow header), a body past the upload limit (413, naming the limit in MB as
the request's language writes numbers), and empty query values, which count as absent."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.festival.conftest import make_edition

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


# -- empty query values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/films?kind=",
        "/api/events?status=",
        "/api/events?status=&registration=&when=&kind=",
        "/api/search?q=kyz&type=",
        "/api/search?q=kyz&type=&year_from=&limit=",
        "/api/institutions?country=&kind=&q=",
        "/api/memoranda?year=",
        "/api/films?limit=&offset=",
    ],
)
def test_an_empty_filter_is_no_filter(client: Client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content


def test_an_empty_programme_filter_is_no_filter(client: Client):
    edition = make_edition()
    response = client.get(f"/api/festival/editions/{edition.number}/screenings?day=&venue=&section=")
    assert response.status_code == 200, response.content


def test_an_empty_value_beside_a_given_one_is_dropped(client: Client):
    response = client.get("/api/search?q=&q=kyz")
    assert response.status_code == 200, response.content


def test_an_empty_required_parameter_is_refused_by_name(client: Client):
    response = client.get("/api/search?q=&type=film")
    assert response.status_code == 422
    body = _shape(response)
    assert body["code"] == "invalid"
    assert body["errors"] == [{"field": "q", "message": "This field is required."}]


def test_a_wrong_filter_value_is_still_refused(client: Client):
    response = client.get("/api/events?status=nonsense")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["status"]


def test_a_page_form_past_the_limit_is_a_413_page_naming_it(client: Client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1 * MB
    response = client.post(
        "/kk/accounts/login/", {"username": "x", "password": "y" * (MB + 10)}, headers={"Accept": "text/html"}
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "<html" in page and "Сұраныс тым үлкен: ең көбі 1 МБ жіберуге болады." in page
