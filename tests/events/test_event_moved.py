"""Moving a published event (a session's times, a room, the venue) tells everyone holding or waiting for
a seat, in their language, with the updated ICS; a new first start brings a new reminder before it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from korkyt.events import services
from korkyt.events.models import Event
from korkyt.events.services import SessionData
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 5, 12, 5, 0, tzinfo=dt.UTC)  # make_event: 10:00 in Aktau


def _moved(event: Event, days: int = 0, **change: Any) -> dict[str, Any]:
    spec = vars(services.event_spec(Event.objects.get(pk=event.pk)))
    s = spec["sessions"][0]
    later = s.starts_at + dt.timedelta(days=days)
    spec["sessions"] = [SessionData(id=s.id, starts_at=later, ends_at=later + dt.timedelta(hours=3))]
    return {**spec, **change}


def test_moving_an_event_tells_the_registrants_with_the_new_calendar(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=1)
    earlier = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    Event.objects.filter(pk=event.pk).update(updated_at=earlier)  # the ICS mailed before the move
    services.registration_create(
        actor=UserFactory(email="a@example.kz", language="en"),
        event=event,
        answers=country_answer(event, "KZ"),
    )
    services.registration_create(
        actor=UserFactory(email="b@example.kz", language="kk"),
        event=event,
        answers=country_answer(event, "KZ"),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(actor=organiser, event=Event.objects.get(pk=event.pk), **_moved(event, days=1))
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"a@example.kz", "b@example.kz"}
    assert by_to["a@example.kz"].subject.startswith("Changed:")
    assert "Дыбыс дизайны" in by_to["b@example.kz"].subject
    (ics,) = [a[1] for a in by_to["a@example.kz"].attachments if a[0].endswith(".ics")]
    text = ics.decode() if isinstance(ics, bytes) else ics
    assert "METHOD:REQUEST" in text and "DTSTART;TZID=Asia/Aqtau:20270513T100000" in text
    sequence = int(text.split("SEQUENCE:")[1].split()[0])
    assert sequence > int(earlier.timestamp())  # the calendar replaces the entry it keeps


def test_an_edit_that_moves_nothing_tells_nobody(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=5)
    services.registration_create(
        actor=UserFactory(email="a@example.kz"), event=event, answers=country_answer(event, "KZ")
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            actor=organiser, event=Event.objects.get(pk=event.pk), **_moved(event, titles={"en": "New title"})
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            actor=organiser, event=Event.objects.get(pk=event.pk), **_moved(event, venue="Aktau hall")
        )
    assert [m.to for m in mail.outbox] == [["a@example.kz"]]


def test_a_new_first_start_brings_a_new_reminder(organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    services.registration_create(
        actor=UserFactory(email="a@example.kz"), event=event, answers=country_answer(event, "KZ")
    )
    assert services.reminders_send(now=START - dt.timedelta(hours=20)) == 1
    services.event_update(actor=organiser, event=Event.objects.get(pk=event.pk), **_moved(event, days=7))
    later = START + dt.timedelta(days=7)
    assert services.reminders_send(now=later - dt.timedelta(hours=20)) == 1
