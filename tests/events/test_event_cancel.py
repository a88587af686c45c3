"""Cancelling an event cancels every live registration (no seat passed on), tells each registrant in their
language with an ICS that removes the event (METHOD:CANCEL, STATUS:CANCELLED), and closes check-in,
registration and promotion."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.events import booking, services
from korkyt.events.models import Bookable, Event, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _ics(message: Any) -> str:
    (content,) = [a[1] for a in message.attachments if a[0].endswith(".ics")]
    return content.decode() if isinstance(content, bytes) else str(content)


def test_cancelling_an_event_cancels_and_tells_every_registrant(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=1)
    a = UserFactory(email="a@example.kz", language="en")
    b = UserFactory(email="b@example.kz", language="kk")
    ra = services.registration_create(actor=a, event=event, answers=country_answer(event, "KZ"))
    rb = services.registration_create(actor=b, event=event, answers=country_answer(event, "KZ"))
    assert (ra.status, rb.status) == ("confirmed", "waitlisted")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_transition(actor=organiser, event=Event.objects.get(pk=event.pk), name="cancel")
    assert {r.status for r in Registration.objects.all()} == {"cancelled"}
    assert Bookable.objects.get(pk=event.bookable_id).taken == 0
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"a@example.kz", "b@example.kz"}
    assert "Event cancelled" in by_to["a@example.kz"].subject
    assert "Дыбыс дизайны" in by_to["b@example.kz"].subject  # the event's title in their language
    for message in by_to.values():
        ics = _ics(message)
        assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics and "ORGANIZER" in ics


def test_a_cancelled_event_refuses_checkin_registration_and_promotion(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=1)
    a = UserFactory(email="a@example.kz")
    ra = services.registration_create(actor=a, event=event, answers=country_answer(event, "KZ"))
    services.event_transition(actor=organiser, event=Event.objects.get(pk=event.pk), name="cancel")
    cancelled = Event.objects.get(pk=event.pk)
    with pytest.raises(ValidationError):
        services.checkin(actor=organiser, event=cancelled, code=ra.code)
    with pytest.raises(booking.BookingError) as exc:
        services.registration_create(
            actor=UserFactory(), event=cancelled, answers=country_answer(event, "KZ")
        )
    assert exc.value.code == "not_published"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_cancel(actor=a, registration=Registration.objects.get(pk=ra.pk)) == []
    assert mail.outbox == []


def test_unpublishing_leaves_the_waiting_list_where_it_is(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    ra = services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    rb = services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    services.event_transition(actor=organiser, event=Event.objects.get(pk=event.pk), name="unpublish")
    assert services.registration_cancel(actor=organiser, registration=ra) == []
    assert Registration.objects.get(pk=rb.pk).status == "waitlisted"


def test_a_paid_booking_of_a_cancelled_event_is_owed_back(organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    Bookable.objects.filter(pk=event.bookable_id).update(price=Decimal("1000"), currency="KZT")
    paid = services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    booking.mark_paid(registration_id=paid.pk)
    services.event_transition(actor=organiser, event=Event.objects.get(pk=event.pk), name="cancel")
    assert Registration.objects.get(pk=paid.pk).payment == "refund"


def test_my_registrations_offers_no_cancel_for_a_cancelled_event(organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    a = UserFactory()
    reg = services.registration_create(actor=a, event=event, answers=country_answer(event, "KZ"))
    Event.objects.filter(pk=event.pk).update(status="cancelled")  # as a page read before the cancellation
    client = Client()
    client.force_login(a)
    page = client.get("/en/events/mine/").content.decode()
    assert reg.status == "confirmed" and "Cancel my registration" not in page
