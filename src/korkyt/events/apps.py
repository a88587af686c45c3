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
