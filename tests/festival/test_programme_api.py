"""`GET /api/festival/editions/{number}/screenings`: the published programme for everyone, in time order and
the festival's UTC offset, titles and the version screened in the request's language, venue names with their
language, guests of a Q&A, whether a seat can be booked; filters by day, venue and section; bad filters a
422 naming the field; nothing before publishing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from korkyt.festival.programme import guests, services, venues
from korkyt.festival.programme.models import Screening

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(grid: Any, staff: Any) -> Any:
    venue = grid.venue_set.get()
    venues.venue_update(
        actor=staff, venue=venue, name="Драма театры", address="14-шағын аудан", language="kk-Cyrl"
    )
    services.propose(edition_id=grid.pk, time_limit=5)
    return grid


def _get(path: str, language: str = "en", **query: Any) -> Any:
    return Client().get(path, query, headers={"Accept-Language": language})


def test_nothing_is_listed_before_the_programme_is_published(planned: Any, staff: Any) -> None:
    url = f"/api/festival/editions/{planned.number}/screenings"
    assert _get(url).json() == {"count": 0, "results": []}
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind__in=["public", "gala"])
    body = _get(url).json()
    assert body["count"] == public.count() > 0
    assert [r["id"] for r in body["results"]] == list(
        public.order_by("starts_at", "pk").values_list("pk", flat=True)
    )
    assert _get("/api/festival/editions/99/screenings").status_code == 404


def test_a_screening_as_a_programme_app_reads_it(planned: Any, staff: Any) -> None:
    first = Screening.objects.filter(edition=planned, kind="public").order_by("starts_at").first()
    guests.guest_add(actor=staff, submission=first.submission, name="Әлия Нұрова", role="director", qa=True)
    services.propose(edition_id=planned.pk, time_limit=5)  # the Q&A is placed on the first public screening
    services.publish(actor=staff, edition=planned)
    url = f"/api/festival/editions/{planned.number}/screenings"
    rows = _get(url).json()["results"]
    qa = next(r for r in rows if r["qa"])
    screening = Screening.objects.get(pk=qa["id"])
    local = screening.starts_at.astimezone(planned.tz)
    assert qa["starts_at"] == local.isoformat() and qa["time_zone"] == planned.time_zone
    assert (qa["venue"], qa["venue_language"], qa["venue_address"]) == (
        "Драма театры",
        "kk-Cyrl",
        "14-шағын аудан",
    )
    assert qa["room"] in ("Big hall", "Small hall") and qa["kind"] in ("public", "gala")
    assert qa["guests"] == [{"name": "Әлия Нұрова", "name_lang": "und-Cyrl", "role": "director"}]
    assert qa["film"] == screening.submission.film_id and qa["section"] == "feature"
    assert qa["ics_url"] == reverse("festival:screening_ics", args=[screening.pk])
    assert qa["tickets_available"] is True and qa["price"] is None and qa["currency"] == ""
    russian = next(r for r in _get(url, "ru").json()["results"] if r["id"] == qa["id"])
    assert russian["version"] and russian["version"] != qa["version"]  # in the reader's language
    services.cancel(actor=staff, screening=screening)
    cancelled = next(r for r in _get(url).json()["results"] if r["id"] == qa["id"])
    assert cancelled["state"] == "cancelled" and cancelled["tickets_available"] is False


def test_filters_and_their_bad_values(planned: Any, staff: Any) -> None:
    services.publish(actor=staff, edition=planned)
    url = f"/api/festival/editions/{planned.number}/screenings"
    every = _get(url).json()["results"]
    day = every[0]["starts_at"][:10]
    on_day = _get(url, day=day).json()["results"]
    assert on_day and all(r["starts_at"].startswith(day) for r in on_day)
    venue = planned.venue_set.get()
    assert _get(url, venue=venue.pk).json()["count"] == len(every)
    assert _get(url, section="feature").json()["count"] == len(every)
    assert _get(url, section="documentary").json()["count"] == 0
    for query, field in (
        ({"section": "opera"}, "section"),
        ({"day": "2027-13-45"}, "day"),
        ({"venue": "0"}, "venue"),
    ):
        answer = _get(url, **query)
        assert answer.status_code == 422, query
        assert field in {e["field"].split(".")[-1] for e in answer.json()["errors"]}, answer.json()
    assert _get(url, limit=1).json()["results"] == every[:1]


def test_a_page_reads_the_database_a_fixed_number_of_times(planned: Any, staff: Any) -> None:
    services.publish(actor=staff, edition=planned)
    url = f"/api/festival/editions/{planned.number}/screenings"
    counts = []
    for limit in (1, 6):
        with CaptureQueriesContext(connection) as queries:
            assert _get(url, limit=limit).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
