"""My registrations says when each event begins, in the event's time zone and the reader's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from korkyt.events import services
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_my_registrations_says_when_each_event_begins_in_its_time_zone(organiser: Any) -> None:
    event = make_event(organiser)  # 12 May 2027, 10:00 in Aktau (UTC+5)
    person = UserFactory(username="visitor")
    services.registration_create(actor=person, event=event, answers=country_answer(event, "KZ"))
    client = Client()
    client.force_login(person)
    with translation.override("ru"):
        page = client.get(reverse("events:my_registrations")).content.decode()
    assert '<time datetime="2027-05-12T10:00:00+05:00">' in page
    assert "12 мая 2027" in page and "10:00" in page and "(Asia/Aqtau)" in page
