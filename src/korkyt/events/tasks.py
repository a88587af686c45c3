"""Thin Celery tasks of the events app."""

from __future__ import annotations

from celery import shared_task

from korkyt.events import services


@shared_task(name="events.expire_offers", ignore_result=True)
def expire_offers() -> int:
    """Offers of freed seats past their time pass on to the next person (periodic; idempotent)."""
    return services.offers_expire()
