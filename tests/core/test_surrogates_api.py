"""A lone UTF-16 surrogate sent to the API (only a JSON escape such as "\\ud800" can carry one) is refused at
the door, 422: a record holding one could be stored (as escaped JSON) but every page and export showing it
would fail. A surrogate pair is one character (an emoji) and passes."""

from __future__ import annotations

import json

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from korkyt.accounts.services import token_create
from korkyt.core.middleware import RejectBadTextMiddleware
from korkyt.institutions.models import Institution
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Text may not contain lone surrogates (U+D800 to U+DFFF): they are not valid Unicode."


def _passes(body: str, path: str = "/api/x") -> bool:
    reached: list[HttpRequest] = []

    def view(r: HttpRequest) -> HttpResponse:
        reached.append(r)
        return HttpResponse("ok")

    request = RequestFactory().generic("POST", path, body.encode(), content_type="application/json")
    response = RejectBadTextMiddleware(view)(request)
    assert bool(reached) == (response.status_code == 200)
    if not reached:
        assert response.status_code == 422 and json.loads(response.content)["detail"] == MESSAGE
    return bool(reached)


@pytest.mark.parametrize(
    "body",
    [
        r'{"text": "ab\ud800cd"}',
        r'{"text": "\udfff"}',
        r'{"text": "\ude00\ud83d"}',  # a pair the wrong way round is two lone halves
        r'{"answers": {"8": ["x", {"y": "\ud800"}]}}',
        r'{"k\ud800": 1}',
    ],
)
def test_a_lone_surrogate_anywhere_in_the_body_is_refused(body: str) -> None:
    assert not _passes(body)


@pytest.mark.parametrize(
    "body",
    [
        r'{"text": "\ud83d\ude00 Korkyt"}',  # one character: 😀
        r'{"text": "\\ud800"}',  # the text \ud800: an escaped backslash, then "ud800"
        '{"text": "Қорқыт Ата, Oʻzbekiston"}',
        "not json \\ud800",  # left to the API, which refuses it in its own words
    ],
)
def test_what_only_looks_like_a_surrogate_passes(body: str) -> None:
    assert _passes(body)


def test_the_api_refuses_it_and_keeps_nothing(client: Client) -> None:
    kz = InstitutionFactory(code="KZ-A", country="KZ", website="https://kz.example")
    user = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    headers = {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}
    body = r'{"translations": [{"language": "en", "description": "x\ud800y"}]}'
    response = client.generic("PATCH", "/api/institutions/KZ-A", body.encode(), headers=headers)
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [{"field": "__all__", "message": MESSAGE}]
    assert not Institution.objects.get(code="KZ-A").translations.filter(description__contains="x").exists()
    emoji = r'{"translations": [{"language": "en", "description": "x\ud83d\ude00y"}]}'
    response = client.generic("PATCH", "/api/institutions/KZ-A", emoji.encode(), headers=headers)
    assert response.status_code == 200, response.content
