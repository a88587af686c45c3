"""Box-office sales without an account through the one engine (``booking.sell`` under the bookable's
lock; ``services.box_office_sale`` for whoever manages the bookable), the database constraints of a
registration without a user, and every reader of ``registration.user`` coping with a walk-in: check-in,
the participants' page and export, certificates, reminders, mail, retention."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from korkyt.events import booking, services
from korkyt.events.models import Bookable, Channel, Registration
from korkyt.events.selectors import registration_visible
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _sell(bookable: Bookable, seats: int = 1, paid: bool = True, **kw: Any) -> Registration:
    with transaction.atomic():
        return booking.sell(bookable_id=bookable.pk, seats=seats, paid=paid, **kw)


def test_the_engine_sells_under_the_lock_within_free_seats_and_ignores_the_per_person_limit() -> None:
    bookable = Bookable.objects.create(capacity=10, held=2, price=Decimal("500"), currency="AZN")
    reg = _sell(bookable, seats=5, holder_name=" Leyla ", holder_email="leyla@example.org")
    assert (reg.status, reg.channel, reg.user_id, reg.seats) == ("confirmed", "box_office", None, 5)
    assert (reg.payment, reg.amount, reg.currency, reg.holder_name) == (
        "paid",
        Decimal("2500"),
        "AZN",
        "Leyla",
    )
    assert reg.holder_label == "Leyla" and reg.contact_email == "leyla@example.org"
    with pytest.raises(booking.BookingError) as err:
        _sell(bookable, seats=4)
    assert err.value.code == "full"
    unpaid = _sell(bookable, seats=3, paid=False)
    assert (unpaid.payment, unpaid.paid_at) == ("unpaid", None)
    bookable.refresh_from_db()
    assert (bookable.taken, bookable.held) == (8, 2)
    for seats in (0, 11):
        with pytest.raises(booking.BookingError) as err:
            _sell(Bookable.objects.create(capacity=None), seats=seats)
        assert err.value.code == "invalid_seats"
    closed = Bookable.objects.create(capacity=5, closes_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(booking.BookingError) as err:
        _sell(closed)
    assert err.value.code == "registration_closed"
    assert Registration.objects.filter(bookable=closed).count() == 0


def test_a_registration_without_a_user_must_be_a_box_office_sale_and_walk_ins_never_collide() -> None:
    bookable = Bookable.objects.create(capacity=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(bookable=bookable, user=None, status="confirmed")
    for _ in range(3):
        Registration.objects.create(
            bookable=bookable, user=None, channel=Channel.BOX_OFFICE, status="confirmed"
        )
    person = UserFactory()
    Registration.objects.create(bookable=bookable, user=person, status="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():  # one live registration per person still
        Registration.objects.create(bookable=bookable, user=person, status="waitlisted", position=1)


def test_the_service_is_for_organisers_checks_its_input_and_is_audited(organiser: Any) -> None:
    from korkyt.core.models import AuditEntry

    event = make_event(organiser, capacity=4)
    for outsider in (UserFactory(), None):
        with pytest.raises(PermissionDenied):
            services.box_office_sale(actor=outsider, bookable_id=event.bookable_id, seats=1, paid=True)
    with pytest.raises(ValidationError) as err:
        services.box_office_sale(
            actor=organiser, bookable_id=event.bookable_id, seats=12, paid=True, email="nope", name="x" * 201
        )
    assert set(err.value.message_dict) == {"seats", "email", "name"}
    reg = services.box_office_sale(actor=organiser, bookable_id=event.bookable_id, seats=2, paid=True)
    assert reg.payment == "free" and reg in registration_visible(organiser)
    assert reg not in registration_visible(UserFactory())
    assert AuditEntry.objects.filter(action_type="events.registration.box_office").count() == 1


def test_every_reader_of_a_registration_copes_with_a_walk_in(
    organiser: Any, client: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=5)
    online = services.registration_create(
        actor=UserFactory(first_name="Aida"), event=event, answers=country_answer(event, "KZ")
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        named = services.box_office_sale(
            actor=organiser,
            bookable_id=event.bookable_id,
            seats=1,
            paid=True,
            name="Мурат",
            email="m@example.org",
        )
        nameless = services.box_office_sale(
            actor=organiser, bookable_id=event.bookable_id, seats=1, paid=True
        )
    assert mail.outbox == []  # the events mail goes to accounts; the desk hands a walk-in the ticket
    # check-in by code and by name, the desk's page
    done = services.checkin(actor=organiser, event=event, code=named.code)
    assert done.created and done.registration.holder_label == "Мурат"
    services.checkin(actor=organiser, event=event, code=nameless.code)
    client.force_login(organiser)
    desk = client.get(reverse("events:checkin", args=[event.pk]) + "?q=Мурат").content.decode()
    assert "Мурат" in desk and "Box-office sale" in desk
    participants = client.get(reverse("events:participants", args=[event.pk])).content.decode()
    assert "Мурат" in participants and "Box-office sale" in participants
    ticket = client.get(reverse("events:ticket", args=[named.pk]))
    assert ticket.status_code == 200 and "Мурат" in ticket.content.decode()
    rows = services.participant_rows(event)
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Мурат"][1:3] == ["", "m@example.org"] and "" in by_name
    # cancelling a walk-in (organiser) frees its seat; mail listeners skip it
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=organiser, registration=nameless)
    nameless.refresh_from_db()
    assert nameless.status == "cancelled"
    # certificates only for accounts; reminders only for accounts
    issued = services.certificates_render(event_id=event.pk, progress=lambda *a, **k: None)
    assert issued == 0  # Aida is not checked in; the walk-ins have no account
    services.checkin(actor=organiser, event=event, code=online.code)
    assert services.certificates_render(event_id=event.pk, progress=lambda *a, **k: None) == 1
    first = event.sessions.order_by("starts_at").first()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=first.starts_at - dt.timedelta(hours=2)) == 1
    # retention erases the name and e-mail given at the door with the answers
    last = event.sessions.order_by("-ends_at").first()
    services.answers_erase(days=1, now=last.ends_at + dt.timedelta(days=2))
    named.refresh_from_db()
    assert (named.holder_name, named.holder_email) == ("", "")
    assert named.answers_erased_at is not None


# ---- the desk page -----------------------------------------------------------------------------------


def test_the_check_in_desk_sells_to_a_walk_in_mails_the_ticket_and_links_its_printout(
    organiser: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=3)
    client.force_login(organiser)
    desk = reverse("events:checkin", args=[event.pk])
    page = client.get(desk).content.decode()
    assert "Sell at the box office" in page and "Free entry." in page
    assert 'name="sale-paid"' not in page  # free: nothing to pay
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            desk,
            {"action": "sell", "sale-seats": "2", "sale-name": "Гүлнар", "sale-email": "g@example.org"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    sold = Registration.objects.get(bookable=event.bookable_id, holder_name="Гүлнар")
    assert response.status_code == 302 and response["Location"].endswith(f"?sold={sold.pk}")
    assert (sold.status, sold.channel, sold.seats, sold.payment) == ("confirmed", "box_office", 2, "free")
    (sent,) = mail.outbox
    assert sent.to == ["g@example.org"] and "confirmed" in sent.subject
    names = [a[0] for a in sent.attachments]
    assert f"ticket-{sold.code}.png" in names and f"event-{event.pk}.ics" in names
    assert "/ticket/" not in sent.body  # no ticket page without an account
    after = client.get(response["Location"]).content.decode()
    assert "Sold 2 seats. Ticket code:" in after
    assert reverse("events:ticket_pdf", args=[sold.pk]) in after
    pdf = client.get(reverse("events:ticket_pdf", args=[sold.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    # the code sold is checked in at the same desk
    client.post(desk, {"code": sold.code})
    assert services.checkin(actor=organiser, event=event, code=sold.code).created is False


def test_the_desk_refuses_bad_sales_with_reasons_and_saves_nothing(organiser: Any, client: Client) -> None:
    event = make_event(organiser, capacity=2)
    client.force_login(organiser)
    desk = reverse("events:checkin", args=[event.pk])
    for data, reason in (
        ({"sale-seats": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"sale-seats": "11"}, "Ensure this value is less than or equal to 10."),
        ({"sale-seats": "x"}, "Enter a whole number."),
        ({"sale-seats": "1", "sale-email": "nope"}, "Enter a valid email address."),
        ({"sale-seats": "3"}, "Only 2 seats are left."),
    ):
        response = client.post(desk, {"action": "sell", **data})
        assert response.status_code == 200, data
        assert reason in response.content.decode(), (data, reason)
    assert not Registration.objects.filter(bookable=event.bookable_id).exists()
    # someone who does not organise the event: 404, nothing sold
    client.force_login(UserFactory())
    assert client.post(desk, {"action": "sell", "sale-seats": "1"}).status_code == 404
    assert not Registration.objects.filter(bookable=event.bookable_id).exists()
    # a cancelled event is not on sale
    client.force_login(organiser)
    services.event_transition(actor=organiser, event=event, name="cancel")
    assert "Sell at the box office" not in client.get(desk).content.decode()
    response = client.post(desk, {"action": "sell", "sale-seats": "1"})
    assert response.status_code == 200
    assert "This event is not open for registration." in response.content.decode()
    assert not Registration.objects.filter(bookable=event.bookable_id).exists()


def test_ids_read_from_text_on_the_desk_and_the_participants_page_take_hostile_values(
    organiser: Any, client: Client
) -> None:
    """Superscript and non-ASCII digits and ids past 64 bits: the page answers, nothing is decided."""
    event = make_event(organiser, capacity=2)
    reg = services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    client.force_login(organiser)
    desk = reverse("events:checkin", args=[event.pk])
    for raw in ("²", "١", "9" * 25, "-1", str(reg.pk) + "x"):
        page = client.get(desk, {"sold": raw})
        assert page.status_code == 200 and "Print the ticket (PDF)" not in page.content.decode(), raw
    answer = client.post(
        reverse("events:participants", args=[event.pk]), {"ids": ["²", "9" * 25, "١"], "decision": "reject"}
    )
    assert answer.status_code in (200, 302)
    reg.refresh_from_db()
    assert reg.status == "confirmed"
