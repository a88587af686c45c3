"""Real concurrency on a screening's tickets: threads on their own connections race for the seats of a
small room through the events booking engine (the harness of tests/races.py, as tests/events/test_races.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest

from korkyt.events.booking import BookingError
from korkyt.events.models import Bookable, Registration
from korkyt.festival.models import Submission
from korkyt.festival.programme import services, tickets, venues
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory
from tests.races import need_shared_database, run_together, unblock_flush_on_postgresql  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_twenty_people_racing_for_a_small_room_never_overbook(grid: Any, staff: Any) -> None:
    need_shared_database()
    small = venues.rooms_of(grid)[1]
    starts = dt.datetime.combine(grid.starts_on, dt.time(18, 0), dt.UTC)
    screening = Screening.objects.create(
        edition=grid,
        submission=Submission.objects.filter(section__edition=grid).first(),
        room=small,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=96),
        kind="public",
    )
    services.publish(actor=staff, edition=grid)
    screening.refresh_from_db()
    people = [UserFactory(username=f"viewer{i}") for i in range(20)]
    results = run_together([lambda u=u: tickets.book(screening=screening, user=u) for u in people])
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, BookingError)]
    statuses = Counter(r.status for r in results if isinstance(r, Registration))
    assert statuses == {"confirmed": small.seats, "waitlisted": 20 - small.seats}
    assert Bookable.objects.get(pk=screening.bookable_id).taken == small.seats


def test_one_person_booking_two_screenings_of_a_day_at_once_keeps_the_day_limit(
    grid: Any,
    staff: Any,
) -> None:
    need_shared_database()
    rooms = venues.rooms_of(grid)
    starts = dt.datetime.combine(grid.starts_on, dt.time(15, 0), dt.UTC)
    subs = list(Submission.objects.filter(section__edition=grid)[:2])
    screenings = [
        Screening.objects.create(
            edition=grid,
            submission=sub,
            room=room,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=96),
            kind="public",
        )
        for sub, room in zip(subs, rooms, strict=True)
    ]
    tickets.policy_set(
        actor=staff,
        edition=grid,
        per_person=2,
        per_day=2,
        held_release_min=60,
        currency="KZT",
        section_prices={},
    )
    services.publish(actor=staff, edition=grid)
    for s in screenings:
        s.refresh_from_db()
    person = UserFactory(username="greedy")
    jobs = [lambda s=s: tickets.book(screening=s, user=person, seats=2) for s in screenings] * 2
    results = run_together(jobs)
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, BookingError)]
    held = Registration.objects.filter(user=person).exclude(status="cancelled")
    assert held.count() == 1 and held.get().seats == 2
    codes = {r.code for r in results if isinstance(r, BookingError)}
    assert codes <= {"day_limit", "already_registered"} and "day_limit" in codes
