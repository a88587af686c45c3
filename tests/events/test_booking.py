"""The booking engine, one request at a time: capacity, quotas, waiting list, promotion, offers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from korkyt.events import booking, services
from korkyt.events.booking import BookingError
from korkyt.events.models import Bookable, Quota, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register(event: Any, name: str, country: str) -> Registration:
    return services.registration_create(
        actor=UserFactory(username=name), event=event, answers=country_answer(event, country)
    )


def test_seats_are_confirmed_until_full_then_the_waiting_list_takes_people_in_order(organiser: Any) -> None:
    event = make_event(organiser, capacity=2)
    statuses = [register(event, f"p{i}", "KZ").status for i in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    positions = list(Registration.objects.filter(status="waitlisted").values_list("position", flat=True))
    assert positions == [1, 2]


def test_a_country_quota_waitlists_the_sixth_applicant_of_one_country_while_others_still_get_seats(
    organiser: Any,
) -> None:
    event = make_event(organiser, capacity=30, per_country_limit=5)
    tm = [register(event, f"tm{i}", "TM").status for i in range(6)]
    assert tm == ["confirmed"] * 5 + ["waitlisted"]
    assert register(event, "kg", "KG").status == "confirmed"
    assert Quota.objects.get(bookable=event.bookable, country="TM").used == 5


def test_a_named_quota_overrides_the_per_country_limit(organiser: Any) -> None:
    event = make_event(organiser, capacity=10, per_country_limit=1, quotas={"KZ": 3})
    assert [register(event, f"kz{i}", "KZ").status for i in range(4)] == ["confirmed"] * 3 + ["waitlisted"]
    assert [register(event, f"az{i}", "AZ").status for i in range(2)] == ["confirmed", "waitlisted"]


def test_registering_twice_is_refused_with_the_existing_registration(organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    user = UserFactory(username="twice")
    first = services.registration_create(actor=user, event=event, answers=country_answer(event, "KZ"))
    with pytest.raises(BookingError) as exc:
        services.registration_create(actor=user, event=event, answers=country_answer(event, "KZ"))
    assert exc.value.code == "already_registered"
    assert exc.value.registration == first


def test_full_without_a_waiting_list_and_closed_registration_are_refused_with_their_codes(
    organiser: Any,
) -> None:
    event = make_event(organiser, capacity=1, waitlist=False)
    register(event, "a", "KZ")
    with pytest.raises(BookingError) as exc:
        register(event, "b", "AZ")
    assert exc.value.code == "full"
    closed = make_event(organiser, closes_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(BookingError) as exc:
        register(closed, "c", "KZ")
    assert exc.value.code == "registration_closed"


def test_a_cancellation_promotes_the_first_waiting_person_whose_country_has_room(organiser: Any) -> None:
    event = make_event(organiser, capacity=3, per_country_limit=2)
    kz1, _kz2 = register(event, "kz1", "KZ"), register(event, "kz2", "KZ")
    az1 = register(event, "az1", "AZ")
    waiting_kz, waiting_az = register(event, "kz3", "KZ"), register(event, "az2", "AZ")
    assert (waiting_kz.status, waiting_az.status) == ("waitlisted", "waitlisted")
    promoted = services.registration_cancel(actor=az1.user, registration=az1)
    # kz3 is first in line but Kazakhstan's two seats are taken: the Azerbaijani is promoted
    assert [r.user.username for r in promoted] == ["az2"]
    promoted = services.registration_cancel(actor=kz1.user, registration=kz1)
    assert [r.user.username for r in promoted] == ["kz3"]
    bookable = Bookable.objects.get(pk=event.bookable_id)
    assert bookable.taken == 3


def test_cancelling_twice_frees_one_seat_only(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    a = register(event, "a", "KZ")
    register(event, "b", "KZ")
    register(event, "c", "KZ")
    assert len(services.registration_cancel(actor=a.user, registration=a)) == 1
    assert services.registration_cancel(actor=a.user, registration=a) == []
    assert list(Registration.objects.filter(status="confirmed").values_list("user__username", flat=True)) == [
        "b"
    ]


def test_an_offer_holds_the_seat_until_accepted_or_it_passes_on_when_it_expires(organiser: Any) -> None:
    event = make_event(organiser, capacity=1, offer_hours=24)
    a = register(event, "a", "KZ")
    b, c = register(event, "b", "KZ"), register(event, "c", "KZ")
    services.registration_cancel(actor=a.user, registration=a)
    b.refresh_from_db()
    assert b.status == "offered" and b.offer_expires_at is not None
    assert booking.offers_expire(now=b.offer_expires_at + dt.timedelta(minutes=1)) == 1
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, c.status) == ("cancelled", "offered")
    services.registration_offer_accept(actor=c.user, registration=c)
    c.refresh_from_db()
    assert c.status == "confirmed"


def test_application_review_keeps_applicants_pending_until_organisers_decide(organiser: Any) -> None:
    event = make_event(organiser, capacity=1, mode="review")
    a, b = register(event, "a", "KZ"), register(event, "b", "AZ")
    assert (a.status, b.status) == ("pending", "pending")
    services.registrations_decide(actor=organiser, event=event, ids=[b.pk], decision="shortlist")
    done = services.registrations_decide(actor=organiser, event=event, ids=[a.pk, b.pk], decision="accept")
    assert [r.status for r in done.done] == ["confirmed", "waitlisted"]


def test_the_database_refuses_a_seat_past_capacity_even_if_code_tried(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    register(event, "a", "KZ")
    with pytest.raises(IntegrityError), transaction.atomic():
        Bookable.objects.filter(pk=event.bookable_id).update(taken=2)


def test_publishing_records_the_event_under_its_memorandum(organiser: Any) -> None:
    from korkyt.accounts.rules import institution_ids
    from korkyt.institutions.models import CooperationArea, Institution, MemorandumActivity
    from tests.factories import memorandum

    memo = memorandum(Institution.objects.get(pk=min(institution_ids(organiser))), areas=("master_classes",))
    area = CooperationArea.objects.get(code="master_classes")
    event = make_event(organiser, memorandum=memo, area=area)
    assert MemorandumActivity.objects.filter(memorandum=memo, object_id=event.pk).exists()


def test_the_periodic_task_expires_offers_and_passes_the_seat_on(organiser: Any) -> None:
    from korkyt.events.tasks import expire_offers

    event = make_event(organiser, capacity=1, offer_hours=1)
    a, b = register(event, "a", "KZ"), register(event, "b", "KZ")
    services.registration_cancel(actor=a.user, registration=a)
    Registration.objects.filter(pk=b.pk).update(offer_expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert expire_offers() == 1
    assert expire_offers() == 0
    assert Bookable.objects.get(pk=event.bookable_id).taken == 0


def test_an_offers_deadline_is_shown_in_the_events_time_zone(organiser: Any) -> None:
    import zoneinfo

    from django.test import Client

    event = make_event(organiser, capacity=1, offer_hours=24)
    a = register(event, "a", "KZ")
    b = register(event, "b", "KZ")
    services.registration_cancel(actor=a.user, registration=a)
    b.refresh_from_db()
    local = b.offer_expires_at.astimezone(zoneinfo.ZoneInfo("Asia/Aqtau"))
    client = Client()
    client.force_login(b.user)
    page = client.get("/en/events/mine/").content.decode()
    assert f"{local:%H:%M}." in page and "(Asia/Aqtau)" in page, page[-2500:]


def test_the_offer_mail_gives_its_deadline_as_a_wall_time_of_the_events_place(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import zoneinfo

    from django.core import mail

    event = make_event(organiser, capacity=1, offer_hours=24)
    a, b = (
        services.registration_create(
            actor=UserFactory(username=name, email=f"{name}@example.kz"),
            event=event,
            answers=country_answer(event, "KZ"),
        )
        for name in ("a", "b")
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=a.user, registration=a)
    b.refresh_from_db()
    local = b.offer_expires_at.astimezone(zoneinfo.ZoneInfo("Asia/Aqtau"))
    (offer,) = [m for m in mail.outbox if m.to == [b.user.email]]
    assert f"{local:%H:%M} (Asia/Aqtau)" in offer.body, offer.body
    assert "+00:00" not in offer.body and str(b.offer_expires_at.year) in offer.body
