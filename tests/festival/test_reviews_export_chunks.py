"""The reviews export reads the films' titles with each chunk of reviews, not every film of the edition
first: what it holds does not grow with the entries, its rows are the same whatever the chunk (films whose
reviews fall in several chunks, titles in several languages) and its queries grow only with the chunks."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from korkyt.catalogue import services as catalogue
from korkyt.core.permissions import SYSTEM
from korkyt.festival import exports, services
from korkyt.festival.exports import review_rows, write_reviews
from korkyt.festival.models import Review
from korkyt.festival.selectors import submission_title
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> list[Any]:
    feature.max_per_country = None
    feature.save()
    subs = []
    for i in range(3):
        sub = eligible_entry(feature, agency_kg, kg_editor, kg_head, title=f"Kino {i}")
        catalogue.title_save(actor=SYSTEM, film=sub.film, text=f"Film {i}", language="en", kind="translated")
        catalogue.title_save(actor=SYSTEM, film=sub.film, text=f"Фильм {i}", language="ru", kind="translated")
        services.submission_decide(actor=staff, submission=sub, name="start_review")
        subs.append(sub)
    return subs


def review(staff: Any, sub: Any, n: int, submit: bool = True) -> None:
    reviewer = UserFactory(username=f"chunk{sub.pk}-{n}")
    a = services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    services.review_save(actor=reviewer, assignment=a, scores={"story": 8, "craft": n}, submit=submit)


def titles_read_one_by_one(edition: Any, language: str | None) -> list[str]:
    """Each submitted review's film title, its film read alone (the reading the export must agree with)."""
    reviews = Review.objects.filter(
        assignment__submission__section__edition=edition, submitted_at__isnull=False
    ).order_by("assignment__submission__pk", "pk")
    return [submission_title(r.assignment.submission, language or "en").text for r in reviews]


@pytest.mark.parametrize("language", [None, "en", "ru"])
def test_the_rows_are_the_same_whatever_the_chunk(
    entries: Any, staff: Any, edition: Any, language: str | None, monkeypatch: Any
) -> None:
    for n in range(7):
        review(staff, entries[n % 3], n)
    review(staff, entries[0], 9, submit=False)  # a draft is not exported

    def rows(chunk: int) -> list[list[Any]]:
        monkeypatch.setattr(exports, "CHUNK", chunk)
        with translation.override(language or "en"):
            return [list(row) for row in review_rows(edition, language)]

    at_once = rows(500)
    assert len(at_once) == 1 + 7
    assert [row[2] for row in at_once[1:]] == titles_read_one_by_one(edition, language)
    assert {row[2] for row in at_once[1:]} == (
        {"Фильм 0", "Фильм 1", "Фильм 2"} if language == "ru" else {"Film 0", "Film 1", "Film 2"}
    )
    for chunk in (1, 2, 3):
        assert rows(chunk) == at_once


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_files_are_the_same_whatever_the_chunk(
    entries: Any, staff: Any, edition: Any, fmt: str, monkeypatch: Any
) -> None:
    from openpyxl import load_workbook

    for n in range(5):
        review(staff, entries[n % 3], n)

    def written(chunk: int) -> Any:
        monkeypatch.setattr(exports, "CHUNK", chunk)
        stream = io.BytesIO()
        write_reviews(edition, fmt, stream, "ru")
        if fmt == "csv":
            return stream.getvalue()
        return [[c.value for c in row] for row in load_workbook(stream).active.iter_rows()]

    assert written(2) == written(500)


def test_the_queries_grow_with_the_chunks_not_the_rows(
    entries: Any, staff: Any, edition: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(exports, "CHUNK", 2)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            write_reviews(edition, "csv", io.BytesIO())
        return len(captured)

    counts = {}
    for n in range(6):
        review(staff, entries[n % 3], n)
        counts[n + 1] = queries()
    # 1–2 reviews: one chunk; 3–4: two; 5–6: three
    assert counts[1] == counts[2] and counts[3] == counts[4] and counts[5] == counts[6]
    per_chunk = counts[3] - counts[1]
    assert counts[5] - counts[3] == per_chunk <= 2


def test_the_films_are_read_with_their_chunk_of_reviews(
    entries: Any, staff: Any, edition: Any, monkeypatch: Any
) -> None:
    from django.db.models.signals import post_init

    from korkyt.catalogue.models import Film

    for n in range(3):
        review(staff, entries[n], n)
    monkeypatch.setattr(exports, "CHUNK", 1)
    read: list[int] = []

    def count(sender: Any, instance: Any, **kwargs: Any) -> None:
        read.append(instance.pk)

    post_init.connect(count, sender=Film)
    try:
        rows = iter(review_rows(edition, None))
        next(rows)  # the header
        next(rows)
        assert len(read) == 1  # the first review's film, not every film of the edition
        rest = list(rows)
    finally:
        post_init.disconnect(count, sender=Film)
    assert len(rest) == 2 and sorted(read) == sorted(e.film_id for e in entries)
