"""NUL characters sent to the API in any body it reads as JSON, whatever the Content-Type says, and to pages
in form bodies whatever the case of their Content-Type: refused at the door (PostgreSQL cannot store NUL)."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from korkyt.accounts.services import token_create
from korkyt.core.middleware import RejectBadTextMiddleware
from korkyt.events.models import Registration
from korkyt.institutions.models import Institution
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Text may not contain NUL characters."


@pytest.fixture
def headers():
    kz = InstitutionFactory(code="KZ-A", country="KZ", website="https://kz.example")
    user = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _passes(request: HttpRequest) -> bool:
    """Whether the middleware lets the request through to the view (an API refusal is a 422 answer)."""
    reached: list[HttpRequest] = []

    def view(r: HttpRequest) -> HttpResponse:
        reached.append(r)
        return HttpResponse("ok")

    response = RejectBadTextMiddleware(view)(request)
    assert bool(reached) == (response.status_code == 200)
    return bool(reached)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (r'{"website": "https://a\\\u0000.kz"}', "application/json"),  # an escaped backslash, then \u0000
        (r'{"website": "https://a\\\\\\\u0000.kz"}', "application/json"),
        (r'{"website": "https://a\u0000.kz"}', "text/plain"),
        (r'{"website": "https://a\u0000.kz"}', "Application/JSON"),
        (r'{"website": "https://a\u0000.kz"}', ""),
        (r'{"website": "https://a\u0000.kz"}', "application/x-www-form-urlencoded"),
        (r'{"translations": [{"language": "en", "description": "x\u0000"}]}', "application/json"),
        (r'{"web\u0000site": "https://a.kz"}', "application/json"),
    ],
)
def test_the_api_refuses_a_json_nul_whatever_the_content_type(client: Client, headers, body, content_type):
    response = client.generic(
        "PATCH", "/api/institutions/KZ-A", body.encode(), content_type=content_type, headers=headers
    )
    assert response.status_code == 422, response.content
    answer = response.json()
    assert answer["code"] == "invalid" and answer["detail"] == MESSAGE
    assert Institution.objects.get(code="KZ-A").website == "https://kz.example"


@pytest.mark.parametrize(
    "body",
    [
        r'{"website": "https://a\\u0000.kz"}',  # the text "\u0000": an escaped backslash, then "u0000"
        r'{"website": "https://a\\\\u0000.kz"}',
        '{"website": "https://a.kz/\\\\"}',
        '{"website": 1e5, "is_public": null}',
    ],
)
def test_json_that_only_looks_like_a_nul_passes_the_door(body):
    request = RequestFactory().generic(
        "PATCH", "/api/institutions/KZ-A", body, content_type="application/json"
    )
    assert _passes(request)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json \\u0000", "application/json"),
        (b"[" * 100_000 + b"]" * 100_000, "application/json"),  # deeper than the JSON reader goes
        (b"\xff\xfe\x00garbage", "text/plain"),
        (b"", "application/json"),
    ],
)
def test_a_body_that_is_not_json_is_left_to_the_api(body, content_type):
    request = RequestFactory().generic("PATCH", "/api/institutions/KZ-A", body, content_type=content_type)
    assert _passes(request)


def test_a_deep_json_body_holding_a_nul_is_refused():
    body = ('{"a": ' + "[" * 500 + '"\\u0000"' + "]" * 500 + "}").encode()
    request = RequestFactory().generic("PATCH", "/api/x", body, content_type="text/plain")
    assert not _passes(request)


def test_an_api_upload_with_a_binary_file_passes_the_door():
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = RequestFactory().post(
        "/api/x", {"kind": "contract", "file": SimpleUploadedFile("a.bin", b"\x00")}
    )
    assert _passes(request)
    request = RequestFactory().post("/api/x", {"kind": "a\x00b"})
    assert not _passes(request)


@pytest.mark.parametrize(
    "content_type", ["Application/x-www-form-urlencoded", "APPLICATION/X-WWW-FORM-URLENCODED; charset=utf-8"]
)
def test_a_page_form_is_refused_whatever_the_case_of_its_content_type(client: Client, content_type):
    before = Registration.objects.count()
    response = client.post(
        "/en/events/1/register", "name=a%00b&email=x%40example.org", content_type=content_type
    )
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert Registration.objects.count() == before


def test_a_multipart_page_form_is_refused_whatever_the_case_of_its_content_type(client: Client):
    from django.test.client import BOUNDARY, encode_multipart

    before = Registration.objects.count()
    body = encode_multipart(BOUNDARY, {"name": "a\x00b", "email": "x@example.org"})
    response = client.post(
        "/en/events/1/register", body, content_type=f"Multipart/Form-Data; boundary={BOUNDARY}"
    )
    assert response.status_code == 400
    assert Registration.objects.count() == before
