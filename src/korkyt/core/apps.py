from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "korkyt.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Audit entries written by a background task record its id and name (korkyt.core.audit.context).
        from korkyt.core.audit.context import connect_task_signals

        connect_task_signals()
