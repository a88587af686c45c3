"""Tickets and check-in: a QR code per confirmed registration (page, mail, PDF); the check-in desk takes
the code scanned, typed or pasted, or a name; a second read changes nothing; every check-in is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import segno
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.core.models import AuditEntry
from korkyt.events import services, tickets
from korkyt.events.models import CheckIn, normalize_code
from korkyt.events.services import SessionData
from tests.events.conftest import AQTAU, country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def two_sessions() -> list[SessionData]:
    start = dt.datetime(2027, 5, 12, 10, 0, tzinfo=AQTAU)
    return [
        SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=3)),
        SessionData(starts_at=start + dt.timedelta(days=1), ends_at=start + dt.timedelta(days=1, hours=3)),
    ]


def test_codes_are_unique_and_read_back_as_typed() -> None:
    assert normalize_code(" k3m9x-2qw7b ") == "K3M9X2QW7B"
    assert normalize_code("https://korkyt.example/t/K3M9X2QW7B/") == "K3M9X2QW7B"
    assert normalize_code("K3M9X-2QW7O") == "K3M9X2QW70"  # O read as zero


def test_confirmed_participant_gets_a_qr_ticket_by_page_mail_and_pdf(
    client: Client, organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=5)
    alice = UserFactory(username="alice", email="alice@example.kz", language="kk")
    with django_capture_on_commit_callbacks(execute=True):
        reg = services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    (sent,) = mail.outbox
    names = [a[0] for a in sent.attachments]
    assert f"ticket-{reg.code}.png" in names and f"/events/registrations/{reg.pk}/ticket/" in sent.body
    client.force_login(alice)
    page = client.get(f"/kk/events/registrations/{reg.pk}/ticket/").content.decode()
    assert "<svg" in page and tickets.pretty(reg.code) in page
    assert "10:00–13:00 (Asia/Aqtau)" in page  # the venue's wall time, as named (05:00 UTC)
    # The QR encodes the bare code, the same thing the desk takes typed.
    assert tickets.qr_svg(reg.code) in page
    assert tickets.qr(reg.code).matrix == segno.make_qr(reg.code, error="m").matrix
    pdf = client.get(f"/kk/events/registrations/{reg.pk}/ticket.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    client.force_login(UserFactory(username="bob"))
    assert client.get(f"/kk/events/registrations/{reg.pk}/ticket/").status_code == 404
    assert client.get(f"/kk/events/registrations/{reg.pk}/ticket.pdf").status_code == 404


def test_check_in_is_idempotent_per_session_and_audited(organiser: Any) -> None:
    event = make_event(organiser, capacity=5, sessions=two_sessions())
    first, second = event.sessions.all()
    reg = services.registration_create(
        actor=UserFactory(username="alice"), event=event, answers=country_answer(event, "KZ")
    )
    done = services.checkin(actor=organiser, event=event, code=tickets.pretty(reg.code).lower())
    assert done.created and done.checkin.session == first
    again = services.checkin(actor=organiser, event=event, code=reg.code)
    assert not again.created and again.checkin.pk == done.checkin.pk
    other_day = services.checkin(actor=organiser, event=event, code=reg.code, session=second)
    assert other_day.created
    assert CheckIn.objects.count() == 2
    assert AuditEntry.objects.filter(action_type="events.registration.checkin").count() == 2


def test_check_in_refuses_unknown_codes_other_events_and_unconfirmed(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    other = make_event(organiser)
    confirmed = services.registration_create(
        actor=UserFactory(username="a"), event=event, answers=country_answer(event, "KZ")
    )
    waiting = services.registration_create(
        actor=UserFactory(username="b"), event=event, answers=country_answer(event, "KG")
    )
    assert waiting.status == "waitlisted"
    for code in ("", "ZZZZZZZZZZ", waiting.code):
        with pytest.raises(ValidationError) as refused:
            services.checkin(actor=organiser, event=event, code=code)
        assert "code" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.checkin(actor=organiser, event=other, code=confirmed.code)
    assert not CheckIn.objects.exists()


def test_check_in_desk_by_code_and_by_name_with_live_counts(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    alice = UserFactory(username="alice", first_name="Aigerim", last_name="Sadykova")
    reg = services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    client.force_login(organiser)
    page = client.get(f"/en/events/{event.pk}/checkin/")
    assert page.status_code == 200 and "0</strong> / 1" in page.content.decode()
    # Camera scanning: a local script (no other origin) shows its button only where the browser reads QR.
    html = page.content.decode()
    assert 'id="camera-start"' in html and " hidden " in html.split('id="camera-start"')[1][:80]
    assert '<script src="/static/events/checkin-camera.js" defer></script>' in html
    found = client.get(f"/en/events/{event.pk}/checkin/?q=sadyk").content.decode()
    assert "Aigerim Sadykova" in found and f'value="{reg.code}"' in found
    answer = client.post(f"/en/events/{event.pk}/checkin/", {"code": reg.code}, follow=True)
    assert "Checked in: Aigerim Sadykova." in answer.content.decode()
    answer = client.post(f"/en/events/{event.pk}/checkin/", {"code": reg.code}, follow=True)
    assert "already checked in" in answer.content.decode()
    counts = client.get(f"/en/events/{event.pk}/checkin/counts").content.decode()
    assert "1</strong> / 1" in counts
    answer = client.post(f"/en/events/{event.pk}/checkin/", {"code": "nonsense"}, follow=True)
    assert "No ticket of this event has the code" in answer.content.decode()
    client.force_login(alice)  # a participant is not staff: 404 everywhere on the desk
    assert client.get(f"/en/events/{event.pk}/checkin/").status_code == 404
    assert client.post(f"/en/events/{event.pk}/checkin/", {"code": reg.code}).status_code == 404
    assert client.get(f"/en/events/{event.pk}/checkin/counts").status_code == 404


def test_a_ticket_checked_in_cannot_be_given_back_so_its_seat_is_never_sold_twice(
    client: Client, organiser: Any
) -> None:
    from korkyt.events.booking import BookingError
    from korkyt.events.models import RegistrationStatus

    event = make_event(organiser, capacity=1)
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    reg = services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    waiting = services.registration_create(actor=bob, event=event, answers=country_answer(event, "KZ"))
    assert waiting.status == RegistrationStatus.WAITLISTED
    services.checkin(actor=organiser, event=event, code=reg.code)
    with pytest.raises(BookingError) as refused:
        services.registration_cancel(actor=alice, registration=reg)
    assert refused.value.code == "checked_in"
    reg.refresh_from_db()
    waiting.refresh_from_db()
    assert (reg.status, waiting.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    client.force_login(alice)
    response = client.post(f"/en/events/registrations/{reg.pk}/cancel", follow=True)
    assert "This ticket was checked in: its seat can no longer be given back." in response.content.decode()
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED
    # An organiser may still free it, for someone who left: the next in line is offered it.
    services.registration_cancel(actor=organiser, registration=reg)
    waiting.refresh_from_db()
    assert waiting.status != RegistrationStatus.WAITLISTED


def test_the_ticket_names_its_holder_by_the_name_they_gave_for_the_readers_language(
    client: Client, organiser: Any
) -> None:
    """Not by the account's user name: the profile's name in the page's language, marked with its tag."""
    from korkyt.accounts.services import user_name_set
    from korkyt.events.views import _ticket_context

    event = make_event(organiser, capacity=5)
    aigul = UserFactory(username="aigul77", language="kk")
    user_name_set(user=aigul, language="kk-Cyrl", full_name="Айгүл Сейітова")
    reg = services.registration_create(actor=aigul, event=event, answers=country_answer(event, "KZ"))
    client.force_login(aigul)
    page = client.get(f"/kk/events/registrations/{reg.pk}/ticket/").content.decode()
    assert '<span lang="kk-Cyrl">Айгүл Сейітова</span>' in page and "aigul77" not in page
    from django.utils import translation

    with translation.override("kk"):
        assert str(_ticket_context(reg)["holder"]) == "Айгүл Сейітова"  # what the PDF prints
