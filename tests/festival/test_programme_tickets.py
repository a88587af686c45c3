"""Tickets of the programme: the edition's ticket policy (seats per person and day, prices per section,
when held seats go on sale), a screening's held seats and price, paying at the box office; venues and rooms
edited and deleted; several unavailable times per guest; the personal ICS after a move. Each through its
service and the grid page (staff only: 404 for everyone else), with the audit log of staff decisions."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from korkyt.core.models import AuditEntry
from korkyt.events import booking
from korkyt.events.models import Bookable, CalendarFeed, Registration
from korkyt.festival.models import Submission
from korkyt.festival.programme import guests, services, stars, tickets, venues
from korkyt.festival.programme.models import Room, Screening, ScreeningGuest, Venue
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def planned(grid: Any) -> Any:
    services.propose(edition_id=grid.pk, time_limit=5)
    return grid


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _actions(action: str) -> int:
    return AuditEntry.objects.filter(action_type=action).count()


def test_policy_from_the_grid_page_prices_sections_and_limits_seats(planned: Any, staff: Any) -> None:
    url = reverse("festival:grid", args=[planned.number])
    client = _client(staff)
    page = client.get(url)
    assert page.status_code == 200 and b'value="policy"' in page.content
    assert b"No online payment" in page.content
    form = {
        "action": "policy",
        "per_person": "3",
        "per_day": "",
        "held_release_min": "90",
        "currency": "kzt",
        "price_feature": "1500",
    }
    assert client.post(url, form).status_code == 302
    policy = tickets.policy_of(planned)
    assert (policy.per_person, policy.per_day, policy.currency) == (3, None, "KZT")
    assert policy.section_prices == {"feature": "1500.00"}
    assert _actions("festival.tickets.policy") == 1
    for bad, reason in (
        ({"per_person": "0"}, "between 1 and 20 tickets"),
        ({"currency": "tenge"}, "three-letter code"),
        ({"price_feature": "cheap"}, "price as a number"),
        ({"per_day": "x"}, "whole number"),
    ):
        response = client.post(url, {**form, **bad})
        assert response.status_code == 400 and reason in response.content.decode(), bad
        field = next(iter(bad))
        assert response.context["refused"].form.has_error(field), bad  # the reason under its field
        assert f'value="{bad[field]}"' in response.content.decode(), bad  # as typed
    assert tickets.policy_of(planned).per_person == 3  # nothing half-saved
    assert _client(UserFactory()).post(url, form).status_code == 404
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").select_related("bookable").first()
    bookable = public.bookable
    assert (bookable.price, bookable.currency, bookable.per_person_limit) == (Decimal("1500"), "KZT", 3)
    assert bookable.held_release_at == public.starts_at - dt.timedelta(minutes=90)
    visitor = UserFactory()
    programme = _client(visitor).get(reverse("festival:public_programme", args=[planned.number]))
    assert b"1,500 KZT a ticket" in programme.content and b'name="seats"' in programme.content
    response = _client(visitor).post(
        reverse("festival:screening_book", args=[public.pk]), {"seats": "2"}, follow=True
    )
    assert "pay 3,000 KZT at the box office" in response.content.decode()  # grouped, no empty cents
    reg = Registration.objects.get(user=visitor)
    assert (reg.seats, reg.payment, reg.amount) == (2, "unpaid", Decimal("3000"))
    refused = _client(UserFactory()).post(
        reverse("festival:screening_book", args=[public.pk]), {"seats": "9"}, follow=True
    )
    assert "Book between 1 and 3 seats" in refused.content.decode()
    assert (
        _client(UserFactory())
        .post(reverse("festival:screening_book", args=[public.pk]), {"seats": "two"})
        .status_code
        == 302
    )
    # the ticket page says what to pay; staff record the payment at check-in
    ticket = _client(visitor).get(reverse("festival:screening_ticket", args=[reg.pk])).content.decode()
    assert "To pay: 3,000 KZT" in ticket and "no online payment" in ticket
    checkin = reverse("festival:screening_checkin", args=[public.pk])
    shown = _client(staff).post(checkin, {"code": reg.code}).content.decode()
    assert "Not paid yet: 3,000 KZT." in shown and 'name="paid"' in shown
    assert _client(UserFactory()).post(checkin, {"paid": reg.pk}).status_code == 404
    assert _client(staff).post(checkin, {"paid": reg.pk}).status_code == 302
    assert _client(staff).post(checkin, {"paid": "x"}).status_code == 404
    reg.refresh_from_db()
    assert reg.payment == "paid" and _actions("festival.ticket.paid") == 1


def test_a_screenings_held_seats_and_price_and_their_release(planned: Any, staff: Any) -> None:
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").select_related("room").first()
    url = reverse("festival:grid", args=[planned.number])
    client = _client(staff)
    seats = public.room.seats
    response = client.post(url, {"action": "tickets", "screening": public.pk, "held_seats": seats - 1})
    assert response.status_code == 302
    bookable = Bookable.objects.get(pk=public.bookable_id)
    assert bookable.held == seats - 1
    first = tickets.book(screening=public, user=UserFactory())
    second = tickets.book(screening=public, user=UserFactory())
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    # the one waiting reads why, and their place in line, on their ticket's page
    waiting = _client(second.user).get(reverse("festival:screening_ticket", args=[second.pk]))
    assert "All seats are taken. You are number 1 on the waiting list" in waiting.content.decode()
    # holding more than the free seats is refused with the reason; nothing changes
    response = client.post(
        url, {"action": "tickets", "screening": public.pk, "held_seats": seats}, follow=True
    )
    assert "already taken" in response.content.decode()
    assert Bookable.objects.get(pk=public.bookable_id).held == seats - 1
    assert client.post(url, {"action": "tickets", "screening": public.pk, "held_seats": "2", "price": "-3"})
    assert Bookable.objects.get(pk=public.bookable_id).price is None
    # the periodic release puts the held seats on sale: the waiting list first
    assert booking.held_release_due(now=public.starts_at) == 1
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert client.post(url, {"action": "tickets", "screening": public.pk, "held_seats": "0", "price": "250"})
    bookable = Bookable.objects.get(pk=public.bookable_id)
    assert (bookable.price, bookable.currency) == (Decimal("250"), "KZT")
    assert _actions("festival.screening.tickets") == 2


def test_a_day_limit_counts_every_screening_of_that_day(planned: Any, staff: Any) -> None:
    tickets.policy_set(
        actor=staff,
        edition=planned,
        per_person=2,
        per_day=2,
        held_release_min=60,
        currency="KZT",
        section_prices={},
    )
    services.publish(actor=staff, edition=planned)
    public = list(Screening.objects.filter(edition=planned, kind="public"))
    by_day: dict[dt.date, list[Screening]] = {}
    for s in public:
        by_day.setdefault(s.starts_at.date(), []).append(s)
    same_day = next((v for v in by_day.values() if len(v) >= 2), None)
    if same_day is None:  # the solver spread them: put two on one day
        a, b = public[:2]
        Screening.objects.filter(pk=b.pk).update(
            starts_at=a.starts_at + dt.timedelta(hours=3), ends_at=a.ends_at + dt.timedelta(hours=3)
        )
        same_day = [a, Screening.objects.get(pk=b.pk)]
    person = UserFactory()
    tickets.book(screening=same_day[0], user=person)
    with pytest.raises(booking.BookingError) as err:
        tickets.book(screening=same_day[1], user=person, seats=2)
    assert err.value.code == "day_limit"
    assert tickets.book(screening=same_day[1], user=person, seats=1).status in ("confirmed", "waitlisted")


def test_venues_and_rooms_are_edited_and_deleted_but_not_with_screenings(planned: Any, staff: Any) -> None:
    url = reverse("festival:grid", args=[planned.number])
    client = _client(staff)
    venue = Venue.objects.get(edition=planned)
    big, small = venues.rooms_of(planned)
    page = client.get(url).content.decode()
    assert 'value="room_delete"' in page and 'value="venue_edit"' in page
    edit = {
        "action": "room_edit",
        "room": big.pk,
        "name": "Grand hall",
        "seats": "120",
        "formats": "dcp, 35mm",
    }
    assert client.post(url, edit).status_code == 302
    big.refresh_from_db()
    assert (big.name, big.seats, big.formats, big.subtitles) == ("Grand hall", 120, ["35MM", "DCP"], False)
    duplicate = client.post(url, {**edit, "name": "Small hall"}, follow=True).content.decode()
    assert "already has a room of that name" in duplicate
    refused = client.post(url, {"action": "room_delete", "room": small.pk}, follow=True).content.decode()
    assert "move them to another room first" in refused and Room.objects.filter(pk=small.pk).exists()
    refused = client.post(url, {"action": "venue_delete", "venue": venue.pk}, follow=True).content.decode()
    assert "move them first" in refused and Venue.objects.filter(pk=venue.pk).exists()
    spare = venues.room_create(actor=staff, venue=venue, name="Spare", seats=10, formats=["DCP"])
    assert client.post(url, {"action": "room_delete", "room": spare.pk}).status_code == 302
    assert not Room.objects.filter(pk=spare.pk).exists()
    assert client.post(
        url, {"action": "venue_edit", "venue": venue.pk, "name": "Drama", "address": "1 Sea st"}
    )
    venue.refresh_from_db()
    assert (venue.name, venue.address) == ("Drama", "1 Sea st")
    empty = venues.venue_create(actor=staff, edition=planned, name="Lighthouse")
    venues.room_create(actor=staff, venue=empty, name="Roof", seats=30, formats=["DCP"])
    assert client.post(url, {"action": "venue_delete", "venue": empty.pk}).status_code == 302
    assert not Venue.objects.filter(pk=empty.pk).exists()
    stranger = _client(UserFactory())
    assert stranger.post(url, {"action": "room_delete", "room": small.pk}).status_code == 404
    assert stranger.post(url, {"action": "venue_edit", "venue": venue.pk, "name": "X"}).status_code == 404
    assert (
        client.post(url, {"action": "room_edit", "room": 10**9, "name": "X", "seats": "1"}).status_code == 404
    )
    for action in (
        "festival.room.update",
        "festival.room.delete",
        "festival.venue.update",
        "festival.venue.delete",
    ):
        assert _actions(action) == 1, action
    with pytest.raises(ValidationError):
        venues.room_update(
            actor=staff, room=small, name="Small hall", seats=0, formats=["DCP"], subtitles=True
        )


def test_a_guest_has_several_unavailable_times_added_and_removed(planned: Any, staff: Any) -> None:
    sub = Submission.objects.filter(section__edition=planned).first()
    guest = guests.guest_add(actor=staff, submission=sub, name="Aida Bekova", role="director")
    url = reverse("festival:grid", args=[planned.number])
    client = _client(staff)
    day = planned.starts_on.isoformat()
    for start, end in (("10:00", "12:00"), ("18:00", "20:00"), ("10:00", "12:00")):
        form = {
            "action": "guest_away_add",
            "guest": guest.pk,
            "away_from": f"{day}T{start}",
            "away_to": f"{day}T{end}",
        }
        assert client.post(url, form).status_code == 302
    guest.refresh_from_db()
    assert guest.unavailable == [[f"{day}T10:00", f"{day}T12:00"], [f"{day}T18:00", f"{day}T20:00"]]
    film = next(f for f in services.build_instance(planned)["films"] if f["id"] == str(sub.pk))
    assert film["unavailable"] == guest.unavailable
    page = client.get(url).content.decode()
    assert page.count('value="guest_away_remove"') == 2
    bad = client.post(
        url, {"action": "guest_away_add", "guest": guest.pk, "away_from": "x", "away_to": ""}, follow=True
    )
    assert "two dates and times" in bad.content.decode()
    backwards = {
        "action": "guest_away_add",
        "guest": guest.pk,
        "away_from": f"{day}T12:00",
        "away_to": f"{day}T10:00",
    }
    assert "must end after" in client.post(url, backwards, follow=True).content.decode()
    remove = {
        "action": "guest_away_remove",
        "guest": guest.pk,
        "start": f"{day}T10:00",
        "end": f"{day}T12:00",
    }
    assert _client(UserFactory()).post(url, remove).status_code == 404
    assert client.post(url, remove).status_code == 302
    guest.refresh_from_db()
    assert guest.unavailable == [[f"{day}T18:00", f"{day}T20:00"]]
    assert _actions("festival.guest.away_add") == 2 and _actions("festival.guest.away_remove") == 1
    assert ScreeningGuest.objects.count() == 1


def test_a_moved_screening_updates_the_personal_calendar_with_a_higher_sequence(
    planned: Any, staff: Any
) -> None:
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").first()
    holder = UserFactory(language="kk")
    tickets.book(screening=public, user=holder)
    stars.star_set(user=holder, screening=public, starred=True)
    CalendarFeed.objects.create(user=holder)
    feed = reverse("festival:my_feed", args=[CalendarFeed.objects.get(user=holder).token])

    def sequence_and_start() -> tuple[int, str]:
        body = Client().get(feed).content.decode()
        event = body[body.index("BEGIN:VEVENT") :]
        return int(re.search(r"SEQUENCE:(\d+)", event)[1]), re.search(r"DTSTART[^:]*:(\S+)", event)[1]

    before = sequence_and_start()
    Screening.objects.filter(pk=public.pk).update(updated_at=public.updated_at - dt.timedelta(minutes=5))
    before = sequence_and_start()
    services.move(
        actor=staff, screening=public, room=public.room, starts_at=public.starts_at + dt.timedelta(hours=2)
    )
    after = sequence_and_start()
    assert after[0] > before[0] and after[1] != before[1]
