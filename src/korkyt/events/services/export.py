"""The participant list of an event as CSV or XLSX for its organisers (core.spreadsheet: CSV cells that
a spreadsheet would run as formulas are made inert; XLSX cells are inline text or numbers, never
formulas). The rows are read as they are asked for, so that the page streams the CSV and sends the workbook
from a temporary file.
Every export is audited: it carries personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.languages import request_language
from korkyt.core.timezones import zone
from korkyt.core.validation import require_perm
from korkyt.events.answers import answer_of, answer_read, own_columns, readings
from korkyt.events.models import Event, Registration

FORMATS = ("csv", "xlsx")
CHUNK = 500  # registrations read from the database at a time


def participant_rows(event: Event) -> list[list[Any]]:
    """Header and one row per registration (:func:`participant_table` read at once)."""
    header, rows = participant_table(event)
    return [header, *rows]


def _registrations(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(bookable=event.bookable_id)
        .select_related("user", "certificate")
        .annotate(attended=Count("checkins"))
        .order_by("status", "position", "created_at", "pk")
    )


def participant_table(event: Event) -> tuple[list[Any], Iterator[list[Any]]]:
    """The header and the rows, one per registration, read as they are asked for: person, status,
    check-ins, certificate, then every answer (but the one the Country column gives: ``own_columns``), the
    questions and the options chosen as the active language reads them."""
    questions = own_columns(event.questions.all())  # a country the form asks is the Country column
    read = readings(questions, request_language())
    header = [
        pgettext("person", "Name"),
        _("User name"),
        _("E-mail"),
        _("Country"),
        _("Status"),
        _("Waiting-list position"),
        # Translators: heading of the column of registration times, wall times of the event's place; the
        # zone is named, e.g. "Registered (Asia/Almaty)". (A message inside an f-string is not extracted.)
        _("Registered (%(zone)s)") % {"zone": event.time_zone},
        _("Sessions attended"),
        _("Certificate"),
        *[read[q.pk].label.text for q in questions],
    ]
    place = zone(event.time_zone) or dt.UTC

    def rows() -> Iterator[list[Any]]:
        for reg in _registrations(event).iterator(chunk_size=CHUNK):
            cert = getattr(reg, "certificate", None)
            yield [
                reg.user.get_full_name() if reg.user is not None else reg.holder_name,
                reg.user.get_username() if reg.user is not None else "",
                reg.contact_email,
                reg.country.name if reg.country else "",
                str(reg.get_status_display()),
                reg.position if reg.position is not None else "",
                timezone.localtime(reg.created_at, place).strftime("%Y-%m-%d %H:%M"),
                reg.attended,  # type: ignore[attr-defined]
                cert.code if cert is not None and cert.revoked_at is None else "",
                *[answer_read(q, answer_of(reg, q), read[q.pk], separator="; ") for q in questions],
            ]

    return header, rows()


def participants_export(*, actor: Actor, event: Event, fmt: str) -> tuple[list[Any], Iterator[list[Any]]]:
    """The participant list an organiser downloads as ``fmt`` (``csv`` or ``xlsx``), audited: its header
    and its rows, read as they are asked for (the page sends them with core.spreadsheet.spreadsheet_response:
    the CSV streamed, the workbook from a temporary file)."""
    require_perm(actor, "events.manage_registrations", event)
    if fmt not in FORMATS:
        raise ValidationError({"format": [_("Choose CSV or XLSX.")]})
    audit_log(
        obj=event,
        action="events.participants.export",
        actor=actor,
        data={"format": fmt, "rows": _registrations(event).count()},
    )
    return participant_table(event)
