"""The Celery application: tasks in each app's tasks.py; configuration from Django settings (CELERY_*);
periodic jobs from the registry of korkyt.core.jobs.periodic (the beat scheduler in settings reads it)."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import before_task_publish, import_modules, setup_logging

from korkyt.core.metrics import connect_task_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")

app = Celery("korkyt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
connect_task_signals()  # task outcomes counted for /metrics


def ensure_broker_folders() -> None:
    """The embedded filesystem broker needs its folders (messages and exchange table) before the first
    message is sent or read."""
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@setup_logging.connect
def _log_as_the_web_does(**_kwargs: object) -> None:
    """Workers and beat log through the settings' LOGGING (KORKYT_LOG_FORMAT: in production one JSON object
    per line with the task id and the request id that queued it), not in Celery's own format."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


@import_modules.connect
def _on_worker_start(**_kwargs: object) -> None:
    ensure_broker_folders()


@before_task_publish.connect
def _on_publish(**_kwargs: object) -> None:
    ensure_broker_folders()
