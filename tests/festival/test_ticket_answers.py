"""What holders and staff are told about a screening's tickets: held seats named when they are what keeps a
room too small, a cancelled screening's notice saying what happens to the money, a second booking told it
is one, a waiting-list place owing nothing, a ticket given back twice, an unknown status filter."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from korkyt.events import booking
from korkyt.events.models import Bookable, Registration
from korkyt.festival.programme import services, tickets, venues
from korkyt.festival.programme.models import Room, Screening
from korkyt.festival.selectors import submission_title
from tests.factories import UserFactory
from tests.festival.test_programme_cancel import one_seat  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fresh(screening: Screening) -> Screening:
    return Screening.objects.select_related("edition", "room__venue", "bookable").get(pk=screening.pk)


# ---- held seats that do not fit are named, in a move and in a room resized -------------------------


def test_held_seats_that_do_not_fit_a_smaller_room_are_named(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    screening = _fresh(Screening.objects.filter(edition=grid, kind="public").order_by("pk").first())
    held = screening.room.seats
    tickets.screening_tickets_set(actor=staff, screening=screening, held_seats=held, price=None)
    tiny = venues.room_create(actor=staff, venue=screening.room.venue, name="Tiny", seats=1, formats=["DCP"])
    with pytest.raises(ValidationError) as moved:
        services.move(actor=staff, screening=_fresh(screening), room=tiny, starts_at=screening.starts_at)
    said = " ".join(moved.value.message_dict["room"])
    assert f"1 seats cannot take the 0 already taken and the {held} seats held back" in said
    assert "fewer seats than the tickets" not in said
    room = screening.room
    with pytest.raises(ValidationError) as resized:
        venues.room_update(
            actor=staff, room=room, name=room.name, seats=1, formats=room.formats, subtitles=True
        )
    said = " ".join(resized.value.message_dict["seats"])
    assert f"the {held} seats held back: hold fewer seats back first." in said
    # the refusal names the screening whose held seats are in the way, and the room is left as it was
    title = submission_title(screening.submission).text
    assert said.startswith(f"The screening of “{title}” ({tickets.when_text(screening)}): 1 seats")
    assert room.seats == held and Room.objects.get(pk=room.pk).seats == held
    # nothing was cut down: the held seats stay as staff set them
    assert Bookable.objects.get(pk=screening.bookable_id).held == held
    assert _fresh(screening).room_id == room.pk


def test_the_engine_names_held_seats_only_when_they_are_the_cause() -> None:
    bookable = Bookable.objects.create(capacity=3, held=2)
    with transaction.atomic():
        booking.book(bookable_id=bookable.pk, user=UserFactory())
    with pytest.raises(booking.BookingError) as err, transaction.atomic():
        booking.resize(bookable_id=bookable.pk, capacity=2)
    assert err.value.code == "below_taken" and "2 seats held back" in str(err.value)
    with pytest.raises(booking.BookingError) as err, transaction.atomic():
        booking.resize(bookable_id=bookable.pk, capacity=0, held=0)
    assert "1 seats are already taken" in str(err.value)


# ---- a cancelled screening's notice says what happens to the money -----------------------------------


def test_a_cancelled_screenings_notice_says_what_happens_to_the_money(
    one_seat: Screening,  # noqa: F811
    staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    Bookable.objects.filter(pk=one_seat.bookable_id).update(capacity=2)
    paid = tickets.book(screening=one_seat, user=UserFactory(email="paid@example.org", language="en"))
    tickets.mark_paid(actor=staff, screening=one_seat, registration=paid)
    tickets.book(screening=one_seat, user=UserFactory(email="unpaid@example.org", language="en"))
    waiting = tickets.book(screening=one_seat, user=UserFactory(email="waiting@example.org", language="en"))
    assert waiting.status == "waitlisted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=staff, screening=_fresh(one_seat))
    told = {m.to[0]: m.body for m in mail.outbox}
    assert "Your ticket is void." in told["paid@example.org"]
    assert "You paid 1,500 KZT: the box office refunds it." in told["paid@example.org"]
    assert "You had not paid for it: you owe nothing." in told["unpaid@example.org"]
    assert "refunds" not in told["unpaid@example.org"]
    assert "your place on its waiting list is gone" in told["waiting@example.org"]
    assert "ticket" not in told["waiting@example.org"].split("\n\n")[0]


# ---- a second booking is told it is one, before the day's limit -------------------------------------


def test_a_second_booking_is_told_it_is_already_registered_before_the_days_limit(
    one_seat: Screening,  # noqa: F811
    staff: Any,
) -> None:
    tickets.policy_set(
        actor=staff,
        edition=one_seat.edition,
        per_person=2,
        per_day=1,
        held_release_min=60,
        currency="KZT",
        section_prices={},
    )
    person = UserFactory()
    first = tickets.book(screening=_fresh(one_seat), user=person)
    with pytest.raises(booking.BookingError) as err:
        tickets.book(screening=_fresh(one_seat), user=person, seats=2)
    assert err.value.code == "already_registered" and err.value.registration == first
    assert "You are already registered." in str(err.value)
    response = _client(person).post(
        reverse("festival:screening_book", args=[one_seat.pk]), {"seats": "2"}, follow=True
    )
    page = response.content.decode()
    assert "a day" not in page
    assert Registration.objects.filter(user=person).count() == 1


# ---- a waiting-list place owes nothing --------------------------------------------------------------


def test_a_waiting_list_place_owes_nothing_until_it_is_given_a_seat(
    one_seat: Screening,  # noqa: F811
    staff: Any,
) -> None:
    first = tickets.book(screening=one_seat, user=UserFactory())
    second = tickets.book(screening=one_seat, user=UserFactory())
    assert (second.status, second.payment, second.amount) == ("waitlisted", "free", None)
    page = _client(staff).get(reverse("festival:screening_checkin", args=[one_seat.pk])).content.decode()
    assert page.count("To pay · 1,500") == 1  # the seat held, not the place in line
    detail = _client(staff).get(f"/api/registrations/{second.pk}").json()
    assert (detail["payment"], detail["amount"], detail["currency"]) == ("free", None, "")
    # given the seat, it is a reservation to pay at the price of the seat
    _client(first.user).post(reverse("festival:screening_ticket_cancel", args=[first.pk]))
    second.refresh_from_db()
    assert (second.status, second.payment, second.amount, second.currency) == (
        "confirmed",
        "unpaid",
        Decimal("1500"),
        "KZT",
    )
    detail = _client(staff).get(f"/api/registrations/{second.pk}").json()
    assert (detail["payment"], detail["amount"]) == ("unpaid", "1500.00")


# ---- a ticket given back twice -----------------------------------------------------------------------


def test_a_ticket_given_back_twice_says_it_is_already_cancelled(one_seat: Screening) -> None:  # noqa: F811
    reg = tickets.book(screening=one_seat, user=UserFactory())
    url = reverse("festival:screening_ticket_cancel", args=[reg.pk])
    first = _client(reg.user).post(url, follow=True).content.decode()
    assert "Your ticket is given back." in first
    again = _client(reg.user).post(url, follow=True).content.decode()
    assert "This ticket is already cancelled: there is nothing to give back." in again
    assert "Your ticket is given back." not in again


# ---- the staff ticket list names an unknown status --------------------------------------------------


def test_the_staff_ticket_list_refuses_an_unknown_status(one_seat: Screening, staff: Any) -> None:  # noqa: F811
    url = f"/api/festival/editions/{one_seat.edition.number}/screenings/{one_seat.pk}/tickets"
    answer = _client(staff).get(url + "?status=zzz")
    assert answer.status_code == 422
    assert "status" in answer.content.decode() and "waitlisted" in answer.content.decode()
    assert _client(staff).get(url + "?status=waitlisted").status_code == 200
