"""Content-Security-Policy on every answer (django-csp; docs/deployment.md, "Content-Security-Policy").

Scripts and styles come only from the site's own files: no inline ``<script>`` (JSON-LD and JSON data
blocks are data, never run), no ``on…=`` handler attributes, no ``style=""`` attributes, no ``eval``.
``KORKYT_CSP_REPORT_ONLY=true`` sends the policy as ``Content-Security-Policy-Report-Only`` instead, to try a
change on a live site first. A view that sets its own policy keeps it (django-csp never overwrites one).
"""

from __future__ import annotations

from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF

__all__ = ["DIRECTIVES", "HEADER", "HEADER_REPORT_ONLY", "policies"]

DIRECTIVES: dict[str, list[str]] = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],  # Swagger UI's icons are data: URLs
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}


def policies(report_only: bool) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """django-csp's ``CONTENT_SECURITY_POLICY`` and ``CONTENT_SECURITY_POLICY_REPORT_ONLY``: the policy
    enforced, or only reported."""
    policy = {"DIRECTIVES": {name: list(sources) for name, sources in DIRECTIVES.items()}}
    return (None, policy) if report_only else (policy, None)
