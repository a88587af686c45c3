"""With no closing time set, registration closes when the event's last session ends: the API refuses, the
page says registration is closed and ``?registration=open`` does not list the event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from korkyt.events.models import Registration
from korkyt.events.services import SessionData
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_event_that_is_over_takes_no_registration(organiser: Any) -> None:
    start = timezone.now() - dt.timedelta(days=3)
    event = make_event(
        organiser, capacity=5, sessions=[SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=2))]
    )
    client = Client()
    client.force_login(UserFactory())
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Registration is closed." in page and f'/en/events/{event.pk}/register"' not in page
    r = client.post(
        f"/api/events/{event.pk}/registrations",
        {"answers": country_answer(event, "KZ")},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "registration_closed"
    assert not Registration.objects.exists()
    listed = client.get("/api/events?registration=open").json()
    assert event.pk not in [e["id"] for e in listed["results"]]
    closed = client.get("/api/events?registration=closed").json()
    assert event.pk in [e["id"] for e in closed["results"]]
    assert client.get(f"/api/events/{event.pk}").json()["registration_open"] is False


def test_an_event_still_running_takes_registrations(organiser: Any) -> None:
    start = timezone.now() - dt.timedelta(hours=1)
    event = make_event(
        organiser, capacity=5, sessions=[SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=3))]
    )
    client = Client()
    client.force_login(UserFactory())
    listed = client.get("/api/events?registration=open").json()
    assert event.pk in [e["id"] for e in listed["results"]]
