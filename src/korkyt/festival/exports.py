"""The spreadsheet of every review of an edition (CSV through core's safe writer, or XLSX), for the
festival's staff. Private notes are the reviewers' own and are not exported."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse

from korkyt.core.spreadsheet import SafeWriter, write_xlsx
from korkyt.festival.models import Edition, Review
from korkyt.festival.selectors import submission_title

HEADER = [
    "submission",
    "section",
    "film",
    "country",
    "status",
    "reviewer",
    "criterion scores",
    "total",
    "flag",
    "comment",
    "submitted",
]


def review_rows(edition: Edition) -> Iterator[list[Any]]:
    yield HEADER
    reviews = (
        Review.objects.filter(assignment__submission__section__edition=edition, submitted_at__isnull=False)
        .select_related(
            "assignment__reviewer", "assignment__submission__section", "assignment__submission__film"
        )
        .prefetch_related("assignment__submission__film__titles")
        .order_by("assignment__submission__pk", "pk")
    )
    for r in reviews:
        sub = r.assignment.submission
        yield [
            sub.pk,
            sub.section.kind,
            submission_title(sub, "en").text,
            str(sub.country),
            sub.status,
            r.assignment.reviewer.username,
            "; ".join(f"{k}={v:g}" for k, v in sorted(r.scores.items())),
            r.total if r.total is not None else "",
            r.flag,
            r.comment,
            r.submitted_at.isoformat() if r.submitted_at else "",
        ]


def write_reviews(edition: Edition, fmt: str, stream: Any) -> None:
    if fmt == "xlsx":
        write_xlsx(review_rows(edition), stream, sheet=f"Reviews {edition.number}")
    else:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        SafeWriter(text).writerows(review_rows(edition))
        text.flush()
        text.detach()


def reviews_response(edition: Edition, fmt: str) -> HttpResponse:
    buffer = io.BytesIO()
    write_reviews(edition, fmt, buffer)
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(buffer.getvalue(), content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="korkyt-{edition.number}-reviews.{fmt}"'
    return response
