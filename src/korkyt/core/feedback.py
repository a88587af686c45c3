"""How a page tells its user that something was refused: a service's refusal as the page's error messages
(after a redirect), or a page of its own with the status and the reason (a download that cannot be made, a
request the site cannot read). Every app's views use these two, so a refusal reads the same everywhere."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def refusal_messages(exc: ValidationError | PermissionDenied) -> list[str]:
    """The sentences of a refusal: each message of a ValidationError (of every field), or the text of a
    PermissionDenied, or, when it has none, that the user may not do this."""
    found = getattr(exc, "messages", None)
    if found:
        return [str(message) for message in found]
    return [str(exc) or _("You may not do this.")]


def flash_refusal(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    """Each sentence of a service's refusal as an error message of the next page."""
    for message in refusal_messages(exc):
        messages.error(request, message)


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The site's error page: the status, the reason in the reader's language and a way home."""
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)
