"""Admin for platform administrators: localization records read-only (the workbench edits them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from korkyt.localization.models import (
    GlossaryConcept,
    MachineTranslationEngine,
    MemoryUnit,
    SubtitleTrack,
    TranslationJob,
)
from korkyt.mt import MTError, build_engine


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


class EngineForm(forms.ModelForm):  # type: ignore[type-arg]
    api_key = forms.CharField(
        required=False, widget=forms.PasswordInput(render_value=True), max_length=300, label="API key"
    )

    class Meta:
        model = MachineTranslationEngine
        fields = ("name", "kind", "url", "model", "api_key", "pairs", "options", "enabled", "position")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        engine = MachineTranslationEngine(**{k: v for k, v in data.items() if k in self.Meta.fields})
        try:
            build_engine(engine.as_config())
        except MTError as exc:
            raise ValidationError(str(exc)) from exc
        return data


@admin.register(MachineTranslationEngine)
class MachineTranslationEngineAdmin(admin.ModelAdmin):
    """Engine settings are configuration, not domain records: administrators edit them here."""

    form = EngineForm
    list_display = ("name", "kind", "url", "model", "pairs", "enabled", "position")
    list_editable = ("enabled", "position")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)
