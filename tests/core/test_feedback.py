"""core.feedback: a refusal reads the same on every page (each sentence an error message; a bare
PermissionDenied says the user may not do this, in their language), and the error page carries its status
and reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from korkyt.core.feedback import error_page, flash_refusal, refusal_messages


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_every_message_of_every_field_is_said():
    exc = ValidationError({"seats": ["Too many seats.", "Hold fewer back."], "room": ["No such room."]})
    assert sorted(refusal_messages(exc)) == ["Hold fewer back.", "No such room.", "Too many seats."]


def test_each_sentence_becomes_its_own_error_message():
    request = _request()
    flash_refusal(request, ValidationError(["The call is closed.", "The entry was withdrawn."]))
    shown = [(m.level_tag, str(m)) for m in get_messages(request)]
    assert shown == [("error", "The call is closed."), ("error", "The entry was withdrawn.")]


def test_a_permission_refusal_says_its_own_text():
    assert refusal_messages(PermissionDenied("Only the jury's president may do this.")) == [
        "Only the jury's president may do this."
    ]


def test_a_bare_permission_refusal_says_the_user_may_not_in_their_language():
    with translation.override("en"):
        english = refusal_messages(PermissionDenied())
    with translation.override("ru"):
        russian = refusal_messages(PermissionDenied())
    assert english == ["You may not do this."]
    assert russian != english and russian[0].strip()


@pytest.mark.django_db
def test_the_error_page_has_its_status_and_reason():
    request = RequestFactory().get("/en/anything")
    request.user = AnonymousUser()
    response = error_page(request, 400, "Unknown format “docx”: SRT, VTT.")
    assert response.status_code == 400
    text = response.content.decode()
    assert "<h1>400</h1>" in text
    assert "Unknown format “docx”: SRT, VTT." in text


@pytest.mark.django_db
def test_the_error_pages_way_home_stays_in_the_readers_language(client):
    """A Turkmen reader's 404 led "Go to the home page" to "/", which sends a browser without a language
    cookie to its Accept-Language (Russian, English): it leads to the home page in the page's language."""
    html = client.get("/tk/films/999999999/", headers={"Accept-Language": "ru"}).content.decode()
    assert "<h1>404</h1>" in html
    assert '<a href="/tk/">' in html and '<a href="/">' not in html
    with translation.override("uz"):
        request = RequestFactory().get("/uz/anything")
        request.user = AnonymousUser()
        assert '<a href="/uz/">' in error_page(request, 400, "No.").content.decode()
