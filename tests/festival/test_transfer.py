from __future__ import annotations

import io
from typing import Any

import pytest

from korkyt.festival import services
from korkyt.festival.exports import write_reviews
from korkyt.festival.transfer import import_csv
from tests.festival.conftest import eligible_entry, make_film

pytestmark = pytest.mark.django_db


def test_import_reports_errors_per_row_and_saves_the_good_rows(
    feature: Any, agency_kg: Any, producer: Any, kg_editor: Any, kg_head: Any
) -> None:
    good = make_film(agency_kg, "Good")
    text = (
        "edition,section,film,route,agency,user,runtime,screener_url,submit,signed_off_by\n"
        f"6,feature,{good.pk},direct,,producer,95,https://v.example/1,yes,\n"
        "6,feature,999999,direct,,producer,95,,yes,\n"
        f"6,shorts,{good.pk},direct,,producer,,,,\n"
        f"6,feature,{make_film(agency_kg, 'Nominated').pk},nomination,KG-DC,editor-kg,100,https://v.example/2,,head-kg\n"
        f"6,feature,{good.pk},direct,,nobody,abc,,,\n"
    )
    report = import_csv(text)
    assert len(report.created) == 2
    assert [(e.line, e.field) for e in report.errors] == [
        (3, "film"),
        (4, "section"),
        (6, "user"),
        (6, "runtime"),
    ]
    strict = import_csv(text.replace("Good", "x"), strict=True)
    assert strict.created == [] and strict.errors


def test_review_export_xlsx_is_a_workbook_with_one_row_per_review(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Any
) -> None:
    from tests.factories import UserFactory

    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    reviewer = UserFactory(username="rev")
    a = services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    services.review_save(
        actor=reviewer,
        assignment=a,
        scores={"story": 8, "craft": 6},
        comment="=HYPERLINK(x)",
        note="secret",
        submit=True,
    )
    buffer = io.BytesIO()
    write_reviews(edition, "xlsx", buffer)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert any(c.value == "rev" for c in cells) and "secret" not in {c.value for c in cells}
    comment = next(c for c in cells if c.value == "=HYPERLINK(x)")
    assert comment.data_type == "s"  # text, never a formula
    assert sheet["A2"].data_type == "n"  # the submission number is a number
    csv_buffer = io.BytesIO()
    write_reviews(edition, "csv", csv_buffer)
    text = csv_buffer.getvalue().decode()
    assert "'=HYPERLINK(x)" in text and "secret" not in text
