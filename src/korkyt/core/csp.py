"""Content-Security-Policy on every answer (docs/deployment.md, "Content-Security-Policy").

Scripts and styles come only from the site's own files: no inline ``<script>`` (JSON-LD and JSON data
blocks are data, never run), no ``on…=`` handler attributes, no ``style=""`` attributes, no ``eval``. The
policy is ``settings.KORKYT_CSP`` (directive → sources); ``KORKYT_CSP_REPORT_ONLY=true`` sends it as
``Content-Security-Policy-Report-Only`` instead, to try a change on a live site first. A view that sets its
own policy keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"

DEFAULT_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Swagger UI's icons are data: URLs
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def header_value(policy: Mapping[str, Sequence[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        policy = getattr(settings, "KORKYT_CSP", DEFAULT_POLICY)
        self.value = header_value(policy)
        report_only = getattr(settings, "KORKYT_CSP_REPORT_ONLY", False)
        self.header = REPORT_ONLY_HEADER if report_only else HEADER

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response and REPORT_ONLY_HEADER not in response:
            response[self.header] = self.value
        return response
