"""Move every row of the site's database (the embedded SQLite) into an empty PostgreSQL database.

The target's tables are made by the project's own migrations, run in a separate ``korkyt manage migrate``
process with ``DATABASE_URL`` pointing at the target (data migrations then write to the target, never to
the source). The tables are emptied (the migrations' seed rows and content types are replaced by the
source's, whose ids other rows refer to), and each model's rows are inserted as they are stored (``raw``
inserts: no ``auto_now`` stamps, no signals), in one transaction whose foreign keys are checked at commit
(Django declares them ``DEFERRABLE INITIALLY DEFERRED`` on PostgreSQL). Sequences are moved past the copied
ids and the rows of every table are counted on both sides.

The search index: its rows are copied like any other; SQLite's FTS5 tables are not (they are not models):
PostgreSQL's trigram and full-text indexes come from the search app's migrations and are maintained on
insert. The caller rebuilds the index on the target afterwards (``korkyt catalogue reindex``) so it matches
the catalogue exactly. Media files stay where they are (``KORKYT_HOME/var/media``); every file a record
names is checked to be there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.utils import OperationalError, load_backend

from korkyt.core.backup.archive import ArchiveError, model_tables, row_counts

ALIAS = "korkyt_copy_target"
BATCH = 1000


class CopyError(ArchiveError):
    """The copy cannot start or did not verify; nothing of the source was changed."""


@dataclass(slots=True)
class CopyReport:
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


def _concrete_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def korkyt_subprocess(args: list[str], *, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run ``korkyt <args>`` with the same settings and home but another database."""
    env = dict(os.environ, DATABASE_URL=database_url, KORKYT_HOME=str(settings.BASE_DIR))
    env.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE or "korkyt.config.settings")
    return subprocess.run(
        [sys.executable, "-m", "korkyt.cli", *args], env=env, capture_output=True, text=True, check=False
    )


def register_target(url: str, alias: str = ALIAS) -> None:
    """Make the PostgreSQL database ``url`` reachable as the connection ``alias``."""
    wrong = CopyError("--to must name a PostgreSQL database (postgres://user:password@host:5432/name).")
    try:
        parsed = dj_database_url.parse(url)
    except (ValueError, KeyError) as exc:  # no scheme, an unknown one, a port that is not a number
        raise wrong from exc
    if parsed.get("ENGINE") != "django.db.backends.postgresql":
        raise wrong
    source = connections["default"].settings_dict
    same_host = (source.get("HOST") or "") == (parsed.get("HOST") or "")
    if source["ENGINE"] == parsed["ENGINE"] and source.get("NAME") == parsed.get("NAME") and same_host:
        raise CopyError("The target is the site's own database.")
    configured = connections.configure_settings({"default": dict(source), alias: parsed})[alias]
    # A connection of this thread only, not a configured database (so Django's test isolation, which
    # guards the configured ones, lets it through).
    connections[alias] = load_backend(configured["ENGINE"]).DatabaseWrapper(configured, alias)


def _open_target(url: str) -> None:
    register_target(url)
    try:
        connections[ALIAS].ensure_connection()
    except OperationalError as exc:
        raise CopyError(f"Cannot connect to the target database: {str(exc).strip()}") from None
    tables = connections[ALIAS].introspection.table_names()
    if tables:
        raise CopyError(
            f"The target database is not empty ({len(tables)} tables, e.g. {tables[0]}): give a new, empty "
            "database (createdb -O korkyt korkyt)."
        )


def close_target(alias: str = ALIAS) -> None:
    wrapper = getattr(connections._connections, alias, None)  # type: ignore[attr-defined]
    if wrapper is not None:
        wrapper.close()
        delattr(connections._connections, alias)  # type: ignore[attr-defined]


def _batches(queryset: Any) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for obj in queryset.iterator(chunk_size=BATCH):
        batch.append(obj)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _copy_rows(progress: Callable[[str, int], None] | None) -> None:
    target = connections[ALIAS]
    tables = model_tables(ALIAS)
    with transaction.atomic(using=ALIAS), target.cursor() as cursor:
        quoted = ", ".join(target.ops.quote_name(t) for t in tables)
        cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        for model in _concrete_models():
            fields = [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]
            source = model._base_manager.using("default").order_by("pk")
            copied = 0
            for batch in _batches(source):
                model._base_manager._insert(batch, fields=fields, using=ALIAS, raw=True)  # type: ignore[attr-defined]
                copied += len(batch)
            if progress is not None:
                progress(model._meta.db_table, copied)
        for statement in target.ops.sequence_reset_sql(no_style(), _concrete_models()):
            cursor.execute(statement)


def _check_files(report: CopyReport) -> None:
    root = Path(settings.MEDIA_ROOT)
    for model in _concrete_models():
        for file_field in (f for f in model._meta.local_concrete_fields if isinstance(f, models.FileField)):
            names = (
                model._base_manager.using(ALIAS)
                .exclude(**{file_field.name: ""})
                .values_list(file_field.attname, flat=True)
            )
            for name in names:
                report.files += 1
                if not (root / name).is_file():
                    report.missing_files.append(name)


def database_copy(*, to_url: str, progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy the site's database into the empty PostgreSQL database ``to_url`` and verify it."""
    try:
        _open_target(to_url)
        connections[ALIAS].close()
        migrated = korkyt_subprocess(
            ["manage", "migrate", "--run-syncdb", "--no-input", "--verbosity", "0"], database_url=to_url
        )
        if migrated.returncode != 0:
            raise CopyError(f"Migrating the target failed: {migrated.stderr.strip()[-2000:]}")
        _copy_rows(progress)
        source_counts = row_counts("default")
        target_counts = row_counts(ALIAS)
        differing = sorted(t for t in source_counts if source_counts[t] != target_counts.get(t))
        if differing:
            raise CopyError(
                "Row counts differ after the copy in "
                + ", ".join(f"{t} ({source_counts[t]} → {target_counts.get(t)})" for t in differing[:5])
            )
        report = CopyReport(tables=target_counts)
        _check_files(report)
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("ANALYZE")
        return report
    finally:
        close_target()
