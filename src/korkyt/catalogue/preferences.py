"""The viewer's preferred script for Kazakh and Uzbek titles: a cookie set by the switch in the header
(``?script=`` on an API call overrides it)."""

from __future__ import annotations

from django.http import HttpRequest

SCRIPT_COOKIE = "korkyt_script"
SCRIPTS = ("Cyrl", "Latn")


def preferred_script(request: HttpRequest) -> str | None:
    value = request.GET.get("script") or request.COOKIES.get(SCRIPT_COOKIE) or ""
    value = value.strip().title()
    return value if value in SCRIPTS else None
