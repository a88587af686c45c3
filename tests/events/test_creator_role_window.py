"""An event's creator organises it while they are an editor somewhere (their roles in force): once their
editor role ends or is revoked, the participants, the edit page and the event's history are closed to them,
as to anyone else (404), unless they organise it another way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from korkyt.accounts.models import Role, RoleAssignment
from tests.events.conftest import make_event
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def _pages(event: Any) -> list[str]:
    return [
        f"/en/events/{event.pk}/participants/",
        f"/en/events/{event.pk}/participants.csv",
        f"/en/events/{event.pk}/edit/",
    ]


@pytest.mark.parametrize("own", [True, False], ids=["own-institution", "another-institution"])
def test_the_creator_loses_the_event_when_their_editor_role_ends(organiser: Any, own: bool) -> None:
    other = InstitutionFactory(code="TR-KB", country="TR")
    event = make_event(organiser, **({} if own else {"organisers": [other.pk]}))
    client = Client()
    client.force_login(organiser)
    for path in _pages(event):
        assert client.get(path).status_code == 200, path
    RoleAssignment.objects.filter(user=organiser, role=Role.EDITOR).update(
        valid_until=timezone.now() - dt.timedelta(days=1)
    )
    for path in _pages(event):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/en/events/{event.pk}/").status_code == 200  # the published event stays public
