"""The audit log as CSV (formula-looking cells escaped) or JSON, for the admin and ``korkyt audit export``.

One row per entry: id, timestamp (ISO 8601, UTC), actor ("system" when the platform acted, with the task),
actor_id, object_type (app_label.model), object_id, object (its text when written), action (create, update,
delete, access or event), event (the platform's event type, e.g. localization.translationjob.approve),
changes (field: before → after), request_id, task_id, task_name, data (JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any, TextIO

from django.core.serializers.json import DjangoJSONEncoder

from korkyt.core.models import AuditAction, AuditEntry
from korkyt.core.spreadsheet import csv_chunks, write_csv

COLUMNS = (
    "id",
    "timestamp",
    "actor",
    "actor_id",
    "object_type",
    "object_id",
    "object",
    "action",
    "event",
    "changes",
    "request_id",
    "task_id",
    "task_name",
    "data",
)
ACTION_NAMES = {
    AuditAction.CREATE: "create",
    AuditAction.UPDATE: "update",
    AuditAction.DELETE: "delete",
    AuditAction.ACCESS: "access",
    AuditAction.EVENT: "event",
}
FORMATS = ("csv", "json")


def changes_text(changes: Any) -> str:
    """``status: in_progress → approved; deadline: None → 2026-12-31`` (m2m: ``areas: add [a, b]``)."""
    if not isinstance(changes, dict):
        return ""
    parts = []
    for field, change in changes.items():
        if isinstance(change, dict) and change.get("type") == "m2m":
            parts.append(
                f"{field}: {change.get('operation')} [{', '.join(map(str, change.get('objects', [])))}]"
            )
        elif isinstance(change, list | tuple) and len(change) == 2:
            parts.append(f"{field}: {change[0]} → {change[1]}")
        else:
            parts.append(f"{field}: {change}")
    return "; ".join(parts)


def entry_row(entry: AuditEntry) -> dict[str, Any]:
    content_type = entry.content_type
    return {
        "id": entry.pk,
        "timestamp": entry.timestamp.isoformat(),
        "actor": entry.actor_display,
        "actor_id": entry.actor_id,
        "object_type": f"{content_type.app_label}.{content_type.model}",
        "object_id": entry.object_pk,
        "object": entry.object_repr,
        "action": ACTION_NAMES.get(entry.action, str(entry.action)),  # type: ignore[call-overload]
        "event": entry.action_type,
        "changes": entry.changes or {},
        "request_id": entry.request_id,
        "task_id": entry.task_id,
        "task_name": entry.task_name,
        "data": entry.additional_data or {},
    }


def _csv_rows(entries: Iterable[AuditEntry]) -> Iterator[list[Any]]:
    for entry in entries:
        row = entry_row(entry)
        row["changes"] = changes_text(row["changes"])
        row["data"] = (
            json.dumps(row["data"], ensure_ascii=False, cls=DjangoJSONEncoder) if row["data"] else ""
        )
        yield [row[c] for c in COLUMNS]


def _json_parts(entries: Iterable[AuditEntry], counted: list[int]) -> Iterator[str]:
    """The JSON array of ``entries``, one entry a part (how many goes in ``counted``)."""
    count = 0
    yield "["
    for entry in entries:
        yield (",\n" if count else "\n") + json.dumps(
            entry_row(entry), ensure_ascii=False, cls=DjangoJSONEncoder
        )
        count += 1
    counted.append(count)
    yield "\n]\n" if count else "]\n"


def write_entries(entries: Iterable[AuditEntry], out: TextIO, fmt: str) -> int:
    """Write ``entries`` to ``out`` as ``csv`` or ``json`` (an array, streamed); returns how many."""
    if fmt == "csv":
        return write_csv(out, COLUMNS, _csv_rows(entries))
    if fmt != "json":
        raise ValueError(fmt)
    counted: list[int] = []
    for part in _json_parts(entries, counted):
        out.write(part)
    return counted[0]


def entries_chunks(entries: Iterable[AuditEntry], fmt: str, *, size: int = 65_536) -> Iterator[bytes]:
    """What :func:`write_entries` writes, as UTF-8 chunks of about ``size`` bytes made as the entries are
    read (a download streams the log without holding it)."""
    if fmt == "csv":
        return csv_chunks(chain([COLUMNS], _csv_rows(entries)), lineterminator="\n", size=size)
    if fmt != "json":
        raise ValueError(fmt)
    return _json_chunks(entries, size)


def _json_chunks(entries: Iterable[AuditEntry], size: int) -> Iterator[bytes]:
    parts: list[str] = []
    length = 0
    for part in _json_parts(entries, []):
        parts.append(part)
        length += len(part)
        if length >= size:
            yield "".join(parts).encode("utf-8")
            parts, length = [], 0
    if parts:
        yield "".join(parts).encode("utf-8")
