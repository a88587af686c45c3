"""A participant accepts only a seat offered to them: their own pending application (review mode) and their
place on the waiting list are the organisers' to decide and the line's to move, never the participant's
(the page's POST /<lang>/events/registrations/<id>/accept and services.registration_offer_accept)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.events import booking, services
from korkyt.events.booking import BookingError
from korkyt.events.models import Bookable, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NO_OFFER = "There is no seat offered to you to accept."


def register(event: Any, name: str, country: str = "KZ") -> Registration:
    return services.registration_create(
        actor=UserFactory(username=name), event=event, answers=country_answer(event, country)
    )


def _accept_on_the_page(reg: Registration) -> str:
    client = Client()
    client.force_login(reg.user)
    response = client.post(reverse("events:accept_offer", args=[reg.pk]), follow=True)
    assert response.redirect_chain[0] == (reverse("events:my_registrations"), 302)
    return response.content.decode()


def _status(reg: Registration) -> str:
    return Registration.objects.get(pk=reg.pk).status


def test_a_pending_application_is_not_accepted_by_its_applicant(organiser: Any) -> None:
    event = make_event(organiser, capacity=2, mode="review")
    applicant = register(event, "applicant")
    assert applicant.status == "pending"
    page = _accept_on_the_page(applicant)
    assert NO_OFFER in page
    assert _status(applicant) == "pending"
    with pytest.raises(BookingError) as exc:
        services.registration_offer_accept(actor=applicant.user, registration=applicant)
    assert exc.value.code == "no_offer"
    assert _status(applicant) == "pending"
    assert Bookable.objects.get(pk=event.bookable_id).taken == 0
    # the organisers still decide it
    done = services.registrations_decide(actor=organiser, event=event, ids=[applicant.pk], decision="accept")
    assert [r.status for r in done.done] == ["confirmed"]


def test_a_place_on_the_waiting_list_does_not_jump_the_line(organiser: Any) -> None:
    event = make_event(organiser, capacity=1, offer_hours=24)
    first = register(event, "first")
    second, third = register(event, "second"), register(event, "third")
    assert (second.status, third.status) == ("waitlisted", "waitlisted")
    # a seat frees: offered to the second; the third, behind, cannot take it
    services.registration_cancel(actor=first.user, registration=first)
    assert (_status(second), _status(third)) == ("offered", "waitlisted")
    assert NO_OFFER in _accept_on_the_page(third)
    with pytest.raises(BookingError) as exc:
        services.registration_offer_accept(actor=third.user, registration=third)
    assert exc.value.code == "no_offer"
    assert (_status(second), _status(third)) == ("offered", "waitlisted")
    # the one offered accepts
    assert NO_OFFER not in _accept_on_the_page(second)
    assert _status(second) == "confirmed"
    assert Bookable.objects.get(pk=event.bookable_id).taken == 1


def test_without_offers_a_waiting_place_with_a_free_seat_is_still_not_the_participants_to_take(
    organiser: Any,
) -> None:
    event = make_event(organiser, capacity=1, mode="review")
    a, b = register(event, "a"), register(event, "b")
    services.registrations_decide(actor=organiser, event=event, ids=[a.pk, b.pk], decision="accept")
    assert (_status(a), _status(b)) == ("confirmed", "waitlisted")
    # a seat the line has not given yet (grown capacity, before any promotion): not for the participant
    Bookable.objects.filter(pk=event.bookable_id).update(capacity=2)
    b.refresh_from_db()
    assert NO_OFFER in _accept_on_the_page(b)
    assert _status(b) == "waitlisted"


def test_an_accepted_offer_cannot_be_accepted_twice_and_an_expired_one_is_refused(organiser: Any) -> None:
    event = make_event(organiser, capacity=1, offer_hours=24)
    first = register(event, "first")
    second = register(event, "second")
    services.registration_cancel(actor=first.user, registration=first)
    second.refresh_from_db()
    with pytest.raises(BookingError) as exc:
        booking.offer_accept(registration_id=second.pk, now=second.offer_expires_at + dt.timedelta(minutes=1))
    assert exc.value.code == "offer_expired"
    services.registration_offer_accept(actor=second.user, registration=second)
    assert _status(second) == "confirmed"
    with pytest.raises(BookingError) as exc:
        services.registration_offer_accept(actor=second.user, registration=second)
    assert exc.value.code == "no_offer"
    assert Bookable.objects.get(pk=event.bookable_id).taken == 1
