from django.contrib import admin

from korkyt.events.models import Bookable, Event, EventTranslation, Question, Quota, Registration, Session


class EventTranslationInline(admin.TabularInline):
    model = EventTranslation
    extra = 0


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "venue", "time_zone")
    list_filter = ("kind", "status")
    readonly_fields = ("status",)  # moved by the workflow
    raw_id_fields = ("bookable", "memorandum", "created_by")
    filter_horizontal = ("organisers", "speakers")
    inlines = [EventTranslationInline, SessionInline, QuestionInline]


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    readonly_fields = ("used",)


@admin.register(Bookable)
class BookableAdmin(admin.ModelAdmin):
    list_display = ("pk", "capacity", "per_country_limit", "mode", "taken")
    readonly_fields = ("taken", "waitlist_seq", "version")
    inlines = [QuotaInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("pk", "bookable", "user", "channel", "holder_name", "country", "status", "position")
    list_select_related = ("bookable", "user")
    list_filter = ("status",)
    raw_id_fields = ("bookable", "user")
    readonly_fields = ("status", "position", "offer_expires_at")  # moved by the booking engine only
