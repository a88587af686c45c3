"""Messages meant for a section of the next page (core.feedback.section_tag) are shown inside it by
``{% section_messages %}`` — successes in a status region, refusals in an alert — and left out of the top
of the page, which keeps every other message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.template import engines
from django.test import RequestFactory

from korkyt.core.feedback import flash_refusal, section_of, section_tag


def _request():  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


PAGE = (
    "{% load feedback %}<top>{% for m in messages|outside_sections %}[{{ m }}]{% endfor %}</top>"
    '<section id="partners">{% section_messages "partners" %}</section>'
    '<section id="elements">{% section_messages "elements" %}</section>'
)


def _render(request) -> str:  # type: ignore[no-untyped-def]
    template = engines["django"].from_string(PAGE)
    return template.render({"messages": messages.get_messages(request)}, request)


def test_a_section_shows_its_messages_and_the_top_the_others():
    request = _request()
    messages.success(request, "Saved.", extra_tags=section_tag("partners"))
    flash_refusal(request, ValidationError({"name": ["Give a name."]}), section="elements")
    messages.info(request, "Welcome back.")
    html = _render(request)
    assert "<top>[Welcome back.]</top>" in html
    partners = html[html.index('<section id="partners">') : html.index('<section id="elements">')]
    assert '<ul class="messages" role="status"><li class="success">Saved.</li></ul>' in partners
    elements = html[html.index('<section id="elements">') :]
    assert '<ul class="messages" role="alert"><li class="error">Give a name.</li></ul>' in elements
    assert 'role="status"' not in elements


def test_a_message_without_a_section_belongs_at_the_top():
    request = _request()
    messages.success(request, "Saved.")
    flash_refusal(request, ValidationError("No."))
    assert [section_of(m) for m in messages.get_messages(request)] == ["", ""]
    assert section_tag("") == ""
    html = _render(request)
    assert "<top>[Saved.][No.]</top>" in html and "<ul" not in html


def test_no_messages_in_the_context_draws_nothing():
    template = engines["django"].from_string(
        "{% load feedback %}<top>{{ messages|outside_sections|length }}</top>"
    )
    assert template.render({}) == "<top>0</top>"
