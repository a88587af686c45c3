"""Admin for platform administrators. Domain records are shown read-only here: they are edited through the
staff pages and the API, which run the services (validation, permissions, one write path)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from korkyt.institutions.models import (
    Institution,
    InstitutionTranslation,
    Memorandum,
    MemorandumActivity,
    MemorandumParty,
    MemorandumTranslation,
)
from korkyt.institutions.selectors import activity_prefetch


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class InstitutionTranslationInline(ReadOnlyMixin, admin.TabularInline):
    model = InstitutionTranslation
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "kind", "country", "is_public", "updated_at")
    list_filter = ("kind", "country", "is_public")
    search_fields = ("code", "translations__name")
    inlines = [InstitutionTranslationInline]


class PartyInline(ReadOnlyMixin, admin.TabularInline):
    model = MemorandumParty
    extra = 0


class MemorandumTranslationInline(ReadOnlyMixin, admin.TabularInline):
    model = MemorandumTranslation
    extra = 0
    fields = ("language", "title", "summary", "place")


@admin.register(Memorandum)
class MemorandumAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "status", "signed_on", "framework")
    list_select_related = ("framework",)
    list_filter = ("status",)
    inlines = [PartyInline, MemorandumTranslationInline]


@admin.register(MemorandumActivity)
class MemorandumActivityAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("memorandum", "area", "content_type", "object_id", "activity_title", "happened_on")
    list_filter = ("area", "content_type")

    def get_queryset(self, request: HttpRequest) -> QuerySet[MemorandumActivity]:
        return super().get_queryset(request).prefetch_related(activity_prefetch())  # the titles' rows

    @admin.display(description=_("title"))
    def activity_title(self, row: MemorandumActivity) -> str:
        """Read from the activity in the administrator's language (titles are not stored)."""
        activity = row.activity
        title = getattr(activity, "activity_title", None)
        return title(get_language() or "en") if callable(title) else str(activity or "")
