"""Admin for platform administrators: catalogue records read-only (edits go through the API and the
services, which validate, check permissions and keep the search index in step)."""

from __future__ import annotations

from django.contrib import admin

from korkyt.catalogue.models import (
    Company,
    CompanyName,
    Credit,
    Film,
    FilmCountry,
    FilmTitle,
    Person,
    PersonName,
    Track,
)
from korkyt.institutions.admin import ReadOnlyMixin


class FilmTitleInline(ReadOnlyMixin, admin.TabularInline):
    model = FilmTitle
    fk_name = "film"
    extra = 0
    fields = ("text", "language", "kind", "generated", "scheme")


class FilmCountryInline(ReadOnlyMixin, admin.TabularInline):
    model = FilmCountry
    extra = 0


class CreditInline(ReadOnlyMixin, admin.TabularInline):
    model = Credit
    extra = 0


class TrackInline(ReadOnlyMixin, admin.TabularInline):
    model = Track
    extra = 0


@admin.register(Film)
class FilmAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "__str__", "kind", "year", "status", "owner")
    list_select_related = ("owner",)
    list_filter = ("kind", "status", "owner")
    search_fields = ("titles__text",)
    inlines = [FilmTitleInline, FilmCountryInline, CreditInline, TrackInline]


class PersonNameInline(ReadOnlyMixin, admin.TabularInline):
    model = PersonName
    fk_name = "person"
    extra = 0
    fields = ("text", "language", "generated", "scheme")


@admin.register(Person)
class PersonAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "__str__", "birth_year", "owner")
    list_select_related = ("owner",)
    search_fields = ("names__text",)
    inlines = [PersonNameInline]


class CompanyNameInline(ReadOnlyMixin, admin.TabularInline):
    model = CompanyName
    extra = 0


@admin.register(Company)
class CompanyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("pk", "__str__", "kind", "country", "owner")
    list_select_related = ("owner",)
    inlines = [CompanyNameInline]
