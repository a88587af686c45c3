"""The participant export (CSV and XLSX) for organisers only: formula-like answers made inert, answers by
question, check-ins counted; every export audited."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from korkyt.core.models import AuditEntry
from korkyt.events import services
from korkyt.events.services import QuestionData
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def event_with_answers(organiser: Any) -> Any:
    event = make_event(
        organiser,
        capacity=5,
        questions=[
            QuestionData(kind="country", label="Country", required=True),
            QuestionData(kind="text", label="Project"),
            QuestionData(kind="multiple", label="Languages", choices=["kk", "ru", "en"]),
        ],
    )
    country, project, langs = event.questions.all()
    alice = UserFactory(username="alice", first_name="Alice", last_name="Ak", email="alice@example.kz")
    reg = services.registration_create(
        actor=alice,
        event=event,
        answers={
            str(country.pk): "KZ",
            str(project.pk): '=HYPERLINK("http://evil")',
            str(langs.pk): ["kk", "en"],
        },
    )
    services.checkin(actor=organiser, event=event, code=reg.code)
    return event


def test_csv_export_is_formula_safe_and_lists_answers(client: Client, organiser: Any) -> None:
    event = event_with_answers(organiser)
    client.force_login(organiser)
    answer = client.get(f"/en/events/{event.pk}/participants.csv")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    text = answer.getvalue().decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:3] == ["Name", "User name", "E-mail"] and header[-2:] == ["Project", "Languages"]
    assert header.count("Country") == 1  # the country the form asks is the Country column
    assert row[0] == "Alice Ak" and row[7] == "1"  # one session attended
    assert row[-2] == '\'=HYPERLINK("http://evil")'  # inert in a spreadsheet
    assert row[-1] == "kk; en"
    assert AuditEntry.objects.filter(action_type="events.participants.export").count() == 1


def test_xlsx_export_holds_text_cells_never_formulas(client: Client, organiser: Any) -> None:
    event = event_with_answers(organiser)
    client.force_login(organiser)
    answer = client.get(f"/ru/events/{event.pk}/participants.xlsx")
    assert answer.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(answer.getvalue())).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    formula_like = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert formula_like and all(c.data_type == "s" for c in formula_like)  # text, never a formula
    assert all(c.data_type != "f" for c in cells)
    with translation.override("ru"):
        headers = [c.value for c in sheet[1]]
        assert gettext("E-mail") != "E-mail" and gettext("E-mail") in headers  # the viewer's language


def test_only_organisers_export(client: Client, organiser: Any) -> None:
    event = event_with_answers(organiser)
    for user in (None, UserFactory(username="plain"), event.bookable.registrations.get().user):
        client.logout()
        if user is not None:
            client.force_login(user)
        answer = client.get(f"/en/events/{event.pk}/participants.csv")
        assert answer.status_code in ((302,) if user is None else (404,))
    client.force_login(organiser)
    assert client.get(f"/en/events/{event.pk}/participants.pdf").status_code == 404
