from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "korkyt.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        import datetime as dt
        import importlib

        from korkyt.accounts.models import Role
        from korkyt.accounts.scopes import register_role_scope
        from korkyt.core.audit import action_label, register
        from korkyt.events import notifications, rules, workflows  # noqa: F401  (mail, permissions, workflow)
        from korkyt.events.models import Event, EventTranslation

        # What organisers set is recorded field by field (the event's history page); seats, quotas, sessions
        # and registrations are recorded by the services as events of their own (korkyt.events.services).
        register(
            Event,
            history_permission="events.change_event",
            m2m=("organisers", "speakers"),
            title=lambda event, language: event.activity_title(language),
            prefetch=("translations",),
        )
        register(EventTranslation, parent="event")
        action_label("events.event.update", _("Seats, sessions and form saved"))
        action_label("events.participants.export", _("Participants exported"))
        action_label("events.registration.delete", _("Registration deleted"))
        action_label("events.registration.checkin", _("Checked in"))
        action_label("events.registration.box_office", _("Sold at the box office"))
        action_label("events.registration.followup", _("Follow-up form answered"))
        action_label("events.registration.feedback", _("Feedback survey answered"))
        action_label("events.registration.answers_erase", _("Form answers erased"))
        action_label("events.certificate.issue", _("Certificate issued"))
        action_label("events.certificate.revoke", _("Certificate withdrawn"))
        # A person's bookings in their export, and given back when they delete their account.
        from korkyt.accounts.personal_data import register_personal_data
        from korkyt.events.selectors import registrations_export
        from korkyt.events.services.registrations import registrations_leave

        register_personal_data("event_registrations", export=registrations_export, leave=registrations_leave)
        # Staff of an event, granted by its managers on the event's roles page.
        register_role_scope(Event, roles=(Role.EVENT_MANAGER, Role.EVENT_HOST, Role.FESTIVAL_STAFF))

        try:  # the platform's periodic registry (core.jobs), where the installation has it
            periodic = importlib.import_module("korkyt.core.jobs.periodic")
        except ModuleNotFoundError:
            return
        periodic.register("events.expire_offers", every=dt.timedelta(minutes=10))
        periodic.register("events.release_held_seats", every=dt.timedelta(minutes=5))
        periodic.register("events.send_reminders", every=dt.timedelta(minutes=15))
        periodic.register("events.erase_answers", cron="40 2 * * *")  # daily, 02:40 UTC
