from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "korkyt.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        import datetime as dt
        import importlib

        from korkyt.events import notifications, rules, workflows  # noqa: F401  (mail, permissions, workflow)

        try:  # the platform's periodic registry (core.jobs), where the installation has it
            periodic = importlib.import_module("korkyt.core.jobs.periodic")
        except ModuleNotFoundError:
            return
        periodic.register("events.expire_offers", every=dt.timedelta(minutes=10))
        periodic.register("events.send_reminders", every=dt.timedelta(minutes=15))
        periodic.register("events.erase_answers", cron="40 2 * * *")  # daily, 02:40 UTC
