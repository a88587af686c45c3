"""Cancelling one's registration asks first: the link of "My registrations" opens a page naming the event
and what cancelling does (the seat to the waiting list, the place in line lost, a paid booking refunded),
with the button that cancels and a way back; a second click says the registration is already cancelled."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from korkyt.events import booking, services
from korkyt.events.models import Bookable, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory
from tests.web.test_no_english_left import english_left

pytestmark = pytest.mark.django_db


def _registered(organiser: Any, username: str = "alice", **kw: Any) -> tuple[Client, Registration]:
    event = make_event(organiser, **kw)
    person = UserFactory(username=username)
    reg = services.registration_create(actor=person, event=event, answers=country_answer(event, "KZ"))
    client = Client()
    client.force_login(person)
    return client, reg


def test_cancel_link_opens_a_page_naming_the_event_and_changes_nothing(organiser: Any) -> None:
    client, reg = _registered(organiser, capacity=5)
    mine = client.get("/en/events/mine/").content.decode()
    url = f"/en/events/registrations/{reg.pk}/cancel"
    named = '<span class="visually-hidden">: <span lang="en">Sound design master class</span></span>'
    assert f'href="{url}"' in mine and f"Cancel my registration{named}</a>" in mine
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Cancel your registration?</h1>" in html
    assert '<strong lang="en">Sound design master class</strong>' in html
    assert "Your seat goes to the next person on the waiting list" in html
    # the button posts to the same address and names the event; the way back is a plain link
    assert f'<form method="post" action="{url}"' in html
    assert f'<button type="submit" class="danger">Cancel my registration{named}</button>' in html  # one-way
    assert 'href="/en/events/mine/"' in html and "Keep my registration" in html
    reg.refresh_from_db()
    assert reg.status == "confirmed"  # looking is not cancelling


def test_confirming_cancels_and_passes_the_seat_on(organiser: Any) -> None:
    client, reg = _registered(organiser, capacity=1)
    waiting = services.registration_create(
        actor=UserFactory(username="bob"),
        event=reg.bookable.event,
        answers=country_answer(reg.bookable.event, "AZ"),
    )
    assert waiting.status == "waitlisted"
    done = client.post(f"/en/events/registrations/{reg.pk}/cancel", follow=True)
    assert "Your registration is cancelled." in done.content.decode()
    reg.refresh_from_db()
    waiting.refresh_from_db()
    assert reg.status == "cancelled" and waiting.status in ("confirmed", "offered")


def test_a_second_click_says_it_is_already_cancelled(organiser: Any) -> None:
    client, reg = _registered(organiser, capacity=5)
    url = f"/en/events/registrations/{reg.pk}/cancel"
    assert "Your registration is cancelled." in client.post(url, follow=True).content.decode()
    again = client.post(url, follow=True)
    assert again.status_code == 200
    text = again.content.decode()
    assert "This registration is already cancelled: there is nothing to cancel." in text
    assert "Your registration is cancelled." not in text
    # the confirmation page of a cancelled registration says the same instead of asking
    page = client.get(url, follow=True)
    assert page.redirect_chain[-1][0] == "/en/events/mine/"
    assert "This registration is already cancelled: there is nothing to cancel." in page.content.decode()


def test_waiting_list_place_and_paid_booking_say_what_they_lose(organiser: Any) -> None:
    client, reg = _registered(organiser, capacity=1)
    event = reg.bookable.event
    Bookable.objects.filter(pk=event.bookable_id).update(price=Decimal("1500"), currency="KZT")
    late = UserFactory(username="late")
    queued = services.registration_create(actor=late, event=event, answers=country_answer(event, "KZ"))
    other = Client()
    other.force_login(late)
    html = other.get(f"/en/events/registrations/{queued.pk}/cancel").content.decode()
    assert "You lose your place in line and cannot take it back." in html
    Registration.objects.filter(pk=reg.pk).update(payment="unpaid", amount=Decimal("1500"), currency="KZT")
    booking.mark_paid(registration_id=reg.pk)
    html = client.get(f"/en/events/registrations/{reg.pk}/cancel").content.decode()
    assert "You paid 1,500 KZT: the organisers refund it to you" in html


def test_someone_elses_registration_is_not_found(organiser: Any) -> None:
    _client, reg = _registered(organiser, capacity=5)
    stranger = Client()
    stranger.force_login(UserFactory(username="mallory"))
    assert stranger.get(f"/en/events/registrations/{reg.pk}/cancel").status_code == 404
    assert stranger.post(f"/en/events/registrations/{reg.pk}/cancel").status_code == 404


def test_a_seat_of_an_event_no_longer_published_is_given_up_not_passed_on(organiser: Any) -> None:
    """The page says what the service does: a held or cancelled event's seat goes to nobody."""
    client, reg = _registered(organiser, capacity=5)
    event = reg.bookable.event
    event.status = "cancelled"
    event.save(update_fields=["status"])
    html = client.get(f"/en/events/registrations/{reg.pk}/cancel").content.decode()
    assert "You give up your seat and cannot take it back." in html
    assert "Your seat goes to the next person" not in html


def test_a_checked_in_ticket_is_refused_before_the_page_promises_anything(organiser: Any) -> None:
    client, reg = _registered(organiser, capacity=5)
    services.checkin(actor=organiser, event=reg.bookable.event, code=reg.code)
    page = client.get(f"/en/events/registrations/{reg.pk}/cancel", follow=True)
    assert page.redirect_chain[-1][0] == "/en/events/mine/"
    html = page.content.decode()
    assert "This ticket was checked in: its seat can no longer be given back." in html
    assert "Cancel your registration?" not in html
    reg.refresh_from_db()
    assert reg.status == "confirmed"


@pytest.mark.parametrize("paid", [False, True], ids=["free", "paid"])
def test_confirmation_page_reads_in_every_language(organiser: Any, paid: bool) -> None:
    """No English UI word of the English page is left on the page in the seven other languages."""
    client, reg = _registered(organiser, capacity=5)
    if paid:
        Registration.objects.filter(pk=reg.pk).update(
            payment="unpaid", amount=Decimal("1500"), currency="KZT"
        )
        booking.mark_paid(registration_id=reg.pk)
    assert not english_left(client, [f"/{{lang}}/events/registrations/{reg.pk}/cancel"])
