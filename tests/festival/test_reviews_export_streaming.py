"""The reviews download of an edition's page is sent as it is read: the CSV streamed (the same bytes as the
table written at once, byte-order mark first, formula cells made inert), the workbook from a temporary
file; the number of queries does not grow with the number of reviews (only with the chunks they are read
in: tests/festival/test_reviews_export_chunks.py). The CLI's export reads the reviews a chunk at a time
too."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from korkyt.core.spreadsheet import SafeWriter
from korkyt.festival import exports, services
from korkyt.festival.exports import review_rows, write_reviews
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


def review(staff: Any, sub: Any, n: int) -> None:
    reviewer = UserFactory(username=f"rev{sub.pk}-{n}")
    a = services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    services.review_save(
        actor=reviewer, assignment=a, scores={"story": 8, "craft": n}, comment=f"=HYPERLINK({n})", submit=True
    )


@pytest.fixture
def entries(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> list[Any]:
    subs = []
    for i in range(2):
        sub = eligible_entry(feature, agency_kg, kg_editor, kg_head, title=f"Film {i}")
        services.submission_decide(actor=staff, submission=sub, name="start_review")
        subs.append(sub)
    return subs


def body(answer: Any) -> bytes:
    return b"".join(answer.streaming_content)


def written_at_once(edition: Any, language: str) -> bytes:
    """The CSV as the page wrote it before it was streamed: the whole table in the language, then the text."""
    with translation.override(language):
        rows = list(review_rows(edition, language))
    text = io.StringIO()
    SafeWriter(text).writerows(rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_page_s_csv_is_streamed_with_the_same_bytes(
    entries: Any, staff: Any, edition: Any, language: str
) -> None:
    for n, sub in enumerate(entries * 2):
        review(staff, sub, n)
    client = Client()
    client.force_login(staff)
    answer = client.get(f"/{language}/festival/6/reviews.csv")
    assert isinstance(answer, StreamingHttpResponse) and not isinstance(answer, FileResponse)
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == 'attachment; filename="korkyt-6-reviews.csv"'
    data = body(answer)
    assert data == written_at_once(edition, language)
    assert data.startswith("\ufeff".encode()) and b"'=HYPERLINK(3)" in data


def test_the_page_s_workbook_is_sent_from_a_file(entries: Any, staff: Any, edition: Any) -> None:
    from openpyxl import load_workbook

    review(staff, entries[0], 1)
    client = Client()
    client.force_login(staff)
    answer = client.get("/en/festival/6/reviews.xlsx")
    assert isinstance(answer, FileResponse)
    assert answer["Content-Disposition"] == 'attachment; filename="korkyt-6-reviews.xlsx"'
    sheet = load_workbook(io.BytesIO(body(answer))).active
    assert sheet.title == "Reviews 6"
    values = [[c.value if c.value is not None else "" for c in row] for row in sheet.iter_rows()]
    with translation.override("en"):
        assert values == list(review_rows(edition, "en"))
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_queries_do_not_grow_with_the_reviews(
    entries: Any, staff: Any, edition: Any, fmt: str, monkeypatch: Any
) -> None:
    monkeypatch.setattr(exports, "CHUNK", 3)  # both sizes read in two chunks (each with its films)
    client = Client()
    client.force_login(staff)
    counts, cli_counts = [], []
    for n in range(6):
        review(staff, entries[n % 2], n)
        if n not in (3, 5):
            continue
        with CaptureQueriesContext(connection) as queries:
            body(client.get(f"/en/festival/6/reviews.{fmt}"))
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            write_reviews(edition, fmt, io.BytesIO())
        cli_counts.append(len(queries))
    assert counts[0] == counts[1] and cli_counts[0] == cli_counts[1]
