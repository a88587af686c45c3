"""Readiness: can this process serve? ``/readyz`` answers 200 when every check passes, else 503 naming the
failing ones. ``/healthz`` (alive: the process answers and reaches the database) stays the cheaper probe.

Checks: the database answers; no migration is pending (remembered once true: migrations do not un-apply
themselves under a running process); the broker answers (Redis ``PING``, or the filesystem broker's
folder is writable); the media folder is writable (a temporary ``.part`` file created and removed).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

_MIGRATED = False


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_migrations() -> None:
    global _MIGRATED
    if _MIGRATED:
        return
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migrations not applied")
    _MIGRATED = True


def check_broker() -> None:
    if settings.REDIS_URL:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
        return
    folder = Path(str(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]))
    _touch(folder)


def check_media() -> None:
    from django.core.files.storage import FileSystemStorage, storages

    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        storage.listdir("")  # object storage (S3): the bucket answers and may be listed
        return
    _touch(Path(settings.MEDIA_ROOT))


def _touch(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".readyz.", suffix=".part"):
        pass


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "migrations": check_migrations,
    "broker": check_broker,
    "media": check_media,
}


def readiness() -> dict[str, str]:
    """Each check's result: ``"ok"`` or a short reason (the exception's type and first line)."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:
            first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            results[name] = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return results
