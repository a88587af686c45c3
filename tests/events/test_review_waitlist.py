"""Application review: the waiting list of accepted applications moves when a seat frees, organisers may
accept someone waiting when a seat is free, and each decision of a bulk action stands on its own with a
readable message for those refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Bookable, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _register(event: Any, n: int) -> list[Registration]:
    return [
        services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
        for _ in range(n)
    ]


def test_a_seat_freed_in_review_mode_goes_to_the_first_accepted_on_the_waiting_list(organiser: Any) -> None:
    event = make_event(organiser, capacity=1, mode="review")
    a, b = _register(event, 2)
    services.registrations_decide(actor=organiser, event=event, ids=[a.pk, b.pk], decision="accept")
    assert Registration.objects.get(pk=b.pk).status == "waitlisted"
    promoted = services.registration_cancel(actor=a.user, registration=Registration.objects.get(pk=a.pk))
    assert [r.pk for r in promoted] == [b.pk]
    assert Registration.objects.get(pk=b.pk).status == "confirmed"
    assert Bookable.objects.get(pk=event.bookable_id).taken == 1


def test_organisers_accept_someone_waiting_when_a_seat_is_free_and_hear_why_not_otherwise(
    organiser: Any,
) -> None:
    event = make_event(organiser, capacity=1, mode="review")
    a, b = _register(event, 2)
    services.registrations_decide(actor=organiser, event=event, ids=[a.pk, b.pk], decision="accept")
    client = Client()
    client.force_login(organiser)
    r = client.post(f"/en/events/{event.pk}/participants/", {"ids": [b.pk], "decision": "accept"})
    shown = [str(m) for m in get_messages(r.wsgi_request)]
    assert Registration.objects.get(pk=b.pk).status == "waitlisted"
    assert any("No seat is free" in m for m in shown), shown
    Bookable.objects.filter(pk=event.bookable_id).update(capacity=2)  # a seat added, nobody promoted yet
    decided = services.registrations_decide(actor=organiser, event=event, ids=[b.pk], decision="accept")
    assert [r.status for r in decided.done] == ["confirmed"] and decided.refused == []


def test_a_bulk_accept_decides_each_and_names_those_refused(organiser: Any) -> None:
    event = make_event(organiser, capacity=1, mode="review", waitlist=False)
    regs = _register(event, 2)
    client = Client()
    client.force_login(organiser)
    r = client.post(
        f"/en/events/{event.pk}/participants/", {"ids": [x.pk for x in regs], "decision": "accept"}
    )
    shown = [str(m) for m in get_messages(r.wsgi_request)]
    statuses = [Registration.objects.get(pk=x.pk).status for x in regs]
    assert statuses == ["confirmed", "pending"]
    assert "__all__" not in " ".join(shown)
    assert any(m.startswith(regs[1].holder_label + ": All seats are taken.") for m in shown), shown
