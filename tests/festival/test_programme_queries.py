"""Programme pages ask the database the same number of times however many screenings they list: the public
programme, a person's programme and calendar feed, the staff grid."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from korkyt.events.models import CalendarFeed
from korkyt.festival.models import Submission, SubmissionStatus
from korkyt.festival.programme import services, stars, tickets, venues
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(edition: Any, feature: Any, staff: Any) -> Any:
    feature.max_per_country = None
    feature.save()
    venue = venues.venue_create(actor=staff, edition=edition, name="Drama Theatre")
    venues.room_create(actor=staff, venue=venue, name="Small hall", seats=40, formats=["DCP"])
    return venues.room_create(actor=staff, venue=venue, name="Big hall", seats=300, formats=["DCP"])


@pytest.fixture
def add_screenings(
    edition: Any, feature: Any, staff: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, room: Any
) -> Any:
    """``add(n, visitor)``: n more selected films, each with a public screening of the published programme
    that ``visitor`` starred and holds a ticket for."""
    made: list[int] = []

    def add(n: int, visitor: Any) -> None:
        for _i in range(n):
            i = len(made)
            sub = eligible_entry(feature, agency_kg, kg_editor, kg_head, f"Film {i}")
            Submission.objects.filter(pk=sub.pk).update(status=SubmissionStatus.SELECTED)
            starts = dt.datetime.combine(
                edition.starts_on + dt.timedelta(days=i % 4), dt.time(10), tzinfo=edition.tz
            ) + dt.timedelta(hours=2 * (i // 4))
            screening = Screening.objects.create(
                edition=edition,
                submission=sub,
                room=room,
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=100),
                kind="public",
            )
            made.append(screening.pk)
        services.publish(actor=staff, edition=edition)
        for screening in Screening.objects.filter(pk__in=made[-n:]):
            tickets.book(screening=screening, user=visitor)
            stars.star_set(user=visitor, screening=screening, starred=True)

    return add


def _queries(client: Client, url: str) -> tuple[int, str]:
    client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url)
    assert answer.status_code == 200, url
    return len(captured), answer.content.decode()


def _grows(add_screenings: Any, visitor: Any, client: Client, url: Any) -> str:
    """The page at ``url()`` with 2 screenings, then with 6: the same number of queries. Returns the last."""
    add_screenings(2, visitor)
    few, _body = _queries(client, url())
    add_screenings(4, visitor)
    many, body = _queries(client, url())
    assert "Film 5" in body  # the screenings added are listed
    assert many == few, (few, many)
    return body


def test_the_public_programme_does_not_ask_again_per_screening(edition: Any, add_screenings: Any) -> None:
    url = reverse("festival:public_programme", args=[edition.number]) + "?day=all"  # every day
    body = _grows(add_screenings, UserFactory(), Client(), lambda: url)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1])
    assert len(data) == 6 and {d["location"]["screenCount"] for d in data} == {2}  # the venue's rooms


def test_my_programme_does_not_ask_again_per_screening(add_screenings: Any) -> None:
    visitor = UserFactory()
    client = Client()
    client.force_login(visitor)
    body = _grows(add_screenings, visitor, client, lambda: reverse("festival:my_programme"))
    # starred (its row and its star button), on a ticket, and naming its "Your ticket" link
    assert body.count("Film 5") == 4


def test_the_calendar_feed_does_not_ask_again_per_screening(add_screenings: Any) -> None:
    visitor = UserFactory()
    feed = CalendarFeed.objects.create(user=visitor)
    url = reverse("festival:my_feed", args=[feed.token])
    body = _grows(add_screenings, visitor, Client(), lambda: url)
    assert body.count("BEGIN:VEVENT") == 6


def test_the_grid_does_not_ask_again_per_selected_film(edition: Any, staff: Any, add_screenings: Any) -> None:
    """The grid checks the screenings against the scheduling instance of every selected film."""
    client = Client()
    client.force_login(staff)
    url = reverse("festival:grid", args=[edition.number])
    _grows(add_screenings, UserFactory(), client, lambda: url)
    assert len(services.build_instance(edition)["films"]) == 6
