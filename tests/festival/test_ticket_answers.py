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
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory
from tests.festival.test_programme import grid  # noqa: F401  (the fixture)
from tests.festival.test_programme_cancel import one_seat  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fresh(screening: Screening) -> Screening:
    return Screening.objects.select_related("edition", "room__venue", "bookable").get(pk=screening.pk)


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
