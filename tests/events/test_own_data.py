"""Participants see their own answers and delete their registration and answers; a held seat goes to the
waiting list; someone who attended keeps only the bare attendance record; nobody else may (404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Registration
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _event(organiser: Any) -> Any:
    return make_event(
        organiser,
        capacity=1,
        questions=[
            QuestionData(kind="country", label="Country", required=True),
            QuestionData(kind="text", label="What do you work on now?"),
        ],
    )


def _register(event: Any, name: str, work: str) -> Registration:
    q = {q.kind: str(q.pk) for q in event.questions.all()}
    return services.registration_create(
        actor=UserFactory(username=name), event=event, answers={q["country"]: "TM", q["text"]: work}
    )


def test_a_participant_sees_and_deletes_their_registration(client: Client, organiser: Any) -> None:
    event = _event(organiser)
    first, second = _register(event, "first", "A film about the Caspian"), _register(event, "second", "Dub")
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    client.force_login(first.user)
    page = client.get("/en/events/mine/").content.decode()
    assert "A film about the Caspian" in page and "Turkmenistan" in page
    # Not confirmed: nothing happens.
    client.post(f"/en/events/registrations/{first.pk}/delete", {})
    assert Registration.objects.filter(pk=first.pk).exists()
    # Someone else's registration: 404, and nothing changes.
    assert client.post(f"/en/events/registrations/{second.pk}/delete", {"confirm": "on"}).status_code == 404
    answer = client.post(f"/en/events/registrations/{first.pk}/delete", {"confirm": "on"}, follow=True)
    assert "Your registration and your answers are deleted." in answer.content.decode()
    assert not Registration.objects.filter(pk=first.pk).exists()
    second.refresh_from_db()
    assert second.status == "confirmed"  # the freed seat went to the waiting list


def test_someone_who_attended_keeps_the_attendance_record_without_answers(organiser: Any) -> None:
    event = _event(organiser)
    reg = _register(event, "present", "Sound")
    services.checkin(actor=organiser, event=event, code=reg.code)
    assert services.registration_delete(actor=reg.user, registration=reg) == "erased"
    reg.refresh_from_db()
    assert reg.status == "confirmed" and reg.answers == {} and reg.answers_erased_at is not None
    assert reg.checkins.count() == 1
    with pytest.raises(Exception, match="may not"):
        services.registration_delete(actor=organiser, registration=reg)


def test_a_paid_booking_deleted_after_the_event_stays_paid(organiser: Any) -> None:
    """Once what it books is over its holder can no longer give a paid seat back, so deleting the booking
    (or the account) does not turn it into money owed back: it stays paid, without the person's answers.
    Deleted before the start, the same booking is owed back, as a given-back one is."""
    import datetime as dt

    from korkyt.events.models import PaymentState, Session
    from korkyt.events.services import registrations

    event = _event(organiser)
    before, after = _register(event, "early", "Light"), _register(event, "late", "Sound")
    Registration.objects.filter(pk__in=[before.pk, after.pk]).update(payment=PaymentState.PAID)
    assert services.registration_delete(actor=before.user, registration=before) == "erased"
    before.refresh_from_db()
    assert (before.status, before.payment) == ("cancelled", PaymentState.REFUND)

    past = dt.datetime(2026, 1, 10, 10, 0, tzinfo=dt.UTC)
    Session.objects.filter(event=event).update(starts_at=past, ends_at=past + dt.timedelta(hours=3))
    after.refresh_from_db()
    assert services.registration_delete(actor=after.user, registration=after) == "erased"
    after.refresh_from_db()
    assert after.payment == PaymentState.PAID and after.status != "cancelled"
    assert after.answers == {} and after.answers_erased_at is not None

    # the same when the person deletes their account
    third = _register(_event(organiser), "leaving", "Edit")
    Registration.objects.filter(pk=third.pk).update(payment=PaymentState.PAID)
    Session.objects.filter(event=third.bookable.event).update(
        starts_at=past, ends_at=past + dt.timedelta(hours=3)
    )
    registrations.registrations_leave(third.user)
    third.refresh_from_db()
    assert third.payment == PaymentState.PAID and third.answers == {}
