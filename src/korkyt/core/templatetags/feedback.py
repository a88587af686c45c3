"""The messages of a request where the reader lands: ``{% section_messages "characters" %}`` inside the
section a redirect's anchor targets shows the messages meant for it (``core.feedback.section_tag``),
successes in a status region and refusals in an alert; ``messages|outside_sections`` are the others, which
the base template shows at the top of the page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.contrib.messages import constants, get_messages

from korkyt.core.feedback import section_of

register = template.Library()


@register.filter
def outside_sections(messages: Iterable[Any] | str | None) -> list[Any]:
    if not messages or isinstance(messages, str):  # no messages in the context ("")
        return []
    return [m for m in messages if not section_of(m)]


@register.inclusion_tag("core/_section_messages.html", takes_context=True)
def section_messages(context: template.Context, section: str) -> dict[str, Any]:
    request = context.get("request")
    found = [m for m in get_messages(request) if section_of(m) == section] if request is not None else []
    return {
        "done": [m for m in found if m.level < constants.ERROR],
        "refused": [m for m in found if m.level >= constants.ERROR],
    }
