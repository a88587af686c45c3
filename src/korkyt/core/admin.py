"""Admin: the audit log, read-only, for platform administrators (filter, search, export as CSV or JSON)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
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


class EventFilter(admin.SimpleListFilter):
    """The platform's event types, from the registry (not a DISTINCT over the whole log)."""

    title = pgettext_lazy("audit", "event")
    parameter_name = "action_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return sorted(ACTION_LABELS.items(), key=lambda item: str(item[1]).casefold())

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        return queryset.filter(action_type=self.value()) if self.value() else queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    """The platform's own types of object (a fixed list read from the content types, not the log)."""

    title = _("type of object")
    parameter_name = "content_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        labels = {config.label for config in apps.get_app_configs() if config.name.startswith("korkyt.")}
        labels |= {"auth", "account"}
        types = ContentType.objects.filter(app_label__in=labels)
        return sorted(
            ((str(t.pk), f"{t.app_label} › {t.name}") for t in types), key=lambda item: item[1].casefold()
        )

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        value = self.value()
        return queryset.filter(content_type_id=value) if value and value.isdigit() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The log grows without end: nothing on the list page reads the whole of it (no date hierarchy, no
    filter whose choices come from a DISTINCT over the log, exact matches for identifiers)."""

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
    list_filter = ("action", EventFilter, ObjectTypeFilter, ("timestamp", admin.DateFieldListFilter))
    #: an object's text contains the words; identifiers and the username are matched whole
    search_fields = ("object_repr", "=object_pk", "=request_id", "=task_id", "=task_name", "=actor_label")
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
