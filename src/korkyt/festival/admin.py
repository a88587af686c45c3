"""Read-only admin of the festival's records: every change goes through the services (pages, API, CLI)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from korkyt.festival.models import (
    Award,
    AwardWinner,
    Call,
    CommitteeMember,
    Conflict,
    Edition,
    JuryMember,
    Section,
    Submission,
)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SectionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Section
    extra = 0
    can_delete = False
    fields = (
        "kind",
        "year_from",
        "year_to",
        "runtime_min",
        "runtime_max",
        "max_per_country",
        "direct_allowed",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Edition)
class EditionAdmin(ReadOnly):
    list_display = ("number", "city", "country", "starts_on", "ends_on", "results_at")
    inlines = [SectionInline]


@admin.register(Submission)
class SubmissionAdmin(ReadOnly):
    list_display = ("pk", "section", "film", "country", "route", "agency", "nomination", "status")
    list_filter = ("status", "route", "section__edition", "section__kind")
    exclude = ("screener_password",)
    list_select_related = ("section", "film", "agency")


@admin.register(Call)
class CallAdmin(ReadOnly):
    list_display = ("edition", "opens_at", "is_open")


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnly):
    list_display = ("edition", "user", "sections", "countries", "capacity")


@admin.register(JuryMember)
class JuryMemberAdmin(ReadOnly):
    list_display = ("edition", "section", "user", "president")


@admin.register(Conflict)
class ConflictAdmin(ReadOnly):
    list_display = ("juror", "submission", "source", "reason")


@admin.register(Award)
class AwardAdmin(ReadOnly):
    list_display = ("edition", "code", "kind", "section", "ex_aequo")
    list_select_related = ("edition", "section")


@admin.register(AwardWinner)
class AwardWinnerAdmin(ReadOnly):
    list_display = ("award", "film", "submission")
    list_select_related = ("award", "film", "submission")


from korkyt.festival.programme import admin as programme_admin  # noqa: E402,F401  (the programme's models)
