"""Audit entries as the history page shows them: who, what (the event or created/changed/deleted), which
fields before → after, in the viewer's language (field names, choice labels, event labels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.translation import gettext as _

from korkyt.core.audit.registry import ACTION_LABELS
from korkyt.core.models import AuditAction, AuditEntry

TRUNCATE = 140


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class HistoryRow:
    entry: AuditEntry
    when: dt.datetime
    who: str  # the user's name; "" when the platform acted by itself (the page says so)
    task: str
    what: str
    subject: str  # the dependent row the entry is about ("title: Дала әні"); "" for the object itself
    changes: list[Change] = field(default_factory=list)


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= TRUNCATE else text[:TRUNCATE] + "…"


def _changes(entry: AuditEntry) -> list[Change]:
    model = entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes or {}).items():
        label: Any = name
        choices: dict[Any, Any] = {}
        if model is not None:
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                model_field = None
            if model_field is not None:
                label = getattr(model_field, "verbose_name", name)
                choices = dict(getattr(model_field, "choices", None) or ())
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = ", ".join(map(str, change.get("objects", [])))
            added = change.get("operation") == "add"
            rows.append(Change(str(label), "" if added else _short(objects), _short(objects) if added else ""))
        elif isinstance(change, list | tuple) and len(change) == 2:
            before, after = (choices.get(v, v) if v != "None" else "" for v in change)
            rows.append(Change(str(label), _short(before), _short(after)))
    return rows


def history_rows(entries: Iterable[AuditEntry], root: Model) -> list[HistoryRow]:
    root_type = (root._meta.app_label, root._meta.model_name)
    rows = []
    for entry in entries:
        own = (entry.content_type.app_label, entry.content_type.model) == root_type and entry.object_pk == str(
            root.pk
        )
        model = entry.content_type.model_class()
        kind = model._meta.verbose_name if model is not None else entry.content_type.model
        if entry.action == AuditAction.EVENT:
            what = str(ACTION_LABELS.get(entry.action_type, entry.action_type))
        else:
            what = str(entry.get_action_display())
        rows.append(
            HistoryRow(
                entry=entry,
                when=entry.timestamp,
                who=entry.actor_label,
                task=entry.task_name,
                what=what,
                subject="" if own else f"{kind}: {_short(entry.object_repr)}",
                changes=_changes(entry),
            )
        )
    return rows
