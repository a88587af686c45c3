"""A person's export reads the films' titles of their tickets and starred screenings once for all, not per
screening: its queries do not grow with the tickets."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from korkyt.festival.programme import stars, tickets
from korkyt.festival.programme.models import Screening
from korkyt.festival.programme.selectors import stars_export, tickets_export
from tests.factories import UserFactory


def test_tickets_and_stars_are_exported_with_their_titles_at_once(published: Any, staff: Any) -> None:
    user = UserFactory()
    screenings = list(Screening.objects.filter(edition=published, kind="public").order_by("starts_at"))
    assert len(screenings) >= 3

    def queries() -> tuple[int, list[dict[str, Any]]]:
        with CaptureQueriesContext(connection) as captured:
            rows = tickets_export(user) + stars_export(user)
        return len(captured), rows

    tickets.book(screening=screenings[0], user=user)
    stars.star_set(user=user, screening=screenings[0], starred=True)
    few, _rows = queries()
    for screening in screenings[1:]:
        tickets.book(screening=screening, user=user)
        stars.star_set(user=user, screening=screening, starred=True)
    many, rows = queries()
    assert many == few
    assert len(rows) == 2 * len(screenings) and all(row["film"] for row in rows)
