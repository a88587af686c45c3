"""Reminders (once, within 24 hours of the start), the private calendar feed (revocable) and the
erasure of personal answers after the retention period."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from korkyt.core.jobs import periodic
from korkyt.core.models import AuditEntry
from korkyt.events import services
from korkyt.events.models import Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 5, 12, 5, 0, tzinfo=dt.UTC)  # make_event: 10:00 in Aktau


def test_reminders_go_once_to_confirmed_people_within_24_hours(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=1)
    alice = UserFactory(username="alice", email="alice@example.kz", language="ru")
    services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    waiting = UserFactory(username="w", email="w@example.kz")
    services.registration_create(actor=waiting, event=event, answers=country_answer(event, "KG"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=START - dt.timedelta(hours=30)) == 0  # too early
        assert services.reminders_send(now=START - dt.timedelta(hours=20)) == 1
        assert services.reminders_send(now=START - dt.timedelta(hours=19)) == 0  # sent once
        assert services.reminders_send(now=START + dt.timedelta(hours=1)) == 0
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.kz"] and "15:00" not in sent.body and "10:00" in sent.body
    assert sent.attachments[0][2] == "text/calendar"
    assert {j.name for j in periodic.registered()} >= {"events.send_reminders", "events.erase_answers"}


def test_calendar_feed_lists_my_seats_and_is_revocable(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    other = make_event(organiser, capacity=5, titles={"en": "Not mine"})
    alice = UserFactory(username="alice", language="en")
    services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    client.force_login(alice)
    client.post("/en/events/mine/calendar", {"action": "enable"})
    page = client.get("/en/events/mine/").content.decode()
    url = page.split('id="feed-url" value="')[1].split('"')[0]
    client.logout()
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    assert "Sound design" in str(vevent["summary"]) and "Not mine" not in answer.content.decode()
    assert other.pk  # the other event is not in the feed
    client.force_login(alice)
    client.post("/en/events/mine/calendar", {"action": "renew"})
    client.logout()
    assert client.get(url).status_code == 404  # the old address is revoked
    client.force_login(alice)
    client.post("/en/events/mine/calendar", {"action": "disable"})
    assert "feed-url" not in client.get("/en/events/mine/").content.decode()
    assert client.get("/en/events/feed/nonsense.ics").status_code == 404


def test_answers_are_erased_after_the_retention_period(organiser: Any, settings: Any) -> None:
    settings.KORKYT_EVENT_DATA_DAYS = 30
    event = make_event(organiser, capacity=5)
    reg = services.registration_create(
        actor=UserFactory(username="alice"), event=event, answers=country_answer(event, "KZ")
    )
    services.checkin(actor=organiser, event=event, code=reg.code)
    end = START + dt.timedelta(hours=3)
    assert services.answers_erase(now=end + dt.timedelta(days=29)) == 0
    assert services.answers_erase(now=end + dt.timedelta(days=31), dry_run=True) == 1
    assert Registration.objects.get(pk=reg.pk).answers  # a dry run changes nothing
    assert services.answers_erase(now=end + dt.timedelta(days=31)) == 1
    reg.refresh_from_db()
    assert reg.answers == {} and reg.answers_erased_at is not None
    assert reg.status == "confirmed" and reg.checkins.count() == 1  # attendance stays
    assert services.answers_erase(now=end + dt.timedelta(days=40)) == 0  # idempotent
    assert AuditEntry.objects.filter(action_type="events.registration.answers_erase").count() == 1
    out = StringIO()
    call_command("events_erase_answers", "--days", "0", "--dry-run", stdout=out)
    assert "would erase the answers of 0 registrations" in out.getvalue()
