"""Seat and waiting-list counts of an event with several sessions: each registration counted once (not
once per session), on the list page, the event page and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from korkyt.events import selectors, services
from korkyt.events.services import SessionData
from tests.events.conftest import AQTAU, country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _sessions(n: int) -> list[SessionData]:
    first = dt.datetime(2027, 5, 12, 10, 0, tzinfo=AQTAU)
    return [
        SessionData(starts_at=first + dt.timedelta(days=i), ends_at=first + dt.timedelta(days=i, hours=3))
        for i in range(n)
    ]


@pytest.mark.parametrize("n_sessions", [2, 3])
def test_counts_of_an_event_with_several_sessions_count_each_registration_once(
    client: Client, organiser: Any, n_sessions: int
) -> None:
    event = make_event(organiser, capacity=30, per_country_limit=6, sessions=_sessions(n_sessions))
    for i in range(7):  # the seventh Turkmen producer waits: six per country
        services.registration_create(
            actor=UserFactory(username=f"tm{i}"), event=event, answers=country_answer(event, "TM")
        )
    services.registration_create(
        actor=UserFactory(username="kg"), event=event, answers=country_answer(event, "KG")
    )

    row = selectors.event_visible(organiser).get(pk=event.pk)
    assert (row.n_confirmed, row.n_waitlisted) == (7, 1)
    assert row.starts_at == dt.datetime(2027, 5, 12, 10, 0, tzinfo=AQTAU)

    listing = client.get("/en/events/").content.decode()
    assert "7 of 30 seats taken" in listing
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "7 of 30 seats taken" in page and "1 person waiting" in page

    (listed,) = client.get("/api/events").json()["results"]
    assert (listed["confirmed"], listed["waitlisted"]) == (7, 1)
    assert listed["starts_at"].startswith("2027-05-12T")
    detail = client.get(f"/api/events/{event.pk}").json()
    assert (detail["confirmed"], detail["waitlisted"]) == (7, 1)
    assert len(detail["sessions"]) == n_sessions


def test_an_event_without_registrations_counts_zero(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=10, sessions=_sessions(2))
    detail = client.get(f"/api/events/{event.pk}").json()
    assert (detail["confirmed"], detail["waitlisted"]) == (0, 0)
    assert "0 of 10 seats taken" in client.get(f"/en/events/{event.pk}/").content.decode()
