"""How a page tells its user that something was refused: a service's refusal as the page's error messages
(after a redirect), or a page of its own with the status and the reason (a download that cannot be made, a
request the site cannot read). Every app's views use these two, so a refusal reads the same everywhere.

A message meant for one section of the next page (the redirect goes to its anchor, ``#characters``) carries
the section in its tags (:func:`section_tag`): the page shows it inside that section, where the reader
lands, with ``{% section_messages "characters" %}`` (``core/templatetags/feedback.py``), and the top of the
page leaves it out."""

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


def flash_refusal(
    request: HttpRequest, exc: ValidationError | PermissionDenied, *, section: str = ""
) -> None:
    """Each sentence of a service's refusal as an error message of the next page (of its ``section``)."""
    for message in refusal_messages(exc):
        messages.error(request, message, extra_tags=section_tag(section))


SECTION_PREFIX = "in-section-"


def section_tag(section: str) -> str:
    """The tag of a message shown inside the next page's section with id ``section`` ("" for none)."""
    return f"{SECTION_PREFIX}{section}" if section else ""


def section_of(message: object) -> str:
    """The section a message is meant for ("" when it belongs at the top of the page)."""
    for tag in str(getattr(message, "extra_tags", "") or "").split():
        if tag.startswith(SECTION_PREFIX):
            return tag[len(SECTION_PREFIX) :]
    return ""


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The site's error page: the status, the reason in the reader's language and a way home."""
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)
