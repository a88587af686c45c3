"""Real concurrency: threads, each on its own database connection, race for few seats; and cancellations
race each other. Runs on SQLite (a file database) and, with DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from korkyt.events import services
from korkyt.events.booking import BookingError
from korkyt.events.models import Bookable, Quota, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory
from tests.races import need_shared_database, run_together, unblock_flush_on_postgresql  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COUNTRIES = ["KZ", "AZ", "KG", "TM", "TR", "UZ"]


def test_forty_people_racing_for_ten_seats_with_quotas_give_exactly_ten_confirmed(organiser: Any) -> None:
    need_shared_database()
    event = make_event(organiser, capacity=10, per_country_limit=2)
    people = [(UserFactory(username=f"racer{i}"), COUNTRIES[i % len(COUNTRIES)]) for i in range(40)]

    def job(user: Any, country: str) -> Callable[[], Any]:
        return lambda: services.registration_create(
            actor=user, event=event, answers=country_answer(event, country)
        )

    results = run_together([job(u, c) for u, c in people])
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    statuses = Counter(r.status for r in results)
    assert statuses == {"confirmed": 10, "waitlisted": 30}
    confirmed = Counter(
        Registration.objects.filter(bookable=event.bookable_id, status="confirmed").values_list(
            "country", flat=True
        )
    )
    assert max(confirmed.values()) <= 2
    assert Bookable.objects.get(pk=event.bookable_id).taken == 10
    for quota in Quota.objects.filter(bookable=event.bookable_id):
        assert quota.used == confirmed.get(quota.country, 0)
    positions = sorted(Registration.objects.filter(status="waitlisted").values_list("position", flat=True))
    assert positions == list(range(1, 31))


def test_racing_registrations_without_a_waiting_list_refuse_the_rest_as_full(organiser: Any) -> None:
    need_shared_database()
    event = make_event(organiser, capacity=3, waitlist=False)
    users = [UserFactory(username=f"nowait{i}") for i in range(12)]
    results = run_together(
        [
            lambda u=u: services.registration_create(
                actor=u, event=event, answers=country_answer(event, "KZ")
            )
            for u in users
        ]
    )
    assert sum(isinstance(r, Registration) and r.status == "confirmed" for r in results) == 3
    assert all(
        isinstance(r, BookingError) and r.code == "full" for r in results if not isinstance(r, Registration)
    )


def test_one_person_registering_from_several_tabs_at_once_gets_one_registration(organiser: Any) -> None:
    need_shared_database()
    event = make_event(organiser, capacity=3)
    user = UserFactory(username="tabs")
    results = run_together(
        [lambda: services.registration_create(actor=user, event=event, answers=country_answer(event, "KZ"))]
        * 6
    )
    assert sum(isinstance(r, Registration) for r in results) == 1
    assert Registration.objects.filter(user=user).count() == 1
    assert all(r.code == "already_registered" for r in results if isinstance(r, BookingError))


def test_racing_cancellations_promote_each_freed_seat_exactly_once_in_waiting_list_order(
    organiser: Any,
) -> None:
    need_shared_database()
    event = make_event(organiser, capacity=6)
    regs = [
        services.registration_create(
            actor=UserFactory(username=f"c{i}"), event=event, answers=country_answer(event, COUNTRIES[i % 6])
        )
        for i in range(16)
    ]
    confirmed = [r for r in regs if r.status == "confirmed"]
    waiting = [r for r in regs if r.status == "waitlisted"]
    assert (len(confirmed), len(waiting)) == (6, 10)
    # four seats freed at once, each cancellation sent twice (double click, retry)
    leaving = confirmed[:4]
    results = run_together(
        [lambda r=r: services.registration_cancel(actor=r.user, registration=r) for r in leaving * 2]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    promoted_ids = [p.pk for batch in results for p in batch]
    assert len(promoted_ids) == len(set(promoted_ids)) == 4
    assert set(promoted_ids) == {r.pk for r in waiting[:4]}  # the first four in line, nobody twice
    assert Registration.objects.filter(bookable=event.bookable_id, status="confirmed").count() == 6
    assert Bookable.objects.get(pk=event.bookable_id).taken == 6


def _book_seats(bookable_id: int, user: Any, seats: int) -> Registration:
    from django.db import transaction

    from korkyt.events import booking

    with transaction.atomic():
        return booking.book(bookable_id=bookable_id, user=user, seats=seats)


def test_bookings_of_several_seats_racing_with_held_seats_never_overbook() -> None:
    need_shared_database()
    bookable = Bookable.objects.create(capacity=12, held=4, per_person_limit=3)  # 8 seats for sale
    people = [(UserFactory(username=f"group{i}"), 1 + i % 3) for i in range(16)]
    results = run_together([lambda u=u, n=n: _book_seats(bookable.pk, u, n) for u, n in people])
    assert not [r for r in results if isinstance(r, Exception)]
    taken = sum(r.seats for r in results if r.status == "confirmed")
    after = Bookable.objects.get(pk=bookable.pk)
    assert taken == after.taken <= 8 and after.held == 4
    assert taken >= 6  # 8 seats for groups of at most 3: at most 2 left unsold at the end


def test_the_release_of_held_seats_racing_with_cancellations_gives_each_seat_once() -> None:
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from korkyt.events import booking

    need_shared_database()
    now = timezone.now()
    bookable = Bookable.objects.create(capacity=6, held=3, held_release_at=now)  # 3 for sale
    regs = [_book_seats(bookable.pk, UserFactory(username=f"h{i}"), 1) for i in range(10)]
    confirmed = [r for r in regs if r.status == "confirmed"]
    assert len(confirmed) == 3

    def cancel(pk: int) -> Any:
        with transaction.atomic():
            return booking.cancel(registration_id=pk, now=now)

    jobs: list[Callable[[], Any]] = [lambda: booking.held_release_due(now=now + dt.timedelta(seconds=1))] * 3
    jobs += [lambda pk=r.pk: cancel(pk) for r in confirmed[:2]]
    results = run_together(jobs)
    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(r for r in results[:3]) == [0, 0, 1]  # released once
    after = Bookable.objects.get(pk=bookable.pk)
    assert (after.held, after.taken) == (0, 6)
    held = Registration.objects.filter(bookable=bookable, status="confirmed")
    assert held.count() == 6 and sum(held.values_list("seats", flat=True)) == 6


def test_box_office_sales_racing_online_registrations_never_overbook(organiser: Any) -> None:
    """Walk-ins sold at the door (no account, 2 seats each) race people registering online for 6 seats:
    the same lock and conditional update, so never more than 6 seats go; a sale that finds too few seats
    is refused (no waiting list at the door) and online registrations queue on the waiting list."""
    need_shared_database()
    event = make_event(organiser, capacity=6)
    users = [UserFactory(username=f"online{i}") for i in range(4)]
    online = [
        lambda u=u: services.registration_create(actor=u, event=event, answers=country_answer(event, "KZ"))
        for u in users
    ]
    door = [
        lambda i=i: services.box_office_sale(
            actor=organiser, bookable_id=event.bookable_id, seats=2, paid=True, name=f"walk-in {i}"
        )
        for i in range(4)
    ]
    results = run_together(online + door)
    assert [r for r in results if not isinstance(r, Registration | BookingError)] == []
    assert all(r.code == "full" for r in results if isinstance(r, BookingError))
    held = Registration.objects.filter(bookable=event.bookable_id, status="confirmed")
    seats = sum(held.values_list("seats", flat=True))
    assert seats == Bookable.objects.get(pk=event.bookable_id).taken <= 6
    assert seats >= 5  # the seats went: at most one seat stays free (a 2-seat sale cannot take it)
    sold = [r for r in results[4:] if isinstance(r, Registration)]
    assert all(r.user_id is None and r.status == "confirmed" for r in sold)
    waiting = Registration.objects.filter(bookable=event.bookable_id, status="waitlisted").count()
    assert waiting + sum(r.status == "confirmed" for r in results[:4] if isinstance(r, Registration)) == 4
