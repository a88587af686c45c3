"""The API's write limit: POST, PUT, PATCH and DELETE under ``/api/`` are counted per user (the API token's
owner or the signed-in session's user) or per client IP when anonymous, against
``settings.KORKYT_RATE_API_WRITES``; past it the answer is 429 in the API's error shape with ``Retry-After``,
before the endpoint runs (nothing is written)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from korkyt.accounts.services import token_authenticate
from korkyt.core.ratelimit import RateLimited, hit, json_429

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _writer(request: HttpRequest) -> Any:
    """Who writes: the valid Bearer token's user, else the session's user, else None (per IP)."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, raw = header.partition(" ")
    if scheme.lower() == "bearer" and raw.strip():
        return token_authenticate(raw.strip())  # a wrong token is counted per IP (guessing is limited too)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class ApiWriteRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in WRITES and request.path.startswith("/api/"):
            try:
                hit(request, action="api_write", setting="KORKYT_RATE_API_WRITES", user=_writer(request))
            except RateLimited as exc:
                return json_429(exc)
        return self.get_response(request)
