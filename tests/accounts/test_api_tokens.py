"""API tokens are created from a signed-in browser session, never with another token."""

from __future__ import annotations

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from korkyt.accounts.models import ApiToken
from korkyt.accounts.services import token_create, token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _csrf_session(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    request = RequestFactory().get("/")
    token = get_token(request)
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    return client, token


def test_a_token_cannot_create_a_token():
    user = UserFactory(username="owner")
    _row, secret = token_create(user=user, name="ci")
    client = Client()
    response = client.post(
        "/api/tokens",
        {"name": "child", "expires_in_days": None},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "browser session" in response.json()["detail"]
    assert list(ApiToken.objects.filter(user=user).values_list("name", flat=True)) == ["ci"]


def test_a_token_sent_beside_a_session_still_cannot_create_a_token():
    user = UserFactory(username="owner")
    _row, secret = token_create(user=user, name="ci")
    client = Client()
    client.force_login(user)
    response = client.post(
        "/api/tokens",
        {"name": "child"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 403
    assert ApiToken.objects.filter(user=user).count() == 1


def test_the_signed_in_session_creates_a_token_that_works_until_revoked():
    user = UserFactory(username="owner")
    client, csrf = _csrf_session(user)
    response = client.post(
        "/api/tokens", {"name": "laptop"}, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert response.status_code == 201, response.content
    secret = response.json()["token"]
    bearer = {"Authorization": f"Bearer {secret}"}
    assert Client().get("/api/me", headers=bearer).json()["username"] == "owner"
    token_revoke(token=ApiToken.objects.get(user=user, name="laptop"))
    assert Client().get("/api/me", headers=bearer).status_code == 401


def test_the_session_needs_its_csrf_token_to_create_a_token():
    user = UserFactory(username="owner")
    client, _csrf = _csrf_session(user)
    response = client.post("/api/tokens", {"name": "laptop"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not ApiToken.objects.filter(user=user).exists()


def test_a_token_may_still_list_and_revoke_its_owners_tokens():
    user = UserFactory(username="owner")
    row, secret = token_create(user=user, name="ci")
    bearer = {"Authorization": f"Bearer {secret}"}
    assert [t["name"] for t in Client().get("/api/tokens", headers=bearer).json()] == ["ci"]
    assert Client().delete(f"/api/tokens/{row.pk}", headers=bearer).status_code == 204
