"""Wiring: settings, URLs, the API, the Celery application."""

from korkyt.config.celery import app as celery_app

__all__ = ["celery_app"]
