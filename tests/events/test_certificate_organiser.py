"""A certificate of attendance names its organisers by their names in the certificate's language and
script (as the institution pages name them), never by their internal codes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Certificate
from korkyt.institutions.models import Institution
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_certificate_names_the_organiser_in_its_language(
    organiser: Any, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    centre = Institution.objects.get(code="KZ-SCSNC")
    centre.translations.all().delete()
    centre.translations.create(language="kk-Cyrl", name="Ұлттық кино орталығы")
    centre.translations.create(language="en", name="State Centre for National Cinema")
    event = make_event(organiser, capacity=5)
    pages: list[dict[str, Any]] = []
    from korkyt.events.services import certificates

    real = certificates.render_to_string

    def keep(template: str, context: dict[str, Any]) -> str:
        pages.append(context)
        return real(template, context)

    monkeypatch.setattr(certificates, "render_to_string", keep)
    people = {
        "kk-Cyrl": UserFactory(username="dana", first_name="Дана", language="kk", email="d@example.kz"),
        "kk-Latn": UserFactory(username="aigerim", first_name="Aigerim", language="kk", script="Latn"),
        "en": UserFactory(username="john", first_name="John", language="en", email="j@example.org"),
    }
    for user in people.values():
        reg = services.registration_create(actor=user, event=event, answers=country_answer(event, "KZ"))
        services.checkin(actor=organiser, event=event, code=reg.code)
    with django_capture_on_commit_callbacks(execute=True):
        services.certificates_issue(actor=organiser, event=event)
    assert Certificate.objects.count() == 3
    by_language = {page["lang"]: page["organisers"] for page in pages}
    assert by_language == {
        "kk-Cyrl": "Ұлттық кино орталығы",
        "kk-Latn": "Ūlttyq kino ortalyğy",
        "en": "State Centre for National Cinema",
    }
    assert not any("KZ-SCSNC" in page["organisers"] for page in pages)


def test_an_organiser_without_a_name_is_still_named_by_its_code(organiser: Any, client: Client) -> None:
    from korkyt.events.services.certificates import organiser_names

    event = make_event(organiser, capacity=5)
    Institution.objects.get(code="KZ-SCSNC").translations.all().delete()
    assert organiser_names(event, "en") == "KZ-SCSNC"
