"""The participant export is sent as it is read: the CSV streamed (the same bytes as the list written at
once, byte-order mark first, formula cells made inert), the workbook from a temporary file; the number of
queries does not grow with the number of registrations."""

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
from korkyt.events import services
from korkyt.events.services import QuestionData, export
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def event_of(organiser: Any, people: int) -> Any:
    event = make_event(
        organiser,
        capacity=100,
        questions=[
            QuestionData(kind="country", label="Country", required=True),
            QuestionData(kind="text", label="Project"),
        ],
    )
    country, project = event.questions.all()
    for i in range(people):
        user = UserFactory(username=f"p{event.pk}-{i}", first_name=f"=Name{i}", last_name="Ak")
        reg = services.registration_create(
            actor=user,
            event=event,
            answers={str(country.pk): "KZ", str(project.pk): f'=HYPERLINK("http://evil/{i}")'},
        )
        if i % 2:
            services.checkin(actor=organiser, event=event, code=reg.code)
    return event


def body(answer: Any) -> bytes:
    return b"".join(answer.streaming_content)


def written_at_once(event: Any, language: str) -> bytes:
    """The CSV as the export wrote it before it was streamed: the whole list, then the text."""
    with translation.override(language):
        rows = services.participant_rows(event)
    text = io.StringIO()
    SafeWriter(text).writerows(rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_csv_is_streamed_with_the_same_bytes(client: Client, organiser: Any, language: str) -> None:
    event = event_of(organiser, 5)
    client.force_login(organiser)
    answer = client.get(f"/{language}/events/{event.pk}/participants.csv")
    assert isinstance(answer, StreamingHttpResponse) and not isinstance(answer, FileResponse)
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == f'attachment; filename="participants-{event.pk}.csv"'
    data = body(answer)
    assert data == written_at_once(event, language)
    assert data.startswith("\ufeff".encode()) and b"'=HYPERLINK" in data and b"'=Name0" in data


def test_the_workbook_is_sent_from_a_file(client: Client, organiser: Any) -> None:
    from openpyxl import load_workbook

    event = event_of(organiser, 3)
    client.force_login(organiser)
    answer = client.get(f"/en/events/{event.pk}/participants.xlsx")
    assert isinstance(answer, FileResponse)
    assert answer["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert answer["Content-Disposition"] == f'attachment; filename="participants-{event.pk}.xlsx"'
    sheet = load_workbook(io.BytesIO(body(answer))).active
    assert sheet.title == "Participants"
    values = [[c.value if c.value is not None else "" for c in row] for row in sheet.iter_rows()]
    with translation.override("en"):
        rows = services.participant_rows(event)
    assert values == [[v if v is not None else "" for v in row] for row in rows]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_queries_do_not_grow_with_the_registrations(
    client: Client, organiser: Any, fmt: str, monkeypatch: Any
) -> None:
    monkeypatch.setattr(export, "CHUNK", 3)  # both sizes read in several chunks
    small, large = event_of(organiser, 2), event_of(organiser, 8)
    client.force_login(organiser)
    counts = []
    for event in (small, large):
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(f"/en/events/{event.pk}/participants.{fmt}")
            body(answer)
        counts.append(len(queries))
    assert counts[0] == counts[1]
