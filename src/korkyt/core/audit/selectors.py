"""Reading the audit log: an object's history for the people who manage it, everything for exports."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import Http404

from korkyt.core.actors import Actor
from korkyt.core.audit.registry import audited
from korkyt.core.models import AuditEntry
from korkyt.core.permissions import is_platform_admin


def may_read_history(actor: Actor | None, obj: Model) -> bool:
    """Platform administrators, and whoever holds the model's history permission on ``obj``."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    info = audited(type(obj))
    if info is None:  # no history page for a model that is not audited, for anyone
        return False
    if is_platform_admin(actor):
        return True
    return bool(info.history_permission and actor.has_perm(info.history_permission, obj))


def audit_entries_for(*, actor: Actor | None, obj: Model) -> QuerySet[AuditEntry]:
    """``obj``'s history (its own entries and those of its dependent rows), newest first.

    Raises Http404 for anyone who may not read it: a history one may not see does not exist."""
    if obj.pk is None or not may_read_history(actor, obj):
        raise Http404
    root_type = ContentType.objects.get_for_model(obj)
    return (
        AuditEntry.objects.filter(root_type=root_type, root_id=obj.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def audit_entries(*, since: dt.datetime | None = None) -> QuerySet[AuditEntry]:
    """Every entry (oldest first), from ``since`` on: for platform administrators' exports only."""
    rows = AuditEntry.objects.select_related("actor", "content_type").order_by("timestamp", "pk")
    if since is not None:
        rows = rows.filter(timestamp__gte=since)
    return rows
