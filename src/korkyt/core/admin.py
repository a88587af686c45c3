"""Admin: the audit log, read-only, for platform administrators (filter, search, export as CSV or JSON)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from korkyt.core.audit.export import changes_text, entries_chunks
from korkyt.core.audit.registry import ACTION_LABELS
from korkyt.core.models import AuditEntry

if admin.site.is_registered(AuditEntry):  # django-auditlog's own admin of the log model
    admin.site.unregister(AuditEntry)


def _export(queryset: QuerySet[AuditEntry], fmt: str) -> StreamingHttpResponse:
    """The selected entries as a download, written as they are read from the database (the log only
    grows: a selection of every entry must not be held in memory)."""
    entries = queryset.select_related("actor", "content_type").order_by("timestamp", "pk").iterator(2000)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(entries_chunks(entries, fmt), content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="korkyt-audit-{stamp}.{fmt}"'
    return response


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    date_hierarchy = "timestamp"
    list_display = (
        "timestamp",
        "who",
        "content_type",
        "object_repr",
        "action",
        "event",
        "what_changed",
        "request_id",
        "task_id",
    )
    list_filter = (
        "action",
        ("action_type", admin.AllValuesFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("actor", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("object_repr", "object_pk", "request_id", "task_id", "task_name", "actor_label")
    list_select_related = ("actor", "content_type")
    fields = (
        "timestamp",
        "who",
        "content_type",
        "object_pk",
        "object_repr",
        "action",
        "event",
        "what_changed",
        "additional_data",
        "request_id",
        "task_id",
        "task_name",
    )
    readonly_fields = fields
    actions = ("export_csv", "export_json")
    show_full_result_count = False

    @admin.display(description=_("who"), ordering="actor_label")
    def who(self, entry: AuditEntry) -> str:
        return entry.actor_display

    @admin.display(description=pgettext_lazy("audit", "event"), ordering="action_type")
    def event(self, entry: AuditEntry) -> str:
        return str(ACTION_LABELS.get(entry.action_type, entry.action_type))

    @admin.display(description=_("changes"))
    def what_changed(self, entry: AuditEntry) -> str:
        return changes_text(entry.changes)

    @admin.action(description=_("Export the selected entries as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> StreamingHttpResponse:
        return _export(queryset, "csv")

    @admin.action(description=_("Export the selected entries as JSON"))
    def export_json(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> StreamingHttpResponse:
        return _export(queryset, "json")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
