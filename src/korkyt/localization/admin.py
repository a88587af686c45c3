"""Admin for platform administrators: localization records read-only (the workbench edits them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from korkyt.localization.models import GlossaryConcept, MemoryUnit, SubtitleTrack, TranslationJob


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SubtitleTrack)
class SubtitleTrackAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "film", "language", "format", "file_name", "created_at")
    list_filter = ("language", "format")


@admin.register(TranslationJob)
class TranslationJobAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "pk",
        "film",
        "kind",
        "source_language",
        "target_language",
        "status",
        "assignee",
        "reviewer",
    )
    list_filter = ("kind", "status", "target_language")


@admin.register(MemoryUnit)
class MemoryUnitAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "source_language", "target_language", "source_text", "target_text", "film")
    list_filter = ("source_language", "target_language")
    search_fields = ("source_text", "target_text")


@admin.register(GlossaryConcept)
class GlossaryConceptAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "code", "do_not_translate", "definition")
