"""Festival staff and screening tickets: staff read their edition's tickets through the events API (the
bookable manager the festival registers with the events app) and through the staff list
`GET /api/festival/editions/{number}/screenings/{id}/tickets`; walk-in sales at the box office (no account)
through the one booking engine, from the screening's staff page. Everyone else gets 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from korkyt.accounts.models import Role
from korkyt.core.models import AuditEntry
from korkyt.core.permissions import SYSTEM
from korkyt.events import booking
from korkyt.events import tickets as event_tickets
from korkyt.events.models import Bookable, CheckIn, Registration
from korkyt.events.selectors import bookable_manageable
from korkyt.events.services import registration_cancel
from korkyt.festival import services as festival
from korkyt.festival.programme import services, tickets
from korkyt.festival.programme.models import Screening
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def on_sale(grid: Any, staff: Any) -> Screening:
    """The first public screening of the published grid, its room grown to 30 seats (none held)."""
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    screening = Screening.objects.filter(edition=grid, kind="public").order_by("starts_at", "pk").first()
    booking_resize(screening.bookable_id, capacity=30, held=0)
    return Screening.objects.select_related("edition", "bookable").get(pk=screening.pk)


def booking_resize(bookable_id: int, **kw: Any) -> None:
    from django.db import transaction

    with transaction.atomic():
        booking.resize(bookable_id=bookable_id, **kw)


@pytest.fixture
def other_staff(db: Any) -> Any:
    """Festival staff of another edition."""
    other = festival.edition_create(
        actor=SYSTEM,
        number=7,
        city="Baku",
        country="AZ",
        starts_on=dt.date.today() + dt.timedelta(days=400),
        ends_on=dt.date.today() + dt.timedelta(days=404),
        venues=["Nizami cinema"],
    )
    return RoleAssignmentFactory(
        user=UserFactory(username="staff-7"), role=Role.FESTIVAL_STAFF, scope=other
    ).user


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _list_url(screening: Screening, number: int | None = None) -> str:
    return f"/api/festival/editions/{number or screening.edition.number}/screenings/{screening.pk}/tickets"


# ---- staff read tickets ----------------------------------------------------------------------------


def test_staff_read_a_screening_ticket_through_the_events_api(
    on_sale: Screening, staff: Any, other_staff: Any
) -> None:
    holder = UserFactory(first_name="Aida", last_name="Bekova")
    reg = tickets.book(screening=on_sale, user=holder, seats=2)
    url = f"/api/registrations/{reg.pk}"
    body = _client(staff).get(url).json()
    assert (body["id"], body["status"], body["seats"]) == (reg.pk, "confirmed", 2)
    assert _client(holder).get(url).status_code == 200
    admin = UserFactory(is_superuser=True)
    assert _client(admin).get(url).status_code == 200
    for outsider in (UserFactory(), other_staff):
        assert _client(outsider).get(url).status_code == 404
    assert Client().get(url).status_code in (401, 404)
    # managing the bookable's registrations follows the same registry
    assert bookable_manageable(staff, on_sale.bookable_id)
    assert not bookable_manageable(other_staff, on_sale.bookable_id)
    assert not bookable_manageable(UserFactory(), on_sale.bookable_id)
    # staff of another edition cannot cancel it through the API; the edition's staff can
    assert _client(other_staff).delete(url).status_code == 404
    assert _client(staff).delete(url).status_code == 204
    reg.refresh_from_db()
    assert reg.status == "cancelled"


def test_a_role_on_an_event_or_an_expired_staff_role_gives_nothing(on_sale: Screening) -> None:
    from django.utils import timezone

    reg = tickets.book(screening=on_sale, user=UserFactory())
    former = RoleAssignmentFactory(
        user=UserFactory(),
        role=Role.FESTIVAL_STAFF,
        scope=on_sale.edition,
        valid_until=timezone.now() - dt.timedelta(days=1),
    ).user
    assert _client(former).get(f"/api/registrations/{reg.pk}").status_code == 404
    with pytest.raises(PermissionDenied):
        registration_cancel(actor=former, registration=reg)


def test_the_staff_ticket_list_shows_holders_payment_and_check_in(on_sale: Screening, staff: Any) -> None:
    Bookable.objects.filter(pk=on_sale.bookable_id).update(price=Decimal("1500"), currency="KZT")
    online = tickets.book(screening=on_sale, user=UserFactory(first_name="Aida", email="aida@example.org"))
    walk_in = tickets.box_office_sale(
        actor=staff, screening=on_sale, seats=3, paid=True, name="Нурлан", email=""
    )
    tickets.checkin(actor=staff, screening=on_sale, code=walk_in.code)
    body = _client(staff).get(_list_url(on_sale)).json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["id"] == online.pk and first["channel"] == "online"
    assert (first["payment"], first["amount"], first["currency"]) == ("unpaid", "1500.00", "KZT")
    assert first["holder"]["email"] == "aida@example.org" and first["checked_in"] is False
    assert second["id"] == walk_in.pk and second["channel"] == "box_office"
    assert (second["seats"], second["payment"], second["amount"]) == (3, "paid", "4500.00")
    assert second["paid_at"] is not None and second["checked_in"] is True
    assert second["holder"] == {"name": "Нурлан", "email": ""}
    confirmed = _client(staff).get(_list_url(on_sale) + "?status=waitlisted").json()
    assert confirmed["count"] == 0


def test_the_staff_ticket_list_is_404_for_everyone_else_and_for_another_editions_screening(
    on_sale: Screening, staff: Any, other_staff: Any
) -> None:
    tickets.book(screening=on_sale, user=UserFactory())
    url = _list_url(on_sale)
    assert _client(staff).get(url).status_code == 200
    assert _client(UserFactory(is_superuser=True)).get(url).status_code == 200
    for outsider in (UserFactory(), other_staff):
        assert _client(outsider).get(url).status_code == 404
    assert Client().get(url).status_code in (401, 404)
    # the screening asked under another edition's number: 404, even for staff of both editions
    RoleAssignmentFactory(user=other_staff, role=Role.FESTIVAL_STAFF, scope=on_sale.edition)
    assert _client(other_staff).get(_list_url(on_sale, number=7)).status_code == 404
    assert _client(staff).get(_list_url(on_sale, number=7)).status_code == 404
    assert _client(staff).get(f"/api/festival/editions/6/screenings/{10**9}/tickets").status_code == 404
    for number, pk in ((6, 2**70), (2**70, on_sale.pk), (2**40, on_sale.pk), (6, 0)):
        assert _client(staff).get(f"/api/festival/editions/{number}/screenings/{pk}/tickets").status_code in (
            404,
            422,
        ), (number, pk)
    assert _client(staff).get(f"/api/festival/editions/99/screenings/{on_sale.pk}/tickets").status_code == 404


def test_the_staff_ticket_list_pages_with_a_constant_number_of_queries(
    on_sale: Screening, staff: Any
) -> None:
    client = _client(staff)
    url = _list_url(on_sale)

    def queries(path: str) -> int:
        client.get(path)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    tickets.book(screening=on_sale, user=UserFactory())
    few = queries(url)
    for i in range(12):
        if i % 3:
            tickets.book(screening=on_sale, user=UserFactory())
        else:
            tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True, name=f"Guest {i}")
    for reg in Registration.objects.filter(bookable=on_sale.bookable_id)[:5]:
        tickets.checkin(actor=staff, screening=on_sale, code=reg.code)
    many = queries(url)
    assert many == few, (few, many)
    page = client.get(url + "?limit=5&offset=10").json()
    assert page["count"] == 13 and len(page["results"]) == 3
    ids = [r["id"] for r in client.get(url + "?limit=5").json()["results"]]
    ids += [r["id"] for r in client.get(url + "?limit=5&offset=5").json()["results"]]
    ids += [r["id"] for r in page["results"]]
    assert ids == list(
        Registration.objects.filter(bookable=on_sale.bookable_id)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    assert sum(r["checked_in"] for r in client.get(url + "?limit=50").json()["results"]) == 5
    assert client.get(url + "?limit=0").status_code == 422


# ---- box office ------------------------------------------------------------------------------------


def test_a_box_office_sale_is_a_confirmed_paid_ticket_that_check_in_accepts(
    on_sale: Screening, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    Bookable.objects.filter(pk=on_sale.bookable_id).update(price=Decimal("1500"), currency="KZT")
    mail.outbox.clear()
    from django.utils import translation

    with django_capture_on_commit_callbacks(execute=True), translation.override("ru"):  # the desk's language
        reg = tickets.box_office_sale(
            actor=staff, screening=on_sale, seats=4, paid=True, name="Aida Bekova", email="aida@example.org"
        )
    assert reg.user is None and reg.channel == "box_office" and reg.status == "confirmed"
    assert (reg.seats, reg.payment, reg.amount, reg.currency) == (4, "paid", Decimal("6000"), "KZT")
    assert reg.paid_at is not None and len(reg.code) == 10
    assert Bookable.objects.get(pk=on_sale.bookable_id).taken == 4
    # the given e-mail gets the ticket with its QR code (no account: no ticket page link)
    assert [m.to for m in mail.outbox] == [["aida@example.org"]] and reg.holder_language == "ru"
    assert mail.outbox[0].subject.startswith("Ваш билет")
    assert any(name.endswith(".png") for name, *_ in mail.outbox[0].attachments)
    assert event_tickets.pretty(reg.code) in mail.outbox[0].body
    # check-in reads its code; a second read is a no-op
    done = tickets.checkin(actor=staff, screening=on_sale, code=reg.code.lower())
    assert done.created and done.registration.pk == reg.pk
    assert not tickets.checkin(actor=staff, screening=on_sale, code=reg.code).created
    assert CheckIn.objects.filter(registration=reg).count() == 1
    entry = AuditEntry.objects.get(action_type="events.registration.box_office")
    assert "aida" not in str(entry.additional_data).lower()  # no personal data in the log
    # unpaid: a reservation staff mark paid later; no e-mail, no mail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        later = tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=False)
    assert (later.payment, later.paid_at, later.holder_label) == ("unpaid", None, "Box-office sale")
    assert mail.outbox == []
    assert tickets.mark_paid(actor=staff, screening=on_sale, registration=later).payment == "paid"


def test_a_free_screening_sale_is_free_and_the_per_person_limit_does_not_apply(
    on_sale: Screening, staff: Any
) -> None:
    assert Bookable.objects.get(pk=on_sale.bookable_id).per_person_limit == 2
    reg = tickets.box_office_sale(actor=staff, screening=on_sale, seats=10, paid=True)
    assert (reg.payment, reg.amount, reg.paid_at) == ("free", None, None)
    with pytest.raises(ValidationError) as err:
        tickets.box_office_sale(actor=staff, screening=on_sale, seats=11, paid=True)
    assert "between 1 and 10" in str(err.value)
    # two walk-ins (no account) never collide on the one-live-registration rule
    tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True)
    assert Registration.objects.filter(bookable=on_sale.bookable_id, user__isnull=True).count() == 2


def test_a_sale_beyond_the_free_seats_is_refused_with_nothing_saved(on_sale: Screening, staff: Any) -> None:
    booking_resize(on_sale.bookable_id, capacity=8, held=3)  # 5 for sale
    tickets.book(screening=on_sale, user=UserFactory(), seats=2)
    before = (Registration.objects.count(), AuditEntry.objects.count())
    with pytest.raises(booking.BookingError) as err:
        tickets.box_office_sale(actor=staff, screening=on_sale, seats=4, paid=True)
    assert err.value.code == "full" and "Only 3 seats are left" in str(err.value.messages)
    assert (Registration.objects.count(), AuditEntry.objects.count()) == before
    assert Bookable.objects.get(pk=on_sale.bookable_id).taken == 2
    tickets.box_office_sale(actor=staff, screening=on_sale, seats=3, paid=True)
    bookable = Bookable.objects.get(pk=on_sale.bookable_id)
    assert (bookable.taken, bookable.held) == (5, 3)  # the held seats stay held
    with pytest.raises(booking.BookingError) as err:
        tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True)
    assert err.value.code == "full" and "All seats are taken" in str(err.value.messages)


def test_sales_are_refused_for_a_cancelled_or_closed_screening_and_for_non_staff(
    on_sale: Screening, staff: Any, other_staff: Any
) -> None:
    for outsider in (UserFactory(), other_staff):
        with pytest.raises(PermissionDenied):
            tickets.box_office_sale(actor=outsider, screening=on_sale, seats=1, paid=True)
    Bookable.objects.filter(pk=on_sale.bookable_id).update(
        closes_at=on_sale.starts_at - dt.timedelta(days=900)
    )
    with pytest.raises(booking.BookingError) as err:
        tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True)
    assert err.value.code == "registration_closed"
    Screening.objects.filter(pk=on_sale.pk).update(state="cancelled")
    on_sale.refresh_from_db()
    with pytest.raises(booking.BookingError) as err:
        tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True)
    assert "cancelled" in str(err.value.messages)
    assert not Registration.objects.exists()


def test_the_staff_page_sells_at_the_box_office(on_sale: Screening, staff: Any, other_staff: Any) -> None:
    Bookable.objects.filter(pk=on_sale.bookable_id).update(price=Decimal("1500"), currency="KZT")
    url = reverse("festival:screening_checkin", args=[on_sale.pk])
    client = _client(staff)
    page = client.get(url).content.decode()
    assert "Sell at the box office" in page and "1,500 KZT a seat" in page
    assert 'name="sale-seats"' in page and 'name="sale-paid"' in page and 'for="id_sale-email"' in page
    form = {"action": "sell", "sale-seats": "2", "sale-paid": "on", "sale-name": "Ayşe Demir"}
    response = client.post(url, form, follow=True)
    page = response.content.decode()
    reg = Registration.objects.get(channel="box_office")
    assert "Sold 2 seats. Ticket code:" in page and reg.code[:5] in page
    assert (reg.seats, reg.payment, reg.holder_name) == (2, "paid", "Ayşe Demir")
    assert '<span lang="und-Latn">Ayşe Demir</span>' in page
    # refusals are shown with the reason; nothing saved
    booking_resize(on_sale.bookable_id, capacity=5)
    for bad, reason in (
        ({"sale-seats": "50"}, "less than or equal to 10"),
        ({"sale-email": "not-an-address"}, "valid email"),
        ({"sale-seats": "4"}, "Only 3 seats are left"),
    ):
        shown = client.post(url, {**form, **bad}, follow=True).content.decode()
        assert reason in shown, bad
    # an error is tied to its field for screen readers, and what was typed stays
    shown = client.post(url, {**form, "sale-email": "not-an-address"}).content.decode()
    assert 'aria-describedby="id_sale-email_helptext id_sale-email_error"' in shown
    assert 'id="id_sale-email_error"' in shown and 'value="Ayşe Demir"' in shown
    assert Registration.objects.filter(channel="box_office").count() == 1
    # non-staff: 404, nothing sold
    for outsider in (UserFactory(), other_staff, None):
        assert _client(outsider).post(url, form).status_code == 404
    assert Registration.objects.filter(channel="box_office").count() == 1
    # a cancelled screening offers no sale
    Screening.objects.filter(pk=on_sale.pk).update(state="cancelled")
    assert "Sell at the box office" not in client.get(url).content.decode()


@pytest.mark.parametrize("language", ["ru", "kk", "az", "ky", "tk", "tr", "uz"])
def test_the_box_office_form_speaks_each_language(on_sale: Screening, staff: Any, language: str) -> None:
    from django.utils import translation

    tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True)
    with translation.override(language):
        url = reverse("festival:screening_checkin", args=[on_sale.pk])
    page = _client(staff).get(url).content.decode()
    for english in (
        "Sell at the box office",
        "Free entry.",
        "at most 10 seats a sale",
        "Name (optional)",
        "E-mail for the ticket",
        ">Sell<",
        "Box-office sale",
        "seats left",
    ):
        assert english not in page, (language, english)


def test_a_moved_screening_tells_walk_ins_who_gave_an_e_mail(on_sale: Screening, staff: Any) -> None:
    tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True, email="walkin@example.org")
    tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True)
    tickets.book(screening=on_sale, user=UserFactory(email="online@example.org"))
    assert tickets.notify_holders(screening_id=on_sale.pk) == 2


# ---- box-office sale through the API --------------------------------------------------------------------


def test_staff_sell_at_the_box_office_through_the_api(
    on_sale: Screening, staff: Any, other_staff: Any
) -> None:
    url = _list_url(on_sale)
    answer = _client(staff).post(
        url, {"seats": 3, "paid": True, "name": "Айгүл Сапарова"}, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    reg = Registration.objects.get(pk=body["id"])
    assert (reg.user_id, reg.seats, reg.status, reg.channel) == (None, 3, "confirmed", "box_office")
    assert body["code"] == event_tickets.pretty(reg.code) and body["holder"]["name"] == "Айгүл Сапарова"
    assert body["channel"] == "box_office" and body["checked_in"] is False
    assert AuditEntry.objects.filter(
        action_type="events.registration.box_office", object_pk=str(reg.pk)
    ).exists()
    listed = _client(staff).get(url).json()
    assert [t["id"] for t in listed["results"]] == [reg.pk]


def test_box_office_api_refusals_save_nothing(on_sale: Screening, staff: Any, other_staff: Any) -> None:
    url = _list_url(on_sale)
    post = lambda user, data: _client(user).post(url, data, content_type="application/json")  # noqa: E731
    for outsider in (UserFactory(), other_staff):
        assert post(outsider, {"seats": 1}).status_code == 404
    assert Client().post(url, {"seats": 1}, content_type="application/json").status_code in (401, 404)
    bad_seats = post(staff, {"seats": 11})
    assert bad_seats.status_code == 422 and bad_seats.json()["errors"][0]["field"] == "seats"
    assert post(staff, {"seats": 0}).status_code == 422
    bad_mail = post(staff, {"seats": 1, "email": "not an address"})
    assert bad_mail.status_code == 422 and bad_mail.json()["errors"][0]["field"] == "email"
    assert post(staff, {"seats": "many"}).status_code == 422
    booking_resize(on_sale.bookable_id, capacity=2, held=0)
    full = post(staff, {"seats": 3})
    assert full.status_code == 409 and full.json()["code"] == "full"
    assert not Registration.objects.filter(bookable=on_sale.bookable_id).exists()
    Screening.objects.filter(pk=on_sale.pk).update(state="cancelled")
    closed = post(staff, {"seats": 1})
    assert closed.status_code == 409 and closed.json()["code"] == "registration_closed"
    assert not Registration.objects.filter(bookable=on_sale.bookable_id).exists()


def test_the_retention_task_erases_a_walk_ins_name_and_email_after_the_screening(
    on_sale: Screening, staff: Any
) -> None:
    from korkyt.events.services import answers_erase

    reg = tickets.box_office_sale(
        actor=staff, screening=on_sale, seats=1, paid=True, name="Aida Bekova", email="aida@example.org"
    )
    assert answers_erase(days=30, now=on_sale.ends_at + dt.timedelta(days=29)) == 0
    assert answers_erase(days=30, now=on_sale.ends_at + dt.timedelta(days=31)) == 1
    reg.refresh_from_db()
    assert (reg.holder_name, reg.holder_email, reg.seats, reg.status) == ("", "", 1, "confirmed")
    assert answers_erase(days=30, now=on_sale.ends_at + dt.timedelta(days=32)) == 0  # once


# ---- printed tickets -------------------------------------------------------------------------------


def _pdf_text(body: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_a_walk_in_sale_leads_to_its_printed_ticket(on_sale: Screening, staff: Any) -> None:
    """The sale returns to the check-in page with links to the new ticket's PDF and QR page; the PDF (A5,
    the events engine's) names the film's screening, the buyer, the seats and what is left to pay."""
    Bookable.objects.filter(pk=on_sale.bookable_id).update(price=Decimal("1500"), currency="KZT")
    client = _client(staff)
    page = reverse("festival:screening_checkin", args=[on_sale.pk])
    response = client.post(
        page, {"action": "sell", "sale-seats": "2", "sale-name": "Айгүл Сапарова", "sale-email": ""}
    )
    sold = Registration.objects.get(bookable=on_sale.bookable_id, holder_name="Айгүл Сапарова")
    assert response.status_code == 302 and response["Location"].endswith(f"?sold={sold.pk}")
    html = client.get(response["Location"]).content.decode()
    pdf_url = reverse("festival:screening_ticket_pdf", args=[sold.pk])
    assert pdf_url in html and reverse("festival:screening_ticket", args=[sold.pk]) in html
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "Айгүл Сапарова" in text and "2 seats" in text
    assert event_tickets.pretty(sold.code) in text
    assert "3,000 KZT" in text  # unpaid: the amount due at the box office
    assert on_sale.room.name in text
    # the QR page, for staff: the holder's name, not "your ticket"
    qr_page = client.get(reverse("festival:screening_ticket", args=[sold.pk])).content.decode()
    assert "Айгүл Сапарова" in qr_page and "Your ticket" not in qr_page and "<svg" in qr_page


def test_a_printed_ticket_is_in_the_readers_language_and_paid_tickets_owe_nothing(
    on_sale: Screening, staff: Any
) -> None:
    sold = tickets.box_office_sale(actor=staff, screening=on_sale, seats=1, paid=True, name="")
    from django.utils import translation

    with translation.override("ru"):
        url = reverse("festival:screening_ticket_pdf", args=[sold.pk])
    text = _pdf_text(_client(staff).get(url).content)
    assert "Билет" in text and "Продажа в кассе" in text  # a walk-in without a name
    assert "К оплате" not in text


def test_printed_tickets_for_the_holder_and_the_editions_staff_only(
    on_sale: Screening, staff: Any, other_staff: Any
) -> None:
    holder = UserFactory()
    reg = tickets.book(screening=on_sale, user=holder)
    url = reverse("festival:screening_ticket_pdf", args=[reg.pk])
    assert _client(holder).get(url).status_code == 200
    assert _client(staff).get(url).status_code == 200
    for outsider in (UserFactory(), other_staff):
        assert _client(outsider).get(url).status_code == 404
    assert _client(None).get(url).status_code == 302  # signed out: sign in first
    assert _client(other_staff).get(reverse("festival:screening_ticket", args=[reg.pk])).status_code == 404
    # a cancelled ticket has no printout; its page still says what happened
    registration_cancel(actor=holder, registration=reg)
    assert _client(holder).get(url).status_code == 404
    assert _client(holder).get(reverse("festival:screening_ticket", args=[reg.pk])).status_code == 200
    # an event's registration is not a screening ticket
    assert _client(staff).get(reverse("festival:screening_ticket_pdf", args=[10**9])).status_code == 404
