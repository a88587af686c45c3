import datetime as dt

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

        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from korkyt.core.models import DELETED_USERS

        def _user_deleting(sender: object, instance: object, **kwargs: object) -> None:
            DELETED_USERS.add(getattr(instance, "pk", 0) or 0)

        pre_delete.connect(
            _user_deleting, sender=get_user_model(), weak=False, dispatch_uid="korkyt.audit.user"
        )

        from korkyt.core.jobs import access, periodic

        access.install()
        periodic.register("core.sweep_stale_jobs", every=dt.timedelta(minutes=5))
        periodic.register("core.purge_finished_jobs", cron="30 3 * * *")
        periodic.register("core.sweep_partial_files", every=dt.timedelta(hours=1))
