"""A cancelled screening and its tickets: every ticket and waiting-list place is cancelled with it (paid
ones owed back, nobody promoted), its void tickets are neither checked in nor sold, and its holders are
told once, in their language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from korkyt.core.models import Job
from korkyt.events import booking
from korkyt.events.models import Bookable, Registration
from korkyt.festival.programme import services, tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def one_seat(grid: Any, staff: Any) -> Screening:
    """A published public screening tomorrow with one seat for sale, at 1,500 KZT."""
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    public = Screening.objects.filter(edition=grid, kind="public").first()
    assert public is not None
    start = timezone.now() + dt.timedelta(days=1)
    Screening.objects.filter(pk=public.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    Bookable.objects.filter(pk=public.bookable_id).update(
        capacity=1, held=0, closes_at=start, price=Decimal("1500"), currency="KZT"
    )
    public.refresh_from_db()
    return public


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fresh(screening: Screening) -> Screening:
    return Screening.objects.get(pk=screening.pk)


def test_a_cancelled_screenings_tickets_are_void_and_nobody_waiting_gets_a_seat(
    one_seat: Screening, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = tickets.book(screening=one_seat, user=UserFactory(email="first@example.org"))
    tickets.mark_paid(actor=staff, screening=one_seat, registration=first)
    second = tickets.book(screening=one_seat, user=UserFactory(email="second@example.org"))
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=staff, screening=_fresh(one_seat))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.payment) == ("cancelled", "refund")  # owed back, recognisable as paid
    assert second.status == "cancelled"
    bookable = Bookable.objects.get(pk=one_seat.bookable_id)
    assert bookable.taken == 0 and bookable.closes_at is not None and bookable.closes_at <= timezone.now()
    # each holder is told once that the screening is cancelled, never "Your ticket"
    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox) == [
        ("first@example.org", "Screening cancelled"),
        ("second@example.org", "Screening cancelled"),
    ]
    # the holder giving the void ticket back afterwards promotes nobody and mails nobody
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = _client(first.user).delete(f"/api/registrations/{first.pk}")
    assert answer.status_code == 204
    second.refresh_from_db()
    assert second.status == "cancelled" and not [m for m in mail.outbox if "Your ticket" in m.subject]
    # its code is not checked in at the door
    with pytest.raises(ValidationError, match="cancelled"):
        tickets.checkin(actor=staff, screening=_fresh(one_seat), code=first.code)
    # paid money stays on the desk's list until refunded
    tickets.mark_refunded(actor=staff, screening=one_seat, registration=first)
    assert Registration.objects.get(pk=first.pk).payment == "refunded"


def test_a_cancelled_screening_sells_nothing_more(one_seat: Screening, staff: Any) -> None:
    seen = _fresh(one_seat)  # a page read before the cancellation
    services.cancel(actor=staff, screening=_fresh(one_seat))
    Bookable.objects.filter(pk=one_seat.bookable_id).update(closes_at=None)  # even with sales left open
    with pytest.raises(booking.BookingError, match="cancelled") as refused:
        tickets.book(screening=seen, user=UserFactory())
    assert refused.value.code == "registration_closed"
    assert not Registration.objects.filter(bookable=one_seat.bookable_id).exists()


def test_the_job_told_of_a_cancellation_resumes_with_the_same_holders(
    one_seat: Screening, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    Bookable.objects.filter(pk=one_seat.bookable_id).update(capacity=3)
    regs = [tickets.book(screening=one_seat, user=UserFactory(email=f"h{n}@example.org")) for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=staff, screening=_fresh(one_seat))
    job = Job.objects.get(kind="festival.notify_holders")
    assert job.arguments["holders"] == [f"{r.pk}:confirmed" for r in regs] and job.result["told"] == 3
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = tickets.notify_holders(
            screening_id=one_seat.pk, after=regs[0].pk, holders=job.arguments["holders"]
        )
    assert told == 2 and sorted(m.to[0] for m in mail.outbox) == ["h1@example.org", "h2@example.org"]


def test_a_holder_is_told_when_staff_cancel_their_ticket(
    one_seat: Screening, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = tickets.book(screening=one_seat, user=UserFactory(email="first@example.org", language="en"))
    tickets.mark_paid(actor=staff, screening=one_seat, registration=first)
    second = tickets.book(screening=one_seat, user=UserFactory(email="second@example.org", language="en"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = _client(staff).delete(f"/api/registrations/{first.pk}")
    assert answer.status_code == 204
    told = {m.to[0]: m for m in mail.outbox}
    assert sorted(told) == ["first@example.org", "second@example.org"]
    cancelled = told["first@example.org"]
    assert cancelled.subject.startswith("Ticket cancelled: ")
    assert "is cancelled" in cancelled.body and f"/festival/tickets/{first.pk}/" in cancelled.body
    assert "You paid 1,500 KZT: the box office refunds it." in cancelled.body
    assert told["second@example.org"].subject.startswith("Your ticket: ")
    assert "METHOD:PUBLISH" in _ics(told["second@example.org"])  # the entry later notices update
    # staff taking the place of the one promoted off the line tells them it is gone
    second.refresh_from_db()
    mail.outbox.clear()
    third = tickets.book(screening=one_seat, user=UserFactory(email="third@example.org", language="en"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _client(staff).delete(f"/api/registrations/{third.pk}")
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Ticket cancelled"]
    assert "place on the waiting list" in mail.outbox[0].body


def test_a_person_deleting_their_account_is_not_written_to_about_their_tickets(one_seat: Screening) -> None:
    from korkyt.accounts.services import user_delete

    holder = UserFactory(email="leaving@example.org")
    holder.set_password("pw-Leaving-1")
    holder.save()
    reg = tickets.book(screening=one_seat, user=holder)
    as_committed = Registration.objects.get(pk=reg.pk)  # as the engine hands it to its listeners
    user_delete(user=holder, password="pw-Leaving-1")
    as_committed.status = "cancelled"
    mail.outbox.clear()
    Job.objects.filter(kind="mail").delete()
    tickets.ticket_mail(as_committed, "confirmed")  # the listener, once the deletion committed
    assert mail.outbox == [] and not Job.objects.filter(kind="mail").exists()


def test_holders_are_told_once_a_second_cancel_or_a_move_to_the_same_place_tells_nobody(
    one_seat: Screening, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    shown = Screening.objects.filter(edition=one_seat.edition, kind="public").exclude(pk=one_seat.pk).first()
    assert shown is not None and shown.bookable_id is not None  # on a festival day, on sale
    tickets.book(screening=shown, user=UserFactory(email="first@example.org"))
    mail.outbox.clear()
    start = shown.starts_at + dt.timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        services.move(actor=staff, screening=_fresh(shown), room=shown.room, starts_at=start)
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Screening moved"]
    with django_capture_on_commit_callbacks(execute=True):  # to where it already is
        services.move(actor=staff, screening=_fresh(shown), room=shown.room, starts_at=start)
    assert len(mail.outbox) == 1 and _fresh(shown).state == "moved"
    seen = _fresh(shown)  # a page read before the first cancel
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=staff, screening=_fresh(shown))
    with django_capture_on_commit_callbacks(execute=True):
        again = services.cancel(actor=staff, screening=seen)
    assert again.state == "cancelled"
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Screening moved", "Screening cancelled"]
    assert Job.objects.filter(kind="festival.notify_holders").count() == 2
    # the calendar entry sent with each notice is updated, then removed, by the holder's mail client
    moved, cancelled = (_ics(m) for m in mail.outbox)
    assert "METHOD:PUBLISH" in moved and "STATUS:CANCELLED" not in moved
    assert "METHOD:CANCEL" in cancelled and "STATUS:CANCELLED" in cancelled
    assert all("ORGANIZER;CN=" in ics and f"UID:screening-{shown.pk}@" in ics for ics in (moved, cancelled))
    # a download (and the feed) is a subscription's calendar: no method
    download = Client().get(reverse("festival:screening_ics", args=[shown.pk])).content.decode()
    assert "STATUS:CANCELLED" in download and "METHOD:" not in download


def _ics(message: Any) -> str:
    [ics] = [content for name, content, _type in message.attachments if name.endswith(".ics")]
    return ics.decode() if isinstance(ics, bytes) else str(ics)


def test_the_ticket_page_asks_for_money_only_for_a_seat_held(
    one_seat: Screening, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    to_pay = "To pay: 1,500 KZT"
    first = tickets.book(screening=one_seat, user=UserFactory())
    second = tickets.book(screening=one_seat, user=UserFactory())
    # a waiting-list place owes nothing while it holds no seat
    assert (first.status, second.status, second.payment) == ("confirmed", "waitlisted", "free")
    page = _client(first.user).get(f"/en/festival/tickets/{first.pk}/").content.decode()
    assert to_pay in page
    assert to_pay not in _client(second.user).get(f"/en/festival/tickets/{second.pk}/").content.decode()
    _client(first.user).post(reverse("festival:screening_ticket_cancel", args=[first.pk]))
    assert Registration.objects.get(pk=first.pk).status == "cancelled"
    assert to_pay not in _client(first.user).get(f"/en/festival/tickets/{first.pk}/").content.decode()


def test_a_ticket_link_opened_signed_out_asks_to_sign_in(one_seat: Screening) -> None:
    from django.test import Client

    ticket = tickets.book(screening=one_seat, user=UserFactory())
    for url in (
        f"/en/festival/tickets/{ticket.pk}/",
        reverse("festival:screening_ticket_pdf", args=[ticket.pk]),
    ):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
