"""The booking engine's seats per booking, held seats released at their time, prices with a payment
state, and resizing under the lock (korkyt.events.booking, on bare bookables)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from korkyt.events import booking
from korkyt.events.models import Bookable, Registration
from korkyt.events.tasks import release_held_seats
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _book(bookable: Bookable, seats: int = 1, user: Any = None) -> Registration:
    with transaction.atomic():
        return booking.book(bookable_id=bookable.pk, user=user or UserFactory(), seats=seats)


def _fresh(bookable: Bookable) -> Bookable:
    return Bookable.objects.get(pk=bookable.pk)


def test_a_booking_takes_several_seats_up_to_the_per_person_limit() -> None:
    bookable = Bookable.objects.create(capacity=5, per_person_limit=3)
    assert _book(bookable, 3).seats == 3
    assert _fresh(bookable).taken == 3
    for seats in (0, 4, -1):
        with pytest.raises(booking.BookingError) as err:
            _book(bookable, seats)
        assert err.value.code == "per_person_limit"
    # two seats are left: three go to the waiting list, two are confirmed
    assert _book(bookable, 3).status == "waitlisted"
    assert _book(bookable, 2).status == "confirmed"
    assert _fresh(bookable).taken == 5


def test_held_seats_are_not_for_sale_until_released_then_the_waiting_list_gets_them() -> None:
    soon = timezone.now() + dt.timedelta(hours=1)
    bookable = Bookable.objects.create(capacity=4, held=3, held_release_at=soon, per_person_limit=2)
    first = _book(bookable)
    assert first.status == "confirmed"
    waiting = [_book(bookable, 2), _book(bookable)]
    assert [r.status for r in waiting] == ["waitlisted", "waitlisted"]
    assert not booking.has_seat_for(_fresh(bookable), "")
    assert booking.held_release_due(now=soon - dt.timedelta(minutes=1)) == 0  # not yet
    assert booking.held_release_due(now=soon) == 1
    assert booking.held_release_due(now=soon) == 0  # idempotent: nothing held any more
    after = _fresh(bookable)
    assert (after.held, after.taken) == (0, 4)
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == ["confirmed", "confirmed"]


def test_the_waiting_list_skips_a_booking_too_big_for_the_freed_seats() -> None:
    bookable = Bookable.objects.create(capacity=2, per_person_limit=2)
    a, b = _book(bookable), _book(bookable)
    big, small = _book(bookable, 2), _book(bookable)
    with transaction.atomic():
        _, promoted = booking.cancel(registration_id=a.pk)
    assert [p.pk for p in promoted] == [small.pk]
    with transaction.atomic():
        booking.cancel(registration_id=b.pk)
    assert Registration.objects.get(pk=big.pk).status == "waitlisted"  # one seat free, two wanted
    with transaction.atomic():
        _, promoted = booking.cancel(registration_id=small.pk)
    assert [p.pk for p in promoted] == [big.pk]
    assert _fresh(bookable).taken == 2


def test_resize_never_goes_below_the_seats_taken_and_frees_seats_to_the_waiting_list() -> None:
    bookable = Bookable.objects.create(capacity=3, held=1)
    _book(bookable), _book(bookable)
    queued = _book(bookable)
    assert queued.status == "waitlisted"
    with pytest.raises(booking.BookingError) as err, transaction.atomic():
        booking.resize(bookable_id=bookable.pk, held=2)
    assert err.value.code == "below_taken"
    with transaction.atomic():
        _, promoted = booking.resize(bookable_id=bookable.pk, held=0)
    assert [p.pk for p in promoted] == [queued.pk]
    with pytest.raises(IntegrityError), transaction.atomic():  # the constraint backs the engine up
        Bookable.objects.filter(pk=bookable.pk).update(held=1)


def test_a_priced_booking_is_a_reservation_until_marked_paid() -> None:
    bookable = Bookable.objects.create(capacity=5, per_person_limit=2, price=Decimal("1500"), currency="KZT")
    reg = _book(bookable, 2)
    assert (reg.payment, reg.amount, reg.currency) == ("unpaid", Decimal("3000"), "KZT")
    with transaction.atomic():
        paid = booking.mark_paid(registration_id=reg.pk)
    assert paid.payment == "paid" and paid.paid_at is not None
    with transaction.atomic():
        assert booking.mark_paid(registration_id=reg.pk).paid_at == paid.paid_at  # idempotent
    free = _book(Bookable.objects.create(capacity=5))
    assert free.payment == "free"
    with pytest.raises(booking.BookingError) as err, transaction.atomic():
        booking.mark_paid(registration_id=free.pk)
    assert err.value.code == "not_payable"


def test_the_periodic_task_releases_due_held_seats() -> None:
    past = timezone.now() - dt.timedelta(minutes=5)
    due = Bookable.objects.create(capacity=4, held=2, held_release_at=past)
    later = Bookable.objects.create(capacity=4, held=2, held_release_at=timezone.now() + dt.timedelta(days=1))
    assert release_held_seats() == 1
    assert (_fresh(due).held, _fresh(later).held) == (0, 2)
