"""Pages, mail with ICS, and who sees what (participants their own registrations, organisers their
events' participants, everybody else 404)."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from django.core import mail
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.events import services
from tests.events.conftest import country_answer, make_event
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_event_page_shows_sessions_in_the_venue_time_zone_and_takes_a_registration(
    client: Client, organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=2, time_zone="Asia/Baku")  # 10:00 in Aktau is 09:00 in Baku
    page = client.get(f"/ru/events/{event.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "09:00" in html and "Asia/Baku" in html
    assert 'lang="kk-Cyrl"' not in html  # Russian page, English title shown with its tag
    producer = UserFactory(username="producer", email="producer@example.kg", language="ky")
    client.force_login(producer)
    q = event.questions.get()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/ky/events/{event.pk}/register", {f"q{q.pk}": "KG"})
    assert answer.status_code == 302
    assert producer.registrations.get().status == "confirmed"
    (sent,) = mail.outbox
    assert sent.to == ["producer@example.kg"]
    (name, content, mimetype) = sent.attachments[0]
    assert mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(content)
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("dtstart").utcoffset().total_seconds() == 4 * 3600
    mine = client.get("/ky/events/mine/")
    assert mine.status_code == 200


def test_ics_has_one_event_per_session(client: Client, organiser: Any) -> None:
    event = make_event(organiser)
    answer = client.get(f"/en/events/{event.pk}/event.ics")
    assert answer["Content-Type"].startswith("text/calendar")
    assert len(icalendar.Calendar.from_ical(answer.content).walk("VEVENT")) == 1


def test_permission_matrix(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    draft = services.event_create(actor=organiser, kind="lab", titles={"en": "Draft"}, venue="x")
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    other_editor = MembershipFactory(
        user=UserFactory(username="tr_editor"), institution=InstitutionFactory(code="TR-X", country="TR")
    ).user
    reg = services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    cases = {
        # (url, method): {user: expected status}
        (f"/en/events/{event.pk}/", "get"): {None: 200, alice: 200, bob: 200, organiser: 200},
        (f"/en/events/{draft.pk}/", "get"): {
            None: 404,
            alice: 404,
            other_editor: 404,
            organiser: 200,
            admin: 200,
        },
        (f"/en/events/{event.pk}/participants/", "get"): {
            alice: 404,
            other_editor: 404,
            organiser: 200,
            admin: 200,
        },
        (f"/api/registrations/{reg.pk}", "get"): {
            None: 404,
            bob: 404,
            other_editor: 404,
            alice: 200,
            organiser: 200,
        },
        (f"/api/events/{draft.pk}", "get"): {None: 404, bob: 404, organiser: 200},
    }
    for (url, method), expected in cases.items():
        for user, status in expected.items():
            client.logout()
            headers = {}
            if user is not None:
                if url.startswith("/api/"):
                    headers = {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}
                else:
                    client.force_login(user)
            answer = getattr(client, method)(url, headers=headers)
            assert answer.status_code == status, (url, getattr(user, "username", None), answer.status_code)
    client.force_login(bob)
    assert client.post(f"/en/events/registrations/{reg.pk}/cancel").status_code == 404
    client.force_login(alice)
    assert client.post(f"/en/events/registrations/{reg.pk}/cancel").status_code == 302
    reg.refresh_from_db()
    assert reg.status == "cancelled"


def test_organisers_shortlist_and_accept_applications_in_bulk(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=1, mode="review")
    regs = [
        services.registration_create(
            actor=UserFactory(username=f"a{i}"), event=event, answers=country_answer(event, "AZ")
        )
        for i in range(3)
    ]
    applicant = Client()
    applicant.force_login(regs[2].user)
    told = "The organisers choose among the applications; we will write to you when they decide."
    assert told in applicant.get(f"/en/events/{event.pk}/").content.decode()
    client.force_login(organiser)
    client.post(
        f"/en/events/{event.pk}/participants/", {"ids": [regs[0].pk, regs[1].pk], "decision": "shortlist"}
    )
    client.post(
        f"/en/events/{event.pk}/participants/", {"ids": [regs[0].pk, regs[1].pk], "decision": "accept"}
    )
    statuses = [r.status for r in (type(regs[0]).objects.filter(pk__in=[r.pk for r in regs]).order_by("pk"))]
    assert statuses == ["confirmed", "waitlisted", "pending"]
    assert client.get(f"/en/events/{event.pk}/participants/").status_code == 200


def test_an_online_event_shows_its_link_under_where_without_a_blank_line(
    client: Client, organiser: Any
) -> None:
    online = make_event(organiser, venue="", online_url="https://meet.example.org/seminar")
    html = client.get(f"/en/events/{online.pk}/").content.decode()
    where = html.split("<h2>Where</h2>")[1].split("<h2>")[0]
    assert 'href="https://meet.example.org/seminar"' in where and "<br>" not in where  # no empty first line
    both = make_event(organiser, online_url="https://meet.example.org/hybrid")
    html = client.get(f"/en/events/{both.pk}/").content.decode()
    where = html.split("<h2>Where</h2>")[1].split("<h2>")[0]
    assert "Aktau cinema" in where and '<br><a href="https://meet.example.org/hybrid"' in where  # own line
