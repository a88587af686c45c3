"""A reservation given back before it was paid owes nothing any more: the engine leaves it ``free`` (a paid
one is owed back, ``refund``), whatever gave it back (its holder, an organiser's refusal, an expired
offer, a cancelled event)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from korkyt.events import booking, services
from korkyt.events.models import Bookable, Event, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _priced(organiser: Any) -> Event:
    event = make_event(organiser, capacity=5)
    Bookable.objects.filter(pk=event.bookable_id).update(price=Decimal("1500"), currency="KZT")
    return Event.objects.get(pk=event.pk)


def test_an_unpaid_reservation_given_back_owes_nothing(organiser: Any) -> None:
    event = _priced(organiser)
    user = UserFactory()
    reg = services.registration_create(actor=user, event=event, answers=country_answer(event, "KZ"))
    assert reg.payment == "unpaid"
    client = Client()
    client.force_login(user)
    assert client.delete(f"/api/registrations/{reg.pk}").status_code == 204
    got = client.get(f"/api/registrations/{reg.pk}").json()
    assert (got["status"], got["payment"]) == ("cancelled", "free")
    # no price is left beside "free" (the person's data export read "payment: free, amount: 1500")
    assert (got["amount"], got["currency"]) == (None, "")
    exported = json.loads(client.get("/en/accounts/profile/export/").content)["event_registrations"]
    assert [(r["payment"], r["amount"]) for r in exported] == [("free", None)]
    with pytest.raises(booking.BookingError):
        booking.mark_paid(registration_id=reg.pk)


def test_a_cancelled_event_leaves_its_unpaid_reservations_owing_nothing(organiser: Any) -> None:
    event = _priced(organiser)
    reg = services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    services.event_transition(actor=organiser, event=event, name="cancel")
    assert Registration.objects.get(pk=reg.pk).payment == "free"


def test_reservations_given_back_before_keep_no_price_after_the_migration(organiser: Any) -> None:
    import importlib

    from django.apps import apps

    event = _priced(organiser)
    given_back = services.registration_create(
        actor=UserFactory(), event=event, answers=country_answer(event, "KZ")
    )
    held = services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    # as the engine left a reservation given back before it was paid: free, with its price
    Registration.objects.filter(pk=given_back.pk).update(status="cancelled", payment="free")
    migration = importlib.import_module("korkyt.events.migrations.0014_free_has_no_price")
    migration.forward(apps, None)
    rows = {r.pk: (r.payment, r.amount, r.currency) for r in Registration.objects.all()}
    assert rows[given_back.pk] == ("free", None, "")
    assert rows[held.pk] == ("unpaid", Decimal("1500.00"), "KZT")  # still to pay: untouched
