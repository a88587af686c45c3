"""Admin for platform administrators: localization records read-only (the workbench edits them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import URLField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from korkyt.localization.models import (
    GlossaryConcept,
    MachineTranslationEngine,
    MemoryUnit,
    SubtitleTrack,
    TranslationJob,
)
from korkyt.localization.services.engines import setting_engine_names
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
    list_select_related = ("film", "assignee", "reviewer")
    list_filter = ("kind", "status", "target_language")


@admin.register(MemoryUnit)
class MemoryUnitAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "source_language", "target_language", "source_text", "target_text", "film")
    list_select_related = ("film",)
    list_filter = ("source_language", "target_language")
    search_fields = ("source_text", "target_text")


@admin.register(GlossaryConcept)
class GlossaryConceptAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "code", "do_not_translate", "definition")


ENGINE_FIELDS = ("name", "kind", "url", "model", "api_key", "pairs", "options", "enabled", "position")


def _engine_formfield(field: Any, **kwargs: Any) -> Any:
    """A server address typed without a scheme is read as http: engines run on the local network."""
    if isinstance(field, URLField):
        kwargs.setdefault("assume_scheme", "http")
    return field.formfield(**kwargs)


class EngineForm(forms.ModelForm):  # type: ignore[type-arg]
    """The API key is write-only: the page never holds it (only its masked end), an empty field keeps the
    stored key and "remove" clears it."""

    api_key = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        max_length=300,
        label=_("API key"),
    )
    clear_api_key = forms.BooleanField(required=False, label=_("Remove the stored API key"))

    class Meta:
        model = MachineTranslationEngine
        fields = ENGINE_FIELDS
        formfield_callback = _engine_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["api_key"] = ""  # never sent back to the browser
        stored = self.instance.masked_api_key() if self.instance.pk else ""
        self.fields["api_key"].help_text = (
            _("Stored: %(key)s. Leave empty to keep it.") % {"key": stored} if stored else _("None stored.")
        )

    def clean_options(self) -> Any:
        options = self.cleaned_data.get("options")
        if isinstance(options, dict) and "api_key" in options:
            raise ValidationError(_("Put the API key in its own field, where it is not shown again."))
        return options

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("clear_api_key"):
            data["api_key"] = ""
        elif not data.get("api_key"):
            data["api_key"] = self.instance.api_key if self.instance.pk else ""
        engine = MachineTranslationEngine(**{k: v for k, v in data.items() if k in ENGINE_FIELDS})
        try:
            built = build_engine(engine.as_config())
        except MTError as exc:
            raise ValidationError(str(exc)) from exc
        # The admin's engines join those of the setting in one configuration, whose names must differ (the
        # admin's own names are unique in the table).
        if built.name in setting_engine_names():
            self.add_error(
                "name",
                _("The KORKYT_MT_ENGINES setting already names an engine “%(name)s”: choose another name.")
                % {"name": built.name},
            )
        return data


@admin.register(MachineTranslationEngine)
class MachineTranslationEngineAdmin(admin.ModelAdmin):
    """Engine settings are configuration, not domain records: administrators edit them here."""

    form = EngineForm
    formfield_overrides = {URLField: {"assume_scheme": "http"}}  # as EngineForm: engines on the local network
    list_display = ("name", "kind", "url", "model", "pairs", "api_key_display", "enabled", "position")
    fields = (
        "name",
        "kind",
        "url",
        "model",
        "api_key",
        "clear_api_key",
        "pairs",
        "options",
        "enabled",
        "position",
    )

    @admin.display(description=_("API key"))
    def api_key_display(self, engine: MachineTranslationEngine) -> str:
        return engine.masked_api_key()

    list_editable = ("enabled", "position")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)
