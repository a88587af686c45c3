"""The Celery application: tasks in each app's tasks.py; configuration from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")

app = Celery("korkyt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
