"""The spreadsheet of every review of an edition (CSV through core's safe writer, or XLSX), for the
festival's staff. Private notes are the reviewers' own and are not exported.

Two readings of one table: the edition's page downloads it in the viewer's language (headings, section,
status and flag as the interface names them, film titles in that language, the CSV with a byte-order mark
for spreadsheets, as the events' participant list); ``korkyt festival export-reviews`` keeps its fixed
columns for programs (:data:`HEADER`: codes, English titles, no byte-order mark)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.core.spreadsheet import SafeWriter, write_xlsx
from korkyt.festival.models import Edition, Review
from korkyt.festival.selectors import submission_title

#: The CLI's columns (codes: ``feature``, ``in_review``; titles in English).
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


def _headings() -> list[str]:
    """:data:`HEADER` in the active language."""
    return [
        _("Entry"),
        _("Section"),
        _("Film"),
        _("Country"),
        _("Status"),
        _("Reviewer"),
        _("Scores by criterion"),
        _("Total"),
        _("Flag"),
        _("Comment"),
        _("Submitted"),
    ]


def review_rows(edition: Edition, language: str | None = None) -> Iterable[list[Any]]:
    """The header and one row per submitted review. ``language`` None: the CLI's fixed columns (read as
    they are written); else the headings, section, status, flag and film titles as ``language`` reads
    them (read at once, in that language)."""
    if language is None:
        return _rows(edition, None)
    with translation.override(language):
        return list(_rows(edition, language))


def _rows(edition: Edition, language: str | None) -> Iterator[list[Any]]:
    readable = language is not None
    yield _headings() if readable else HEADER
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
            str(sub.section.get_kind_display()) if readable else sub.section.kind,
            submission_title(sub, language or "en").text,
            str(sub.country),
            str(sub.get_status_display()) if readable else sub.status,
            r.assignment.reviewer.username,
            "; ".join(f"{k}={v:g}" for k, v in sorted(r.scores.items())),
            r.total if r.total is not None else "",
            str(r.get_flag_display()) if readable and r.flag else r.flag,
            r.comment,
            r.submitted_at.isoformat() if r.submitted_at else "",
        ]


def write_reviews(edition: Edition, fmt: str, stream: Any, language: str | None = None) -> None:
    """Write the table to ``stream`` (bytes). ``language`` None: the CLI's form; else the page's, read in
    ``language``, its CSV with a byte-order mark."""
    rows = review_rows(edition, language)
    if fmt == "xlsx":
        sheet = "Reviews"
        if language is not None:
            with translation.override(language):
                sheet = _("Reviews")
        write_xlsx(rows, stream, sheet=f"{sheet} {edition.number}")
    else:
        text = io.TextIOWrapper(stream, encoding="utf-8" if language is None else "utf-8-sig", newline="")
        SafeWriter(text).writerows(rows)
        text.flush()
        text.detach()


def reviews_response(edition: Edition, fmt: str, language: str) -> HttpResponse:
    """The page's download, read in ``language`` (the viewer's)."""
    buffer = io.BytesIO()
    write_reviews(edition, fmt, buffer, language)
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(buffer.getvalue(), content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="korkyt-{edition.number}-reviews.{fmt}"'
    return response
