"""How the API knows who is asking: a personal token (Bearer), else the browser session, else anonymous."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from korkyt.accounts.services import token_authenticate
from korkyt.core.actors import Actor


class TokenAuth(HttpBearer):
    """``Authorization: Bearer kt_…``; a wrong or revoked token is a 401, never a silent anonymous call."""

    openapi_description = "Personal API token created in the staff area (Authorization: Bearer kt_…)."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is None:
            raise AuthenticationError(401, _("The API token is not valid, expired or revoked."))
        request.user = user
        request.korkyt_token_auth = True  # type: ignore[attr-defined]
        return user


class SessionAuth(APIKeyCookie):
    """The browser session (with the CSRF check for writes)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


def anonymous(request: HttpRequest) -> Any:
    """Reads are public: a request without credentials goes on as anonymous."""
    if request.headers.get("Authorization"):
        raise AuthenticationError(401, _("Use 'Authorization: Bearer <token>'."))
    return AnonymousUser()


API_AUTH = [TokenAuth(), SessionAuth(), anonymous]


def by_token(request: HttpRequest) -> bool:
    """Whether the request was authenticated by an API token (not by the browser session)."""
    return bool(getattr(request, "korkyt_token_auth", False))


def actor(request: HttpRequest) -> Actor:
    """The user behind an API request (AnonymousUser when none)."""
    auth = getattr(request, "auth", None)
    return auth if auth is not None else AnonymousUser()
