"""The participants page at scale: a page of 100 registrations read in a fixed number of queries however
many there are, the rest on the next pages, the decisions still acting on the rows ticked; the places on
the waiting list counted in one pass (as they were counted before: those still waiting at or before)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.events import selectors
from korkyt.events.models import Registration
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def _add(event: Any, n: int, start: int, status: str = "waitlisted") -> list[Registration]:
    return Registration.objects.bulk_create(
        Registration(
            bookable_id=event.bookable_id,
            channel="box_office",
            holder_name=f"Guest {i:05d}",
            status=status,
            position=i + 1 if status == "waitlisted" else None,
        )
        for i in range(start, start + n)
    )


def test_places_count_those_still_waiting_at_or_before_in_one_pass(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    line = _add(event, 6, 0)
    Registration.objects.filter(pk__in=[line[0].pk, line[3].pk]).update(status="cancelled", position=None)
    rows = list(selectors.participants(event))
    positions = sorted(r.position for r in rows if r.status == "waitlisted")
    expected = {r.pk: sum(1 for p in positions if p <= r.position) for r in rows if r.status == "waitlisted"}
    assert selectors.waitlist_places(rows) == expected
    assert sorted(expected.values()) == [1, 2, 3, 4]
    # a page of the list still counts its places in the whole line
    last = [r for r in rows if r.status == "waitlisted"][-1]
    assert selectors.waitlist_places([last]) == {last.pk: 4}


def test_the_page_reads_the_same_number_of_queries_and_page_two_shows_the_rest(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    client = Client()
    client.force_login(organiser)
    url = f"/en/events/{event.pk}/participants/"

    def measure(path: str) -> tuple[int, str]:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(path)
        assert answer.status_code == 200
        return len(captured), answer.content.decode()

    _add(event, 30, 0)
    few, body = measure(url)
    assert body.count('name="ids"') == 30 and "Page 1 of" not in body
    _add(event, 120, 30)
    many, body = measure(url)
    assert many == few
    assert body.count('name="ids"') == 100 and "Page 1 of 2" in body
    assert "Guest 00000" in body and "Guest 00100" not in body
    _, body = measure(url + "?page=2")
    assert body.count('name="ids"') == 50 and "Guest 00149" in body and "Guest 00099" not in body
    assert "(150)" in body  # the last in line is told their place in the whole line


def test_a_decision_on_page_two_acts_on_the_rows_ticked_and_comes_back_to_page_two(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    rows = _add(event, 130, 0, status="pending")
    client = Client()
    client.force_login(organiser)
    url = f"/en/events/{event.pk}/participants/?page=2"
    answer = client.post(url, {"ids": [rows[120].pk], "decision": "reject"})
    assert answer.status_code == 302 and answer["Location"] == url
    assert Registration.objects.get(pk=rows[120].pk).status == "rejected"
    assert Registration.objects.filter(status="pending").count() == 129
