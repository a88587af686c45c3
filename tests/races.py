"""Real concurrency in tests: jobs started at the same moment, each on its own thread and database
connection. Tests using it are ``django_db(transaction=True)`` and run on a SQLite file
(``KORKYT_TEST_SQLITE_FILE=1``, scripts/test.sh) and on PostgreSQL (``DATABASE_URL``). A module imports
``unblock_flush_on_postgresql`` (autouse) so the flush after each test works on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import close_old_connections, connection, connections


def need_shared_database() -> None:
    """Skip, saying why, where the threads could not share the test database (SQLite in memory)."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and ("memory" in name or name == ""):
        pytest.skip(
            f"SQLite test database {name!r} is in memory; scripts/test.sh runs these with KORKYT_TEST_SQLITE_FILE=1"
        )


def run_together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Start every job at the same moment on its own thread (its own connection); results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def worker(i: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    return results


@pytest.fixture(autouse=True)
def unblock_flush_on_postgresql(transactional_db: None) -> Any:
    """Django's flush after a transactional test truncates the models' tables only; on PostgreSQL the
    table of auditlog's own (swapped-out, so never flushed) entry model keeps foreign keys to users and
    content types, and PostgreSQL refuses to truncate a referenced table. The test database drops them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE contype = 'f' "
                "AND conrelid = to_regclass('auditlog_logentry')"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'ALTER TABLE auditlog_logentry DROP CONSTRAINT "{name}"')
    yield
