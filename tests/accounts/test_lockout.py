"""The sign-in lockout (django-axes; korkyt/accounts/lockout.py, docs/accounts.md): failures are counted
per account and client address (AXES_LOCKOUT_PARAMETERS [["username", "ip_address"]]), whatever spelling of
the username or the email address was typed, and the address is the one allauth resolves behind the trusted
proxies (KORKYT_TRUSTED_PROXIES), X-Forwarded-For ignored without them."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

from korkyt.accounts import lockout
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
LOGIN = "/en/accounts/login/"
LOCKED = "Too many failed sign-ins for this account from your address."


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    cache.clear()


@pytest.fixture
def editor():  # type: ignore[no-untyped-def]
    user = UserFactory(username="editor-tm", email="editor-tm@example.org")
    EmailAddress.objects.create(user=user, email="editor-tm@example.org", verified=True, primary=True)
    return user


def _sign_in(name: str, password: str, client: Client | None = None, forwarded: str = ""):  # type: ignore[no-untyped-def]
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return (client or Client()).post(LOGIN, {"username": name, "password": password}, headers=headers)


def _is_locked(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 429 and LOCKED in response.content.decode()


def _signed_in(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302


def test_failures_in_any_spelling_and_by_email_count_against_the_one_account(editor) -> None:  # type: ignore[no-untyped-def]
    assert settings.AXES_FAILURE_LIMIT == 5
    spellings = ["editor-tm", "EDITOR-TM", "Editor-Tm", "editor-tm@example.org", "EDITOR-TM@Example.ORG"]
    for name in spellings[:4]:
        response = _sign_in(name, "wrong password")
        assert response.status_code == 200, name  # the form again, not yet locked
    assert _is_locked(_sign_in(spellings[4], "wrong password"))
    # locked: the right password in any spelling, or by the address, is refused and signs no one in
    for name in spellings:
        client = Client()
        assert _is_locked(_sign_in(name, PASSWORD, client)), name
        assert client.get("/en/accounts/profile/").status_code == 302  # to the sign-in page
    # another account from the same address is not affected
    UserFactory(username="someone-else")
    assert _signed_in(_sign_in("Someone-Else", PASSWORD))


def test_a_success_in_one_spelling_clears_the_failures_of_all(editor) -> None:  # type: ignore[no-untyped-def]
    for name in ["EDITOR-TM", "editor-tm@example.org", "Editor-TM", "editor-tm"]:
        assert _sign_in(name, "wrong password").status_code == 200
    assert _signed_in(_sign_in("EDITOR-TM@EXAMPLE.ORG", PASSWORD))
    for name in ["EDITOR-TM", "editor-tm@example.org", "Editor-TM", "editor-tm"]:
        assert _sign_in(name, "wrong password").status_code == 200
    assert _signed_in(_sign_in("editor-tm", PASSWORD))


def test_an_unknown_name_counts_under_one_spelling() -> None:
    for name in ["Nobody", "NOBODY", "nobody", "noBody"]:
        assert _sign_in(name, "guess").status_code == 200
    assert _is_locked(_sign_in("NoBoDy", "guess"))


def test_the_account_is_resolved_by_username_in_any_case_then_by_a_unique_address(editor) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().post(LOGIN)
    assert lockout.username(request, {"username": "EDITOR-TM"}) == "editor-tm"
    assert lockout.username(request, {"username": " Editor-TM@example.org "}) == "editor-tm"
    assert lockout.username(request, {"email": "editor-tm@EXAMPLE.org"}) == "editor-tm"
    assert lockout.username(request, {"username": "Stranger"}) == "stranger"
    assert lockout.username(RequestFactory().post(LOGIN, {"username": "EDITOR-TM"}), None) == "editor-tm"
    # an address on the user row only (an account made by an administrator)
    UserFactory(username="Admin-Made", email="made@example.org")
    assert lockout.username(request, {"username": "MADE@example.org"}) == "Admin-Made"
    assert lockout.username(request, {"username": "admin-made"}) == "Admin-Made"
    # an address two accounts share is a counter of its own, not one of the accounts'
    UserFactory(username="twin-a", email="twins@example.org")
    UserFactory(username="twin-b", email="twins@example.org")
    assert lockout.username(request, {"username": "Twins@Example.org"}) == "twins@example.org"


# The address: ``["username", "ip_address"]`` promises that one address's failures lock the account for
# that address only. Behind nginx every request comes from 127.0.0.1; the client is in X-Forwarded-For.


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_failures_lock_the_account_for_the_forwarded_address_only(editor) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        assert _sign_in("editor-tm", "wrong", forwarded="10.0.0.1").status_code == 200
    assert _is_locked(_sign_in("EDITOR-TM", "wrong", forwarded="10.0.0.1"))
    assert _is_locked(_sign_in("editor-tm", PASSWORD, forwarded="10.0.0.1"))
    # what the client itself writes in front of the proxy's entry does not change its address
    assert _is_locked(_sign_in("editor-tm", PASSWORD, forwarded="10.0.0.7, 10.0.0.1"))
    # the same account from another client signs in
    assert _signed_in(_sign_in("editor-tm", PASSWORD, forwarded="10.0.0.2"))
    assert _signed_in(_sign_in("Editor-TM@example.org", PASSWORD, forwarded="10.0.0.1, 10.0.0.3"))
    # another account from the locked-out address signs in (the lock is of the pair)
    UserFactory(username="someone-else")
    assert _signed_in(_sign_in("someone-else", PASSWORD, forwarded="10.0.0.1"))
    assert (
        lockout.client_ip(RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.0.0.9, 10.0.0.4")) == "10.0.0.4"
    )


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(editor) -> None:  # type: ignore[no-untyped-def]
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    for _ in range(4):
        assert _sign_in("editor-tm", "wrong", forwarded="10.0.0.1").status_code == 200
    assert _is_locked(_sign_in("editor-tm", "wrong", forwarded="10.0.0.1"))
    # a made-up X-Forwarded-For does not make another client: the address is REMOTE_ADDR
    assert _is_locked(_sign_in("editor-tm", PASSWORD, forwarded="10.0.0.2"))
    assert lockout.client_ip(RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.0.0.2")) == "127.0.0.1"
    # another REMOTE_ADDR is another client
    assert _signed_in(_sign_in("editor-tm", PASSWORD, Client(REMOTE_ADDR="203.0.113.9")))


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_an_ipv6_client_is_its_network_as_for_the_other_limits(editor) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        _sign_in("editor-tm", "wrong", forwarded=f"2001:db8:0:7::{n + 1}")
    # another address of the same /64 is the same client; another network is another
    assert _is_locked(_sign_in("editor-tm", PASSWORD, forwarded="2001:db8:0:7:abcd::9"))
    assert _signed_in(_sign_in("editor-tm", PASSWORD, forwarded="2001:db8:0:8::1"))


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1, KORKYT_RATE_API_WRITES="1/m", KORKYT_RATE_TOKENS="")
def test_the_platform_rate_limits_take_the_same_forwarded_address() -> None:
    def post(forwarded: str) -> int:
        return (
            Client()
            .post("/api/films", {}, content_type="application/json", headers={"X-Forwarded-For": forwarded})
            .status_code
        )

    assert post("10.0.0.1") in (401, 422)
    assert post("10.0.0.7, 10.0.0.1") == 429
    assert post("10.0.0.2") in (401, 422)
