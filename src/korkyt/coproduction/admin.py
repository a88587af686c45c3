from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from korkyt.coproduction.models import (
    Element,
    FinancingSource,
    Partner,
    Project,
    ProjectText,
    Review,
)


class TextInline(admin.StackedInline):
    model = ProjectText
    extra = 0


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    raw_id_fields = ("company", "institution")


class SourceInline(admin.TabularInline):
    model = FinancingSource
    extra = 0

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """A line's partner is one of the project's own partners (not every partner of every project)."""
        if db_field.name == "partner":
            match = request.resolver_match
            project = str(match.kwargs.get("object_id") or "") if match else ""
            kwargs["queryset"] = (
                Partner.objects.filter(project_id=int(project))
                if project.isdigit()
                else Partner.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ElementInline(admin.TabularInline):
    model = Element
    extra = 0
    raw_id_fields = ("person",)


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    readonly_fields = ("country", "institution", "status", "comments", "decided_by", "decided_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "stage", "status", "is_published", "created_at")
    list_filter = ("kind", "stage", "status", "is_published")
    search_fields = ("translations__title",)
    readonly_fields = ("status", "submitted_at", "approved_at", "created_by")
    raw_id_fields = ("memorandum", "film")
    inlines = [TextInline, PartnerInline, SourceInline, ElementInline, ReviewInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Project]:
        return super().get_queryset(request).prefetch_related("translations")  # each row's title
