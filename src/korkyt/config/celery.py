"""The Celery application: tasks in each app's tasks.py; configuration from Django settings (CELERY_*);
periodic jobs from the registry of korkyt.core.jobs.periodic (the beat scheduler in settings reads it)."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import before_task_publish, import_modules

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


@import_modules.connect
def _on_worker_start(**_kwargs: object) -> None:
    ensure_broker_folders()


@before_task_publish.connect
def _on_publish(**_kwargs: object) -> None:
    ensure_broker_folders()
