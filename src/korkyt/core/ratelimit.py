"""Rate limits of the platform's own actions (API writes, token creation), on Django's cache.

The counting is django-allauth's (the one that already limits sign-up, password reset and failed sign-ins,
``ACCOUNT_RATE_LIMITS``): the same rate syntax (``"60/m"``, ``"10/h,3/m"``: amount / duration with
s, m, h or d), the same cache keys, lock and sliding window of hit timestamps. This module adds what the
platform needs around it: the limit is per user when one is known and per client IP otherwise, a refused hit
says how many seconds to wait (the ``Retry-After`` header), and the API's JSON error answer.

Rates come from settings read at call time (``KORKYT_RATE_API_WRITES``, ``KORKYT_RATE_TOKENS``); an empty
rate means no limit."""

from __future__ import annotations

import math
import time
from typing import Any

from allauth.core.internal.ratelimit import Rate, apply_rate, cache_lock, get_cache_key, parse_rates
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from korkyt.core.errors import error_body

APP = "korkyt"


def _clock() -> float:
    return time.time()


class RateLimited(Exception):
    """Too many hits of one action inside its window; ``retry_after`` is in whole seconds (at least 1)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(_("Too many requests; try again in %(seconds)d seconds.") % {"seconds": retry_after})
        self.retry_after = retry_after


def hit(request: HttpRequest, *, action: str, setting: str, user: Any = None) -> None:
    """Count one hit of ``action`` against the rates in ``settings.<setting>``, per ``user`` when given
    (an authenticated user), else per client IP. Raises RateLimited, recording nothing, when a rate is
    already used up."""
    rates = parse_rates(getattr(settings, setting, ""))
    if not rates:
        return
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    per = "user" if user is not None else "ip"
    keyed = [Rate(r.amount, r.duration, per) for r in rates]
    keys = [get_cache_key(request, app=APP, action=action, rate=r, user=user) for r in keyed]
    now = _clock()
    wait = 0.0
    for rate, key in zip(keyed, keys, strict=True):
        allowed, history = apply_rate(list(cache.get(key, [])), now, rate, dry_run=True)
        if not allowed:
            wait = max(wait, history[-1] + rate.duration - now)
    if wait > 0:
        raise RateLimited(max(1, math.ceil(wait)))
    for rate, key in zip(keyed, keys, strict=True):
        with cache_lock(key) as locked:
            if not locked:  # another worker holds the key a second: count the hit as refused
                raise RateLimited(1)
            allowed, history = apply_rate(list(cache.get(key, [])), now, rate)
            if not allowed:
                raise RateLimited(max(1, math.ceil(history[-1] + rate.duration - now)))
            cache.set(key, history, rate.duration)


def json_429(exc: RateLimited) -> JsonResponse:
    """The API's answer: the usual error shape with code ``rate_limited`` and the ``Retry-After`` header."""
    response = JsonResponse(
        error_body(str(exc), "rate_limited", [{"field": "__all__", "message": str(exc)}]), status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response
