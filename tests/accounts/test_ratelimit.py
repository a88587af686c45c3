"""Rate limits on the API's writes and on API token creation (core/ratelimit.py, docs/deployment.md)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from korkyt.accounts.models import ApiToken
from korkyt.accounts.services import token_create
from korkyt.core import ratelimit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    cache.clear()  # the limits live in the cache: each test starts with none used
    fake = Clock()
    monkeypatch.setattr(ratelimit, "_clock", fake)
    return fake


def _session(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _create(client: Client, name: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.post("/api/tokens", {"name": name}, content_type=JSON, headers=headers)


@override_settings(KORKYT_RATE_API_WRITES="3/m", KORKYT_RATE_TOKENS="")
def test_the_fourth_write_in_a_minute_is_refused_and_writes_nothing(clock: Clock):
    owner = UserFactory(username="owner")
    client = _session(owner)
    for n in range(3):
        assert _create(client, f"t{n}").status_code == 201
    clock.now += 20
    response = _create(client, "t3")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "rate_limited"
    assert body["detail"] == "Too many requests; try again in 40 seconds."
    assert body["errors"] == [{"field": "__all__", "message": body["detail"]}]
    assert response["Retry-After"] == "40"
    assert ApiToken.objects.filter(user=owner).count() == 3
    # reads go on
    assert client.get("/api/tokens").status_code == 200
    # another user is not affected
    assert _create(_session(UserFactory(username="other")), "theirs").status_code == 201
    # the window passes
    clock.now += 41
    assert _create(client, "t3").status_code == 201
    assert ApiToken.objects.filter(user=owner).count() == 4


@override_settings(KORKYT_RATE_API_WRITES="2/m", KORKYT_RATE_TOKENS="")
def test_writes_with_an_api_token_are_counted_for_its_owner():
    owner = UserFactory(username="owner")
    _row, secret = token_create(user=owner, name="ci")
    rows = [token_create(user=owner, name=f"old{n}")[0] for n in range(3)]
    bearer = {"Authorization": f"Bearer {secret}"}
    assert Client().delete(f"/api/tokens/{rows[0].pk}", headers=bearer).status_code == 204
    # the session of the same user shares the count
    assert _session(owner).delete(f"/api/tokens/{rows[1].pk}").status_code == 204
    response = Client().delete(f"/api/tokens/{rows[2].pk}", headers=bearer)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    rows[2].refresh_from_db()
    assert rows[2].revoked_at is None


@override_settings(KORKYT_RATE_API_WRITES="2/m", KORKYT_RATE_TOKENS="")
def test_anonymous_writes_are_counted_per_address():
    def post(address: str, **headers: str) -> int:
        return (
            Client(REMOTE_ADDR=address).post("/api/films", {}, content_type=JSON, headers=headers).status_code
        )

    # refused for want of a sign-in (401, or 422 first for the empty body), but counted
    assert post("203.0.113.5") in (401, 422)
    assert post("203.0.113.5", Authorization="Bearer kt_wrong_guess") == 401  # a bad token counts per address
    assert post("203.0.113.5") == 429
    assert post("203.0.113.6") in (401, 422)


@override_settings(KORKYT_RATE_API_WRITES="", KORKYT_RATE_TOKENS="2/h")
def test_token_creation_is_limited_on_the_api_and_the_web_page_together(clock: Clock):
    owner = UserFactory(username="owner")
    client = _session(owner)
    assert _create(client, "a").status_code == 201
    assert client.post("/en/staff/tokens/", {"name": "b"}).status_code == 200
    response = _create(client, "c")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) == 3600
    page = client.post("/en/staff/tokens/", {"name": "d"})
    assert page.status_code == 429
    assert page["Retry-After"] == "3600"
    assert "Too many requests; try again in 3600 seconds." in page.content.decode()
    assert sorted(ApiToken.objects.filter(user=owner).values_list("name", flat=True)) == ["a", "b"]
    clock.now += 3601
    assert _create(client, "c").status_code == 201


@override_settings(KORKYT_RATE_API_WRITES="1/m", KORKYT_RATE_TOKENS="")
def test_pages_outside_the_api_are_not_counted():
    owner = UserFactory(username="owner")
    client = _session(owner)
    for name in ("a", "b"):
        assert client.post("/en/staff/tokens/", {"name": name}).status_code == 200
    assert ApiToken.objects.filter(user=owner).count() == 2
