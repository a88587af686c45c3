"""Giving a screening ticket back, from its page: the shared confirmation page first (what giving it back
does), then the events engine's cancellation, so the seat goes to the next person waiting; leaving the
waiting list; refused once the screening has started (on the page and through the API's
``DELETE /api/registrations/{id}``) or the ticket checked in, for someone else's ticket and for staff
looking at a holder's ticket."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from korkyt.events import selectors as event_selectors
from korkyt.events.models import Bookable, Registration
from korkyt.festival import selectors as festival_selectors
from korkyt.festival.programme import services, tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory
from tests.web.test_no_english_left import english_left

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

GIVE_BACK = "Give back my ticket"
LEAVE = "Leave the waiting list"


@pytest.fixture
def one_seat(grid: Any, staff: Any) -> Screening:
    """A published public screening tomorrow with one seat for sale."""
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    public = Screening.objects.filter(edition=grid, kind="public").first()
    assert public is not None
    start = timezone.now() + dt.timedelta(days=1)
    Screening.objects.filter(pk=public.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    Bookable.objects.filter(pk=public.bookable_id).update(capacity=1, held=0)
    public.refresh_from_db()
    return public


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(user: Any, reg: Registration) -> str:
    response = _client(user).get(reverse("festival:screening_ticket", args=[reg.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_holder_gives_the_ticket_back_and_the_next_person_waiting_gets_the_seat(
    one_seat: Screening, django_capture_on_commit_callbacks: Any
) -> None:
    first = tickets.book(screening=one_seat, user=UserFactory(email="first@example.org"))
    second = tickets.book(screening=one_seat, user=UserFactory(email="second@example.org"))
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    assert GIVE_BACK in _page(first.user, first)
    assert LEAVE in _page(second.user, second)
    url = reverse("festival:screening_ticket_cancel", args=[first.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(first.user).post(url, follow=True)
    assert "Your ticket is given back." in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "cancelled"
    assert second.status in ("confirmed", "offered")
    # the one who waited is told, by mail, and the one who gave it back has it confirmed
    told = {m.to[0]: m.subject for m in mail.outbox}
    assert sorted(told) == ["first@example.org", "second@example.org"]
    assert told["first@example.org"].startswith("Ticket cancelled: ")
    # a given-back ticket offers nothing more to give back
    assert GIVE_BACK not in _page(first.user, first)


def test_leaving_the_waiting_list(one_seat: Screening) -> None:
    tickets.book(screening=one_seat, user=UserFactory())
    waiting = tickets.book(screening=one_seat, user=UserFactory())
    response = _client(waiting.user).post(
        reverse("festival:screening_ticket_cancel", args=[waiting.pk]), follow=True
    )
    assert "You left the waiting list." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"


def test_nobody_else_gives_a_ticket_back_and_staff_see_no_button(one_seat: Screening, staff: Any) -> None:
    reg = tickets.book(screening=one_seat, user=UserFactory())
    url = reverse("festival:screening_ticket_cancel", args=[reg.pk])
    assert _client(UserFactory()).post(url).status_code == 404
    assert Client().post(url).status_code == 302  # to sign in
    # staff see the holder's ticket (to print it) but giving it back is the holder's
    assert GIVE_BACK not in _page(staff, reg)
    assert _client(staff).post(url).status_code == 404
    assert _client(staff).get(url).status_code == 404
    assert _client(UserFactory()).get(url).status_code == 404
    reg.refresh_from_db()
    assert reg.status == "confirmed"


@pytest.mark.parametrize("began_min", [1, 300])  # under way, and long over
def test_a_ticket_of_a_screening_that_started_is_not_given_back(one_seat: Screening, began_min: int) -> None:
    reg = tickets.book(screening=one_seat, user=UserFactory())
    waiting = tickets.book(screening=one_seat, user=UserFactory())
    assert not event_selectors.event_over(one_seat.bookable_id)
    start = timezone.now() - dt.timedelta(minutes=began_min)
    Screening.objects.filter(pk=one_seat.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    assert event_selectors.event_over(one_seat.bookable_id)
    assert GIVE_BACK not in _page(reg.user, reg)
    response = _client(reg.user).post(reverse("festival:screening_ticket_cancel", args=[reg.pk]), follow=True)
    assert "The screening has started: its ticket can no longer be given back." in response.content.decode()
    api = _client(reg.user).delete(f"/api/registrations/{reg.pk}")
    assert api.status_code == 409 and api.json()["code"] == "event_over"
    reg.refresh_from_db()
    waiting.refresh_from_db()
    assert (reg.status, waiting.status) == ("confirmed", "waitlisted")


def test_a_ticket_of_a_cancelled_screening_offers_no_give_back(one_seat: Screening, staff: Any) -> None:
    reg = tickets.book(screening=one_seat, user=UserFactory())
    services.cancel(actor=staff, screening=one_seat)
    reg.refresh_from_db()
    assert GIVE_BACK not in _page(reg.user, reg)


def test_a_paid_ticket_given_back_is_owed_back_until_staff_mark_it_refunded(
    one_seat: Screening, staff: Any
) -> None:
    from decimal import Decimal

    Bookable.objects.filter(pk=one_seat.bookable_id).update(price=Decimal("2000"), currency="KZT")
    holder = UserFactory(email="paid@example.kz")
    reg = tickets.book(screening=one_seat, user=holder)
    tickets.mark_paid(actor=staff, screening=one_seat, registration=reg)
    _client(holder).post(reverse("festival:screening_ticket_cancel", args=[reg.pk]))
    reg.refresh_from_db()
    assert (reg.status, reg.payment) == ("cancelled", "refund")
    assert "the box office refunds it" in _page(holder, reg)
    desk = _client(staff)
    checkin = reverse("festival:screening_checkin", args=[one_seat.pk])
    listed = desk.get(checkin).content.decode()
    assert f'name="refunded" value="{reg.pk}"' in listed  # the ticket given back stays listed with its button
    desk.post(checkin, {"refunded": str(reg.pk)})
    reg.refresh_from_db()
    assert reg.payment == "refunded"
    assert f'name="refunded" value="{reg.pk}"' not in desk.get(checkin).content.decode()
    assert "Refunded" in _page(holder, reg)
    with pytest.raises(Exception, match="No refund is owed"):  # an unpaid or free booking owes nothing
        other = tickets.book(screening=one_seat, user=UserFactory())
        tickets.mark_refunded(actor=staff, screening=one_seat, registration=other)


def test_a_cancelled_screenings_paid_tickets_are_owed_back(one_seat: Screening, staff: Any) -> None:
    from decimal import Decimal

    Bookable.objects.filter(pk=one_seat.bookable_id).update(price=Decimal("2000"), currency="KZT", capacity=2)
    paid = tickets.book(screening=one_seat, user=UserFactory())
    tickets.mark_paid(actor=staff, screening=one_seat, registration=paid)
    unpaid = tickets.book(screening=one_seat, user=UserFactory())
    services.cancel(actor=staff, screening=one_seat)
    assert Registration.objects.get(pk=paid.pk).payment == "refund"
    assert Registration.objects.get(pk=unpaid.pk).payment == "free"  # nothing owed either way


def test_the_ticket_page_links_to_a_confirmation_that_changes_nothing(one_seat: Screening) -> None:
    reg = tickets.book(screening=one_seat, user=UserFactory())
    url = reverse("festival:screening_ticket_cancel", args=[reg.pk])
    assert f'href="{url}"' in _page(reg.user, reg)
    page = _client(reg.user).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Give back your ticket?" in html
    title = festival_selectors.submission_title(one_seat.submission)
    assert f'lang="{title.lang}">{title}</strong>' in html
    assert "Your seat goes to the next person on the waiting list" in html
    assert f'action="{url}"' in html and 'class="danger"' in html
    assert (
        f'href="{reverse("festival:screening_ticket", args=[reg.pk])}" class="button secondary">Keep my ticket'
        in html
    )
    reg.refresh_from_db()
    assert reg.status == "confirmed"


def test_a_waiting_place_and_a_reservation_say_what_they_lose(one_seat: Screening) -> None:
    from decimal import Decimal

    Bookable.objects.filter(pk=one_seat.bookable_id).update(price=Decimal("2000"), currency="KZT")
    held = tickets.book(screening=one_seat, user=UserFactory())
    waiting = tickets.book(screening=one_seat, user=UserFactory())
    url = reverse("festival:screening_ticket_cancel", args=[held.pk])
    html = _client(held.user).get(url).content.decode()
    assert "Your reservation is not paid yet: once it is cancelled, you owe nothing." in html
    html = (
        _client(waiting.user)
        .get(reverse("festival:screening_ticket_cancel", args=[waiting.pk]))
        .content.decode()
    )
    assert "Leave the waiting list?" in html and "You lose your place in line" in html
    assert "Stay on the waiting list" in html


def test_a_checked_in_ticket_is_refused_before_the_page_promises_anything(
    one_seat: Screening, staff: Any
) -> None:
    reg = tickets.book(screening=one_seat, user=UserFactory())
    tickets.checkin(actor=staff, screening=one_seat, code=reg.code)
    url = reverse("festival:screening_ticket_cancel", args=[reg.pk])
    assert url not in _page(reg.user, reg)
    page = _client(reg.user).get(url, follow=True)
    assert page.redirect_chain[-1][0] == reverse("festival:screening_ticket", args=[reg.pk])
    html = page.content.decode()
    assert "This ticket was checked in: its seat can no longer be given back." in html
    assert "Give back your ticket?" not in html
    reg.refresh_from_db()
    assert reg.status == "confirmed"


def test_a_given_back_or_started_ticket_is_said_so_instead_of_asked(one_seat: Screening) -> None:
    reg = tickets.book(screening=one_seat, user=UserFactory())
    url = reverse("festival:screening_ticket_cancel", args=[reg.pk])
    _client(reg.user).post(url)
    html = _client(reg.user).get(url, follow=True).content.decode()
    assert "This ticket is already cancelled: there is nothing to give back." in html
    other = tickets.book(screening=one_seat, user=UserFactory())
    start = timezone.now() - dt.timedelta(minutes=5)
    Screening.objects.filter(pk=one_seat.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    html = (
        _client(other.user)
        .get(reverse("festival:screening_ticket_cancel", args=[other.pk]), follow=True)
        .content.decode()
    )
    assert "The screening has started: its ticket can no longer be given back." in html


def test_the_give_back_page_reads_in_every_language(one_seat: Screening) -> None:
    """No English UI word of the English page is left on the page in the seven other languages."""
    reg = tickets.book(screening=one_seat, user=UserFactory())
    client = _client(reg.user)
    path = reverse("festival:screening_ticket_cancel", args=[reg.pk]).removeprefix("/en")
    assert not english_left(client, ["/{lang}" + path])


def test_a_staff_member_checked_in_on_their_own_ticket_cannot_give_it_back(
    one_seat: Screening, staff: Any
) -> None:
    """The events engine lets a manager cancel a checked-in registration; the edition's staff holding a
    ticket of their own are managers, but giving it back after the door is refused as for anyone (also
    from a confirmation page opened before the check-in)."""
    reg = tickets.book(screening=one_seat, user=staff)
    waiting = tickets.book(screening=one_seat, user=UserFactory())
    url = reverse("festival:screening_ticket_cancel", args=[reg.pk])
    assert _client(staff).get(url).status_code == 200  # the page, opened before the check-in
    tickets.checkin(actor=staff, screening=one_seat, code=reg.code)
    page = _client(staff).post(url, follow=True)
    assert "This ticket was checked in: its seat can no longer be given back." in page.content.decode()
    reg.refresh_from_db()
    waiting.refresh_from_db()
    assert (reg.status, waiting.status) == ("confirmed", "waitlisted")
