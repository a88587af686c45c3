"""Who may open each page and endpoint added for organisers and participants: the organiser (and an
administrator) manage; the participant sees their own ticket, certificate and forms; everybody else 404
(anonymous visitors are sent to sign in)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.events import services
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_permission_matrix_of_the_editor_desk_tickets_certificates_exports_and_forms(
    client: Client, organiser: Any
) -> None:
    event = make_event(
        organiser,
        capacity=5,
        questions=[
            QuestionData(kind="country", label="Country", required=True),
            QuestionData(kind="text", label="Diet", form="followup"),
        ],
    )
    country = str(event.questions.get(label="Country").pk)
    alice = UserFactory(username="alice")
    reg = services.registration_create(actor=alice, event=event, answers={country: "KZ"})
    bob = UserFactory(username="bob")
    other_editor = MembershipFactory(
        user=UserFactory(username="tr_editor"), institution=InstitutionFactory(code="TR-X", country="TR")
    ).user
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    e, r = event.pk, reg.pk
    login = 302  # anonymous: to the sign-in page
    cases: dict[tuple[str, str], dict[Any, int]] = {
        ("/en/events/new/", "get"): {None: login, alice: 404, other_editor: 200, organiser: 200, admin: 200},
        (f"/en/events/{e}/edit/", "get"): {
            None: login,
            alice: 404,
            other_editor: 404,
            organiser: 200,
            admin: 200,
        },
        (f"/en/events/{e}/checkin/", "get"): {
            None: login,
            alice: 404,
            other_editor: 404,
            organiser: 200,
            admin: 200,
        },
        (f"/en/events/{e}/checkin/counts", "get"): {None: login, alice: 404, organiser: 200},
        (f"/en/events/{e}/participants.csv", "get"): {
            None: login,
            alice: 404,
            other_editor: 404,
            organiser: 200,
        },
        (f"/en/events/{e}/participants.xlsx", "get"): {None: login, bob: 404, organiser: 200, admin: 200},
        (f"/en/events/registrations/{r}/ticket/", "get"): {
            None: login,
            bob: 404,
            other_editor: 404,
            alice: 200,
            organiser: 200,
        },
        (f"/en/events/registrations/{r}/ticket.pdf", "get"): {None: login, bob: 404, alice: 200},
        (f"/en/events/registrations/{r}/certificate.pdf", "get"): {None: login, alice: 404, organiser: 404},
        (f"/en/events/registrations/{r}/followup/", "get"): {
            None: login,
            bob: 404,
            organiser: 404,
            alice: 200,
        },
        (f"/en/events/registrations/{r}/feedback/", "get"): {None: login, bob: 404, alice: 404},
        ("/en/verify/NOSUCHCODE0000000/", "get"): {None: 404, alice: 404},
        ("/en/events/feed/not-a-token.ics", "get"): {None: 404, alice: 404},
        (f"/en/events/{e}/transition", "post"): {None: login, alice: 404, other_editor: 404},
        (f"/en/events/{e}/checkin/", "post"): {None: login, alice: 404, other_editor: 404},
        (f"/en/events/{e}/certificates", "post"): {None: login, alice: 404, other_editor: 404},
        ("/en/events/mine/calendar", "post"): {None: login},
    }
    for (url, method), expected in cases.items():
        for user, status in expected.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            answer = getattr(client, method)(url)
            assert answer.status_code == status, (
                url,
                method,
                getattr(user, "username", None),
                answer.status_code,
            )
    event.refresh_from_db()
    assert event.status == "published" and not reg.checkins.exists()
