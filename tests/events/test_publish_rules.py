"""An event is published only with at least one session (the workflow's check on "publish"), and a
published event keeps one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Event
from korkyt.events.services import SessionData
from tests.events.conftest import AQTAU, make_event
from tests.events.test_editor import form_data, rows

pytestmark = pytest.mark.django_db

NO_SESSION = "Add at least one session (its date and time) before publishing the event."


def test_publishing_an_event_without_sessions_is_refused_until_it_has_one(organiser: Any) -> None:
    event = services.event_create(actor=organiser, kind="lab", titles={"en": "Lab"}, venue="Baku")
    with pytest.raises(ValidationError) as refused:
        services.event_transition(actor=organiser, event=event, name="publish")
    assert refused.value.message_dict == {"sessions": [NO_SESSION]}
    event.refresh_from_db()
    assert event.status == "draft"
    start = dt.datetime(2027, 5, 12, 10, 0, tzinfo=AQTAU)
    spec = vars(services.event_spec(event))
    spec["sessions"] = [SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=2))]
    services.event_update(actor=organiser, event=event, **spec)
    services.event_transition(actor=organiser, event=event, name="publish")
    event.refresh_from_db()
    assert event.status == "published"


def test_a_published_event_keeps_at_least_one_session(organiser: Any) -> None:
    event = make_event(organiser)
    spec = vars(services.event_spec(event))
    with pytest.raises(ValidationError) as refused:
        services.event_update(actor=organiser, event=event, **{**spec, "sessions": []})
    assert refused.value.message_dict == {
        "sessions": ["A published or held event keeps at least one session."]
    }
    assert event.sessions.count() == 1
    services.event_transition(actor=organiser, event=event, name="unpublish")
    services.event_update(actor=organiser, event=event, **{**spec, "sessions": []})  # a draft may
    assert not event.sessions.exists()


def test_the_editor_says_why_an_event_without_sessions_is_not_published(
    client: Client, organiser: Any
) -> None:
    client.force_login(organiser)
    blank = {"starts_at": "", "ends_at": "", "title": "", "capacity": "", "room": ""}
    answer = client.post("/en/events/new/", form_data(**rows("sessions", [blank, blank])))
    assert answer.status_code == 302
    event = Event.objects.get()
    assert not event.sessions.exists()
    page = client.post(f"/en/events/{event.pk}/transition", {"name": "publish"}, follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert NO_SESSION in html and "Status: Published" not in html
    event.refresh_from_db()
    assert event.status == "draft"
    client.logout()
    assert "Sound for the steppe" not in client.get("/en/events/").content.decode()
