"""The public programme shows one festival day unless asked for all: today's while the festival runs, else
its first; the day shown is marked in the day navigation, the venue and section filters apply within it, and
every day (``?day=all``) comes a page of 100 at a time. Each reads the database a fixed number of times."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.festival.programme import views
from tests.factories import UserFactory
from tests.festival import test_programme_queries as screenings
from tests.festival.test_programme_queries import _queries

room = screenings.room  # the fixtures of the programme's query tests: films screened over four days
add_screenings = screenings.add_screenings

pytestmark = pytest.mark.django_db


def _films(body: str) -> set[str]:
    return set(re.findall(r"<h3[^>]*>(Film \d+)</h3>", body))


def _current(body: str) -> list[str]:
    return re.findall(r'<a href="[^"]*" aria-current="page">([^<]+)</a>', body)


def test_without_a_day_the_first_day_is_shown_and_marked(edition: Any, add_screenings: Any) -> None:
    url = reverse("festival:public_programme", args=[edition.number])
    add_screenings(4, UserFactory())  # Film i on day i % 4
    few, body = _queries(Client(), url)
    assert _films(body) == {"Film 0"}
    assert len(_current(body)) == 1
    assert f'value="{edition.starts_on.isoformat()}" selected' in body
    add_screenings(8, UserFactory())
    many, body = _queries(Client(), url)
    assert _films(body) == {"Film 0", "Film 4", "Film 8"} and many == few


def test_while_the_festival_runs_its_day_is_shown(
    edition: Any, add_screenings: Any, monkeypatch: Any
) -> None:
    add_screenings(4, UserFactory())
    second = edition.starts_on + dt.timedelta(days=1)
    during = dt.datetime.combine(second, dt.time(23, 0), tzinfo=edition.tz)
    monkeypatch.setattr(views.timezone, "now", lambda: during)
    body = Client().get(reverse("festival:public_programme", args=[edition.number])).content.decode()
    assert _films(body) == {"Film 1"}
    assert f'value="{second.isoformat()}" selected' in body


def test_the_venue_and_section_filters_apply_within_the_day(edition: Any, add_screenings: Any) -> None:
    add_screenings(8, UserFactory())
    url = reverse("festival:public_programme", args=[edition.number])
    day = (edition.starts_on + dt.timedelta(days=2)).isoformat()
    venue = views.Venue.objects.get(edition=edition).pk
    body = Client().get(url, {"day": day, "venue": venue, "section": "feature"}).content.decode()
    assert _films(body) == {"Film 2", "Film 6"}
    # the day links keep the other filters
    assert f"?day={edition.starts_on.isoformat()}&amp;venue={venue}&amp;section=feature" in body
    assert _films(Client().get(url, {"day": day, "venue": venue + 1000}).content.decode()) == set()


def test_all_days_come_a_page_at_a_time(edition: Any, add_screenings: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(views, "PUBLIC_PAGE_SIZE", 5)
    add_screenings(8, UserFactory())
    url = reverse("festival:public_programme", args=[edition.number])
    few, first = _queries(Client(), url + "?day=all")
    assert len(_films(first)) == 5 and "Page 1 of 2" in first
    assert _current(first) == ["All"]
    second = Client().get(url, {"day": "all", "page": 2}).content.decode()
    assert _films(first) | _films(second) == {f"Film {i}" for i in range(8)}
    add_screenings(8, UserFactory())
    many, _body = _queries(Client(), url + "?day=all")
    assert many == few
