import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "korkyt.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from korkyt.core.jobs import access, periodic

        access.install()
        periodic.register("core.sweep_stale_jobs", every=dt.timedelta(minutes=5))
        periodic.register("core.purge_finished_jobs", cron="30 3 * * *")
