"""The audit log as CSV (formula-looking cells escaped) or JSON, for the admin and ``korkyt audit export``.

One row per entry: id, timestamp (ISO 8601, UTC), actor ("system" when the platform acted, with the task),
actor_id, object_type (app_label.model), object_id, object (its text when written), action (create, update,
delete, access or event), event (the platform's event type, e.g. localization.translationjob.approve),
changes (field: before → after), request_id, task_id, task_name, data (JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from django.core.serializers.json import DjangoJSONEncoder

from korkyt.core.models import AuditAction, AuditEntry
from korkyt.core.spreadsheet import write_csv

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


def write_entries(entries: Iterable[AuditEntry], out: TextIO, fmt: str) -> int:
    """Write ``entries`` to ``out`` as ``csv`` or ``json`` (an array, streamed); returns how many."""
    if fmt == "csv":
        return write_csv(out, COLUMNS, _csv_rows(entries))
    if fmt != "json":
        raise ValueError(fmt)
    count = 0
    out.write("[")
    for entry in entries:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(entry_row(entry), ensure_ascii=False, cls=DjangoJSONEncoder))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
