"""The spreadsheet of every review of an edition (CSV through core's safe writer, or XLSX), for the
festival's staff. Private notes are the reviewers' own and are not exported.

Two readings of one table: the edition's page downloads it in the viewer's language (headings, section,
status and flag as the interface names them, film titles in that language, the CSV with a byte-order mark
for spreadsheets, as the events' participant list); ``korkyt festival export-reviews`` keeps its fixed
columns for programs (:data:`HEADER`: codes, English titles, no byte-order mark). Either way the reviews
are read from the database a chunk at a time, each chunk with its films' titles, and written as they come:
the page's CSV is streamed, its workbook sent from a temporary file."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.catalogue.models import Film
from korkyt.core.spreadsheet import SafeWriter, rows_in_language, spreadsheet_response, write_xlsx
from korkyt.festival.models import Edition, Review
from korkyt.festival.selectors import submission_title

CHUNK = 500  # reviews read from the database at a time

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
    """The header and one row per submitted review, read as they are asked for. ``language`` None: the
    CLI's fixed columns; else the headings, section, status, flag and film titles as ``language`` reads
    them (each row read in that language)."""
    if language is None:
        return _rows(edition, None)
    return rows_in_language(language, _rows(edition, language))


def _with_films(reviews: Iterator[Review]) -> Iterator[Review]:
    """The reviews a chunk at a time, each chunk's films read with their titles in two queries (only
    that chunk's films are held: what the export keeps does not grow with the edition's entries)."""
    while chunk := list(islice(reviews, CHUNK)):
        ids = {r.assignment.submission.film_id for r in chunk}
        films = Film.objects.prefetch_related("titles").in_bulk(ids)
        for r in chunk:
            r.assignment.submission.film = films[r.assignment.submission.film_id]
        yield from chunk


def _rows(edition: Edition, language: str | None) -> Iterator[list[Any]]:
    readable = language is not None
    yield _headings() if readable else HEADER
    reviews = (
        Review.objects.filter(assignment__submission__section__edition=edition, submitted_at__isnull=False)
        .select_related("assignment__reviewer", "assignment__submission__section")
        .order_by("assignment__submission__pk", "pk")
    )
    for r in _with_films(reviews.iterator(chunk_size=CHUNK)):
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


def reviews_response(edition: Edition, fmt: str, language: str) -> StreamingHttpResponse:
    """The page's download, read in ``language`` (the viewer's): the CSV streamed as the reviews are read,
    the workbook sent from a temporary file (core.spreadsheet.spreadsheet_response)."""
    with translation.override(language):
        rows = iter(review_rows(edition, language))
        header = next(rows)
        sheet = _("Reviews")
        return spreadsheet_response(
            fmt,
            header,
            rows,
            filename=f"korkyt-{edition.number}-reviews.{fmt}",
            sheet=f"{sheet} {edition.number}",
        )
