"""The migrated test database, made once and copied after.

Every test process makes its test database by running all migrations (about 25 seconds, longer on a busy
machine), and the suite runs several times in one `make test` (the pages check, SQLite, the concurrency
tests on a SQLite file, PostgreSQL). The first process to need a database migrates it as Django does and
keeps a copy; the others copy it: a SQLite file (in the temporary directory) restored into the in-memory or
file database, a PostgreSQL template database cloned by ``CREATE DATABASE … TEMPLATE``.

The copy is named by a digest of everything that decides the migrated schema and its rows: each migration
file, the project's modules the migrations import (the areas a data migration loads), the models of apps
without migrations and Django's version; each database engine keeps its own copy. A changed migration
makes a new copy; older PostgreSQL templates are dropped when a new one is made, SQLite copies once a
week old. One process makes the copy
while the others wait for it (a file lock; a PostgreSQL advisory lock), so two never migrate the same
digest at once. ``KORKYT_TEST_DB_CACHE=0`` turns it off."""

from __future__ import annotations

import ast
import contextlib
import fcntl
import hashlib
import importlib.util
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db.backends.base.creation import BaseDatabaseCreation

TEMPLATE_PREFIX = "korkyt_test_tmpl_"
CACHE_DIR = Path(tempfile.gettempdir()) / "korkyt-test-db"

_original_create_test_db = BaseDatabaseCreation.create_test_db
_DIGEST: str | None = None


def schema_digest() -> str:
    """A digest of what the migrated database holds (see the module's docstring)."""
    global _DIGEST
    if _DIGEST is None:
        import django
        from django.apps import apps
        from django.db.migrations.loader import MigrationLoader

        loader = MigrationLoader(None, ignore_no_migrations=True)
        digest = hashlib.sha256(django.get_version().encode())
        used: set[str] = set()
        for key in sorted(loader.disk_migrations):
            module = sys.modules[loader.disk_migrations[key].__module__]
            source = Path(str(module.__file__)).read_bytes()
            digest.update(repr(key).encode())
            digest.update(source)
            used |= _project_imports(source)
        for name in sorted(used):  # what data migrations read (the areas they load, the codes they make)
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin and spec.origin.endswith(".py"):
                digest.update(Path(spec.origin).read_bytes())
        for label in sorted(loader.unmigrated_apps):
            for model in apps.get_app_config(label).get_models():
                digest.update(Path(str(sys.modules[model.__module__].__file__)).read_bytes())
        _DIGEST = digest.hexdigest()[:20]
    return _DIGEST


def _project_imports(source: bytes) -> set[str]:
    """The project's modules a migration imports (at its top or inside its functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("korkyt"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith("korkyt")}
    return names


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _finish(creation: Any, name: str, serialize: bool) -> str:
    """What Django's ``create_test_db`` does after migrating."""
    if serialize:
        creation.connection._test_serialized_contents = creation.serialize_db_to_string()
    creation.connection.ensure_connection()
    return name


def _use_name(creation: Any, name: str) -> None:
    from django.conf import settings

    creation.connection.close()
    settings.DATABASES[creation.connection.alias]["NAME"] = name
    creation.connection.settings_dict["NAME"] = name


def _sqlite(creation: Any, verbosity: int, autoclobber: bool, serialize: bool) -> str:
    cached = CACHE_DIR / f"sqlite-{schema_digest()}.sqlite3"
    # the whole copy is made and read under the lock: a copy is never read while another run removes it
    with _file_lock(CACHE_DIR / "sqlite.lock"):
        if not _holds_tables(cached):
            name = _original_create_test_db(creation, verbosity, autoclobber, serialize, False)
            partial = cached.with_suffix(f".{os.getpid()}.part")
            target = sqlite3.connect(partial)
            try:
                creation.connection.connection.backup(target)
            finally:
                target.close()
            partial.replace(cached)
            week = time.time() - 7 * 86400
            for old in CACHE_DIR.glob("sqlite-*.sqlite3"):  # copies of migrations long gone
                if old != cached and old.stat().st_mtime < week:
                    old.unlink(missing_ok=True)
            return name
        name = creation._get_test_db_name()
        creation._create_test_db(verbosity, autoclobber, False)
        _use_name(creation, name)
        if creation.is_in_memory_db(name):
            creation.connection.ensure_connection()
            source = sqlite3.connect(f"file:{cached}?mode=ro", uri=True)
            try:
                source.backup(creation.connection.connection)
            finally:
                source.close()
        else:
            for leftover in (f"{name}-wal", f"{name}-shm"):  # an earlier file's journal must not be replayed
                with contextlib.suppress(FileNotFoundError):
                    os.remove(leftover)
            shutil.copyfile(cached, name)
    return _finish(creation, name, serialize)


def _holds_tables(path: Path) -> bool:
    """Whether ``path`` is a copy to take: a SQLite file with the migrations' table in it."""
    if not path.exists():
        return False
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        finally:
            source.close()
    except sqlite3.Error:
        return False
    return row is not None


def _postgresql(creation: Any, verbosity: int, autoclobber: bool, serialize: bool) -> str:
    template = f"{TEMPLATE_PREFIX}{schema_digest()}"
    quote = creation.connection.ops.quote_name
    with creation._nodb_cursor() as cursor:
        # one lock for every copy, held until this one exists: one process migrates, the others wait and
        # clone, and no copy is dropped while another run clones it
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [TEMPLATE_PREFIX])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                name = _original_create_test_db(creation, verbosity, autoclobber, serialize, False)
                creation.connection.close()  # a template has no session open on it
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s", [TEMPLATE_PREFIX + "%"]
                )
                for (old,) in cursor.fetchall():
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
                cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
                creation.connection.ensure_connection()
                return name
            name = creation._get_test_db_name()
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [TEMPLATE_PREFIX])
    _use_name(creation, name)
    return _finish(creation, name, serialize)


def create_test_db(
    self: Any,
    verbosity: int = 1,
    autoclobber: bool = False,
    serialize: bool = True,
    keepdb: bool = False,
) -> Any:
    vendor = self.connection.vendor
    if keepdb or os.environ.get("KORKYT_TEST_DB_CACHE") == "0" or vendor not in {"sqlite", "postgresql"}:
        return _original_create_test_db(self, verbosity, autoclobber, serialize, keepdb)
    if self.connection.settings_dict["TEST"].get("MIGRATE") is False:
        return _original_create_test_db(self, verbosity, autoclobber, serialize, keepdb)
    if vendor == "sqlite":
        return _sqlite(self, verbosity, autoclobber, serialize)
    return _postgresql(self, verbosity, autoclobber, serialize)


def install() -> None:
    BaseDatabaseCreation.create_test_db = create_test_db  # type: ignore[method-assign]
