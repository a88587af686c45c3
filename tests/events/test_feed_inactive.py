"""A private calendar feed (events' "My registrations" and the festival's "My festival") is a token that
needs no sign-in: once the account is deactivated the token stops working (404), as a renewed one does, and
works again if the account is reactivated."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.events import services
from korkyt.events.models import CalendarFeed
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("feed", ["events:feed", "festival:my_feed"])
def test_the_feed_of_a_deactivated_account_answers_404(organiser: Any, feed: str) -> None:
    event = make_event(organiser, capacity=5)
    alice = UserFactory(username="alice", language="en")
    services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    token = services.feed_enable(actor=alice).token
    url = reverse(feed, args=[token])
    answer = Client().get(url)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert Client().get(url).status_code == 404
    assert CalendarFeed.objects.filter(token=token).exists()  # kept: reactivating the account restores it
    alice.is_active = True
    alice.save(update_fields=["is_active"])
    assert Client().get(url).status_code == 200
