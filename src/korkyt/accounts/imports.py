"""Bulk onboarding: accounts from a CSV (``username,email,full_name,institution,role``), used by
``korkyt users import``. Institutions are named by their code (``KZ-SCSNC``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role, User
from korkyt.accounts.services import role_grant, token_create, user_create
from korkyt.core.permissions import SYSTEM
from korkyt.core.spreadsheet import BadRecord, read_records, record_dict

COLUMNS = ("username", "email", "full_name", "institution", "role")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (CSV line, message)
    tokens: list[tuple[str, str]] = field(default_factory=list)  # (username, token)


class StrictFailure(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__(f"{len(report.errors)} rows have errors")
        self.report = report


def _row(line: int, row: dict[str, str], report: ImportReport, want_token: bool) -> None:
    username = (row.get("username") or "").strip()
    email = (row.get("email") or "").strip()
    full_name = (row.get("full_name") or "").strip()
    code = (row.get("institution") or "").strip()
    role = (row.get("role") or "").strip()
    problems: list[str] = []
    if not username:
        problems.append(_("username is empty"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("email “%(email)s” is not valid") % {"email": email})
    institution = None
    if code:
        institution = apps.get_model("institutions", "Institution").objects.filter(code__iexact=code).first()
        if institution is None:
            problems.append(_("no institution with the code “%(code)s”") % {"code": code})
    if role and role not in Role.values:
        problems.append(
            _("unknown role “%(role)s” (one of %(roles)s)") % {"role": role, "roles": ", ".join(Role.values)}
        )
    if role and not code:
        problems.append(_("a role needs an institution"))
    if problems:
        report.errors.append((line, "; ".join(problems)))
        return
    first, _sep, last = full_name.partition(" ")
    with transaction.atomic():
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            user = user_create(
                username=username, password=None, email=email, first_name=first, last_name=last
            )
            report.created.append(username)
        else:
            user.email, user.first_name, user.last_name = (
                email or user.email,
                first or user.first_name,
                last or user.last_name,
            )
            user.save(update_fields=["email", "first_name", "last_name"])
            report.updated.append(username)
        if institution is not None and role:
            role_grant(actor=SYSTEM, user=user, role=role, scope=institution)
        if want_token:
            _token, raw = token_create(user=user, name="import")
            report.tokens.append((user.username, raw))


def users_import(
    *, rows: Iterable[tuple[int, dict[str, str] | BadRecord]], strict: bool = False, tokens: bool = False
) -> ImportReport:
    """Create or update the accounts of ``rows`` (CSV line, record); errors are reported per CSV line. With
    ``strict`` any error saves nothing (StrictFailure carries the report)."""
    report = ImportReport()
    try:
        with transaction.atomic():
            for line, row in rows:
                if isinstance(row, BadRecord):
                    field_name = "" if row.field == "__all__" else f"{row.field}: "
                    report.errors.append((line, field_name + row.message(_)))
                    continue
                try:
                    with transaction.atomic():
                        _row(line, row, report, tokens)
                except ValidationError as exc:
                    report.errors.append((line, "; ".join(exc.messages)))
            if strict and report.errors:
                raise StrictFailure(report)
    except StrictFailure:
        report.created, report.updated, report.tokens = [], [], []
        raise
    return report


def read_csv(text: str) -> tuple[list[tuple[int, dict[str, str] | BadRecord]], list[str]]:
    """Rows of a users CSV by the line each starts on (a record that cannot be read, or with a field
    over FIELD_MAX characters, is a BadRecord), and the required columns it lacks."""
    header, records = read_records(text.lstrip("\ufeff"))
    missing = [c for c in ("username", "email") if c not in header]
    rows = [
        (line, values if isinstance(values, BadRecord) else record_dict(header, values))
        for line, values in records
    ]
    return rows, missing
