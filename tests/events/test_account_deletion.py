"""A person who deletes their account hands back what others wait for (accounts.personal_data): a seat goes
to the next person on the waiting list, a paid booking stays on the box office's books as money owed, and
their export holds their registrations with their answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from korkyt.accounts import selectors as account_selectors
from korkyt.accounts import services as account_services
from korkyt.events import booking, services
from korkyt.events.models import Bookable, PaymentState, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-2026"


def _person(username: str) -> Any:
    user = UserFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_deleting_an_account_gives_its_seat_to_the_next_person_waiting(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    leaving, waiting = _person("leaving"), _person("waiting")
    services.registration_create(actor=leaving, event=event, answers=country_answer(event, "KZ"))
    second = services.registration_create(actor=waiting, event=event, answers=country_answer(event, "AZ"))
    assert second.status == "waitlisted"

    account_services.user_delete(user=leaving, password=PASSWORD)

    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    assert list(Registration.objects.filter(bookable=event.bookable_id).values_list("user", flat=True)) == [
        waiting.pk
    ]
    assert Bookable.objects.get(pk=event.bookable_id).taken == 1


def test_a_paid_booking_outlives_the_account_as_money_owed_without_the_person(organiser: Any) -> None:
    event = make_event(organiser, capacity=2)
    leaving = _person("payer")
    reg = services.registration_create(actor=leaving, event=event, answers=country_answer(event, "KZ"))
    Registration.objects.filter(pk=reg.pk).update(payment=PaymentState.UNPAID, amount=20, currency="EUR")
    booking.mark_paid(registration_id=reg.pk)

    account_services.user_delete(user=leaving, password=PASSWORD)

    kept = Registration.objects.get(pk=reg.pk)
    assert kept.user_id is None and kept.status == "cancelled" and kept.payment == PaymentState.REFUND
    assert kept.answers == {} and kept.answers_erased_at is not None
    assert Bookable.objects.get(pk=event.bookable_id).taken == 0


def test_the_export_holds_the_persons_registrations_and_answers(organiser: Any) -> None:
    event = make_event(organiser, capacity=2)
    person = _person("exporter")
    services.registration_create(actor=person, event=event, answers=country_answer(event, "TM"))

    export = account_selectors.user_export(user=person)

    [row] = export["event_registrations"]
    assert row["event"] == event.pk and row["status"] == "confirmed" and row["country"] == "TM"
    assert row["event_title"] == "Sound design master class"
    assert list(row["answers"].values()) == ["TM"]
    assert export["screening_tickets"] == [] and export["starred_screenings"] == []


def test_a_juror_cannot_delete_their_account_until_taken_off_the_jury(organiser: Any) -> None:
    from korkyt.festival import services as festival_services
    from tests.festival.conftest import make_edition, make_feature, make_staff

    edition = make_edition()
    juror = _person("juror-x")
    festival_services.juror_add(actor=make_staff(edition), section=make_feature(edition), user=juror)
    event = make_event(organiser, capacity=1)
    reg = services.registration_create(actor=juror, event=event, answers=country_answer(event, "KZ"))

    with pytest.raises(ValidationError, match="jury or selection committee"):
        account_services.user_delete(user=juror, password=PASSWORD)

    assert Registration.objects.get(pk=reg.pk).status == "confirmed"  # nothing was handed back
    assert Bookable.objects.get(pk=event.bookable_id).taken == 1


def test_deleting_an_account_writes_to_the_person_waiting_and_not_to_the_one_gone(
    organiser: Any, django_capture_on_commit_callbacks: Any, mailoutbox: Any
) -> None:
    """The mails of the seat handed back are sent once the deletion commits: by then the account is gone."""
    event = make_event(organiser, capacity=1)
    leaving, waiting = _person("leaving"), _person("waiting")
    leaving.email, waiting.email = "leaving@example.org", "waiting@example.org"
    leaving.save(update_fields=["email"])
    waiting.save(update_fields=["email"])
    services.registration_create(actor=leaving, event=event, answers=country_answer(event, "KZ"))
    services.registration_create(actor=waiting, event=event, answers=country_answer(event, "AZ"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        account_services.user_delete(user=leaving, password=PASSWORD)
    assert [m.to for m in mailoutbox] == [["waiting@example.org"]]
