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
        from korkyt.events import notifications, rules, workflows  # noqa: F401  (mail, permissions, workflow)
        from korkyt.events.models import Event

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
