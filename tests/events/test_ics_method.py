"""The ICS mailed with a notice carries an iTIP method: REQUEST for a seat (and a reminder), CANCEL for a
seat given back, which removes the entry; the page's download carries none."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 5, 12, 5, 0, tzinfo=dt.UTC)  # make_event: 10:00 in Aktau


def _ics(message: Any) -> str:
    (content,) = [a[1] for a in message.attachments if a[0].endswith(".ics")]
    return content.decode() if isinstance(content, bytes) else str(content)


def test_a_seat_comes_with_a_request_and_a_seat_given_back_with_a_cancel(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=5)
    person = UserFactory(email="a@example.kz")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reg = services.registration_create(actor=person, event=event, answers=country_answer(event, "KZ"))
    confirmed = _ics(mail.outbox[-1])
    assert "METHOD:REQUEST" in confirmed and "ATTENDEE:mailto:a@example.kz" in confirmed
    assert "STATUS:CANCELLED" not in confirmed
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=START - dt.timedelta(hours=20)) == 1
    assert "METHOD:REQUEST" in _ics(mail.outbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=person, registration=Registration.objects.get(pk=reg.pk))
    given_back = _ics(mail.outbox[-1])
    assert "METHOD:CANCEL" in given_back and "STATUS:CANCELLED" in given_back
    download = Client().get(f"/en/events/{event.pk}/event.ics").content.decode()
    assert "METHOD" not in download and "ATTENDEE" not in download
