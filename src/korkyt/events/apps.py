from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "korkyt.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from korkyt.events import notifications, rules, workflows  # noqa: F401  (mail, permissions, workflow)
