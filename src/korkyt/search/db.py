"""How the search sends its statements.

On PostgreSQL with ``KORKYT_DB_PREPARED`` (the default) they go through a server-side binding cursor, so
psycopg prepares each statement shape after a few runs on a connection, and the connection plans prepared
statements once (``plan_cache_mode = force_generic_plan``, set in the settings). A search statement is cheap
to run and dear to plan: preparing halves the database's work per search. Django's own queries keep
client-side binding and are not prepared. Elsewhere (SQLite, or prepared statements switched off for a
transaction-pooling PgBouncer older than 1.21) the ordinary cursor is used.

Either way the statement passes through Django's cursor wrapper: errors are Django's, and query logging and
execute wrappers see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection


def _prepared() -> bool:
    return connection.vendor == "postgresql" and bool(getattr(settings, "KORKYT_DB_PREPARED", False))


def fetch(sql: str, params: Sequence[Any]) -> list[Any]:
    """All rows of one statement (``%s`` placeholders, ``%%`` for a literal percent sign)."""
    if not _prepared():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    import psycopg

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = psycopg.Cursor(connection.connection)
    raw_any: Any = raw  # Django wraps a DB-API cursor here (its stubs name the wrapper type)
    wrapped = (
        connection.make_debug_cursor(raw_any)
        if connection.queries_logged
        else connection.make_cursor(raw_any)
    )
    with wrapped as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
