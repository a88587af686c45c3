"""What django-axes counts a failed sign-in against (``AXES_USERNAME_CALLABLE``, ``AXES_CLIENT_IP_CALLABLE``).

The account: the sign-in form takes the username in any case or the email address (allauth's backend
finds the account either way), so the name typed is resolved to the account's own username first. Every
spelling of one account and its address share one counter; otherwise each spelling would get its own
``AXES_FAILURE_LIMIT`` guesses, and a locked account would open under another spelling.

The address: the client's, resolved the one way the platform resolves it everywhere, allauth's
(``allauth.core.internal.ratelimit.get_ip``, what its own rate limits and ``core.ratelimit`` count): the
adapter's ``get_client_ip``, ``X-Forwarded-For`` counted from the right by ``ALLAUTH_TRUSTED_PROXY_COUNT``
(``KORKYT_TRUSTED_PROXIES``) and ignored, ``REMOTE_ADDR`` taken, when no proxy is trusted; an IPv6 address
cut to its network (``ALLAUTH_RATE_LIMIT_IPV6_PREFIX``, /64), so that a client does not get a fresh counter
from each address of its own network."""

from __future__ import annotations

from typing import Any

from allauth.account.utils import filter_users_by_email
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from korkyt.accounts.models import User

_MEMO = "_korkyt_lockout_usernames"  # per request: axes asks several times for one attempt


def canonical_username(given: str) -> str:
    """The username of the account that ``given`` names: the username itself (exact, else the one account
    matching it case-insensitively), else the email address of exactly one account; otherwise ``given``
    lower-cased (an unknown name, or an address several accounts share, counts under one spelling)."""
    exact = User.objects.filter(username=given).values_list("username", flat=True).first()
    if exact is not None:
        return str(exact)
    matching = list(User.objects.filter(username__iexact=given).values_list("username", flat=True)[:2])
    if len(matching) == 1:
        return str(matching[0])
    if "@" in given:
        users = filter_users_by_email(given, prefer_verified=True)
        if len(users) == 1:
            return str(users[0].username)
    return given.lower()


def username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the account's username for what was typed (see canonical_username)."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    given: Any = None
    if credentials:
        given = credentials.get(field) or credentials.get("email")
    elif request is not None:
        given = getattr(request, "POST", {}).get(field)
    if not isinstance(given, str) or not given.strip():
        return given if isinstance(given, str) else None
    given = given.strip()
    memo: dict[str, str] = request.__dict__.setdefault(_MEMO, {}) if request is not None else {}
    if given not in memo:
        memo[given] = canonical_username(given)
    return memo[given]


def client_ip(request: HttpRequest) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the client's address as allauth's limits count it (see above)."""
    try:
        return str(get_ip(request))
    except PermissionDenied:  # no usable address at all: such requests share one counter
        return None
