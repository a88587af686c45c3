"""The reviews download of the edition's pages reads as its viewer's language (headings, section, status,
film titles) and its CSV starts with a byte-order mark for spreadsheets; the CLI's export keeps its fixed
columns: codes and English titles."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from korkyt.catalogue import services as catalogue
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.exports import write_reviews
from korkyt.festival.selectors import submission_title
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Томирис")
    for text, tag in (("Tomiris", "en"), ("Томирис: царица", "ru")):
        catalogue.title_save(actor=SYSTEM, film=sub.film, text=text, language=tag, kind="translated")
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    reviewer = UserFactory(username="rev")
    a = services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    services.review_save(
        actor=reviewer, assignment=a, scores={"story": 8, "craft": 6}, comment="Сильный фильм", submit=True
    )
    sub.refresh_from_db()
    return sub


def test_the_page_s_csv_reads_in_the_viewer_s_language_with_a_byte_order_mark(
    reviewed: Any, staff: Any
) -> None:
    client = Client()
    client.force_login(staff)
    body = client.get("/ru/festival/6/reviews.csv").getvalue()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    with translation.override("ru"):
        section, status, country = gettext("Section"), gettext("Status"), gettext("Country")
        kind, state = str(reviewed.section.get_kind_display()), str(reviewed.get_status_display())
    assert section in rows[0] and status in rows[0] and "section" not in rows[0]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row[section] == kind and row[status] == state and row[country] == "KG"
    title_ru = submission_title(reviewed, "ru").text
    assert title_ru == "Томирис: царица" and "Tomiris" not in rows[1]
    assert title_ru in rows[1] and "Сильный фильм" in rows[1]


def test_the_page_s_workbook_reads_in_the_viewer_s_language(reviewed: Any, staff: Any) -> None:
    from openpyxl import load_workbook

    client = Client()
    client.force_login(staff)
    sheet = load_workbook(io.BytesIO(client.get("/kk/festival/6/reviews.xlsx").getvalue())).active
    with translation.override("kk"):
        heading = gettext("Section")
        kind = str(reviewed.section.get_kind_display())
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert heading in values and kind in values and submission_title(reviewed, "kk").text in values


def test_the_cli_export_keeps_its_fixed_columns(reviewed: Any) -> None:
    buffer = io.BytesIO()
    with translation.override("ru"):
        write_reviews(reviewed.section.edition, "csv", buffer)
    text = buffer.getvalue().decode("utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["submission", "section", "film", "country", "status"]
    assert rows[1][1:5] == ["feature", "Tomiris", "KG", "in_review"]
