"""Submissions from a CSV file (``korkyt festival import-submissions``), row by row through the same
services as the pages, each row saved whole or not at all, with its errors named by line and field.

Columns: ``edition`` (number), ``section`` (feature, documentary…), ``film`` (catalogue number) or
``film_title`` (an English or original title), ``route`` (direct or nomination), ``agency`` (institution
code, nominations), ``user`` (the producer or the agency editor entering it), ``premiere``, ``runtime``,
``screener_url``, ``screener_password``, ``submit`` (yes to submit at once; nominations are signed off by
``signed_off_by``, the agency's head)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.accounts.models import User
from korkyt.catalogue.models import Film, FilmTitle
from korkyt.core.errors import field_errors
from korkyt.core.http import id_from, whole_number
from korkyt.core.spreadsheet import BadRecord, read_records, record_dict, unescape_cell
from korkyt.festival import services
from korkyt.festival.models import Section
from korkyt.institutions.models import Institution

REQUIRED = ("edition", "section", "route", "user")


@dataclass
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportReport:
    created: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed_lines(self) -> set[int]:
        return {e.line for e in self.errors}


class _RowFailed(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors


def _lookup(row: dict[str, str]) -> dict[str, Any]:
    problems: list[tuple[str, str]] = []
    for name in REQUIRED:
        if not row.get(name):
            problems.append((name, "required"))
    if problems:
        raise _RowFailed(problems)
    section = (
        Section.objects.filter(edition__number=whole_number(row["edition"]) or -1, kind=row["section"])
        .select_related("edition")
        .first()
    )
    if section is None:
        problems.append(("section", f"no section {row['section']!r} in edition {row['edition']}"))
    film = None
    if row.get("film"):
        pk = id_from(row["film"])
        film = Film.objects.filter(pk=pk).first() if pk is not None else None
    elif row.get("film_title"):
        title = FilmTitle.objects.filter(text=row["film_title"]).select_related("film").first()
        film = title.film if title else None
    if film is None:
        problems.append(("film", "no such film in the catalogue"))
    user = User.objects.filter(username=row["user"]).first()
    if user is None:
        problems.append(("user", f"no user {row['user']!r}"))
    agency = None
    if row["route"] == "nomination":
        agency = Institution.objects.filter(code=row.get("agency", "")).first()
        if agency is None:
            problems.append(("agency", "a nomination names its agency's code"))
    elif row["route"] != "direct":
        problems.append(("route", "direct or nomination"))
    runtime = None
    if row.get("runtime"):
        runtime = whole_number(row["runtime"])
        if runtime is None:
            problems.append(("runtime", "minutes as a whole number"))
    if problems:
        raise _RowFailed(problems)
    return {"section": section, "film": film, "user": user, "agency": agency, "runtime": runtime}


def _import_row(row: dict[str, str]) -> int:
    found = _lookup(row)
    common = {
        "section": found["section"],
        "film": found["film"],
        "premiere": row.get("premiere") or "none",
        "runtime": found["runtime"],
        "screener_url": row.get("screener_url", ""),
        "screener_password": row.get("screener_password", ""),
    }
    user = found["user"]
    if found["agency"] is not None:
        sub = services.nomination_create(actor=user, agency=found["agency"], **common)
        head_name = row.get("signed_off_by", "")
        if head_name:
            head = User.objects.filter(username=head_name).first()
            if head is None:
                raise _RowFailed([("signed_off_by", f"no user {head_name!r}")])
            services.nomination_sign_off(actor=head, submission=sub)
    else:
        sub = services.submission_create(actor=user, **common)
        if (row.get("submit") or "").lower() in ("yes", "true", "1"):
            services.submission_submit(actor=user, submission=sub)
    return sub.pk


def import_csv(text: str, *, strict: bool = False) -> ImportReport:
    """Import every row; with ``strict``, nothing is saved when any row fails."""
    report = ImportReport()
    header, records = read_records(text.lstrip("\ufeff"))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        report.errors.append(RowError(1, ",".join(missing), "missing columns"))
        return report
    with transaction.atomic():
        for line, values in records:
            if isinstance(values, BadRecord):
                report.errors.append(RowError(line, values.field, values.message(_)))
                continue
            row = {k: unescape_cell(v.strip()) for k, v in record_dict(header, values).items()}
            try:
                with transaction.atomic():
                    report.created.append(_import_row(row))
            except _RowFailed as exc:
                report.errors.extend(RowError(line, f, m) for f, m in exc.errors)
            except ValidationError as exc:
                report.errors.extend(RowError(line, e["field"], e["message"]) for e in field_errors(exc))
            except PermissionDenied as exc:
                report.errors.append(RowError(line, "user", str(exc) or "not allowed"))
        if strict and report.errors:
            report.created = []
            transaction.set_rollback(True)
    return report
