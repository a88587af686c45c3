"""PostgreSQL's side of an archive: the dump and its manifest data from one snapshot; a restore that cannot
half-happen.

- :func:`dump`: a ``REPEATABLE READ`` transaction exports its snapshot (``pg_export_snapshot()``),
  ``pg_dump --snapshot`` dumps exactly that state, and the rows per table and the applied migrations are
  read in the same transaction, so the manifest describes the dump even while the site is written to.
- :func:`replace`: one ``psql --single-transaction`` session drops the ``public`` schema (with every table,
  also those of migrations newer than the archive, and the extensions in it), recreates it with its owner
  and privileges, runs the archive's dump (converted to SQL by ``pg_restore``) and compares the rows per
  table with the manifest; any error or difference rolls the whole transaction back, leaving the old
  database as it was.
- :func:`verify`: the same into a scratch database (for ``korkyt restore --check``), dropped afterwards.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

from django.db import DatabaseError, connections

from korkyt.core.backup.errors import ArchiveError

ROWS_DIFFER = "korkyt-rows-differ:"


def pg_env(using: str, database: str | None = None) -> dict[str, str]:
    """libpq variables for pg_dump / pg_restore / psql (the password never appears on a command line)."""
    conf = connections[using].settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if conf.get(key):
            env[var] = str(conf[key])
    env["PGDATABASE"] = database or str(conf["NAME"])
    return env


def tool(name: str) -> str:
    import shutil

    path = shutil.which(name)
    if path is None:
        raise ArchiveError(
            f"{name} is not installed: install PostgreSQL's client programs (Debian: postgresql-client, "
            "the same major version as the server or newer)."
        )
    return path


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ArchiveError(f"{Path(command[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def dump(target: Path, using: str, tables: set[str]) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Dump the database into ``target``; return the rows of ``tables`` (those that exist) and the applied
    migrations, both as of the dump's snapshot."""
    connection = connections[using]
    pg_dump = tool("pg_dump")
    raw: Any = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True  # the transaction below is begun explicitly, with its isolation level
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
            run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                pg_env(using),
            )
            cursor.execute(
                "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
            )
            existing = {str(row[0]) for row in cursor.fetchall()}
            counts: dict[str, int] = {}
            for table in sorted(tables & existing):
                cursor.execute(f'SELECT COUNT(*) FROM public."{table}"')  # noqa: S608 - a model's table
                counts[table] = int(cursor.fetchone()[0])
            migrations: list[tuple[str, str]] = []
            if "django_migrations" in existing:
                cursor.execute("SELECT app, name FROM public.django_migrations")
                migrations = [(str(app), str(name)) for app, name in cursor.fetchall()]
            cursor.execute("ROLLBACK")
    finally:
        raw.close()
    return counts, migrations


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _schema_setup(using: str) -> list[str]:
    """Statements giving a recreated ``public`` schema the owner and privileges the current one has."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT pg_catalog.quote_ident(r.rolname) FROM pg_catalog.pg_namespace n "
            "JOIN pg_catalog.pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'public'"
        )
        owner = cursor.fetchone()
        cursor.execute(
            "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(g.rolname) END, "
            "a.privilege_type, a.is_grantable FROM pg_catalog.pg_namespace n "
            "CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a "
            "LEFT JOIN pg_catalog.pg_roles g ON g.oid = a.grantee WHERE n.nspname = 'public'"
        )
        grants = cursor.fetchall()
    statements = [
        f"GRANT {privilege} ON SCHEMA public TO {grantee}{' WITH GRANT OPTION' if grantable else ''};"
        for grantee, privilege, grantable in grants
    ]
    if owner is not None:
        statements.append(f"ALTER SCHEMA public OWNER TO {owner[0]};")
    return statements


def _script(workdir: Path, sql: Path, rows: dict[str, int], setup: list[str]) -> Path:
    """psql's script: empty schema, the archive's objects and rows, then the row counts checked."""
    values = ", ".join(f"({_literal(table)}, {int(count)})" for table, count in sorted(rows.items()))
    # The names are checked by the caller and quoted as literals; the counts are ints.
    check = (
        "DO $korkyt$\nDECLARE t record; n bigint; differing text[] := '{}';\nBEGIN\n"  # noqa: S608
        f"  FOR t IN SELECT * FROM (VALUES {values}) AS v(name, rows) LOOP\n"
        "    IF pg_catalog.to_regclass(pg_catalog.format('public.%I', t.name)) IS NULL THEN\n"
        "      differing := differing || t.name::text;\n"
        "    ELSE\n"
        "      EXECUTE pg_catalog.format('SELECT count(*) FROM public.%I', t.name) INTO n;\n"
        "      IF n <> t.rows THEN differing := differing || t.name::text; END IF;\n"
        "    END IF;\n  END LOOP;\n"
        "  IF pg_catalog.cardinality(differing) > 0 THEN\n"
        f"    RAISE EXCEPTION '{ROWS_DIFFER}%', pg_catalog.array_to_string(differing, ',');\n"
        "  END IF;\nEND\n$korkyt$;\n"
        if rows
        else ""
    )
    script = workdir / "restore-into-empty-schema.sql"
    script.write_text(
        "DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n"
        + "".join(f"{statement}\n" for statement in setup)
        + f"\\i {_literal(str(sql))}\n"
        + check,
        encoding="utf-8",
    )
    return script


def _apply(
    dump_file: Path, workdir: Path, rows: dict[str, int], setup: list[str], env: dict[str, str]
) -> None:
    sql = workdir / "database.sql"
    run([tool("pg_restore"), "--no-owner", "--no-privileges", f"--file={sql}", str(dump_file)], env)
    script = _script(workdir, sql, rows, setup)
    psql = tool("psql")
    done = subprocess.run(
        [psql, "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", f"--file={script}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    sql.unlink(missing_ok=True)
    if done.returncode != 0:
        message = done.stderr.strip() or done.stdout.strip()
        differing = re.search(re.escape(ROWS_DIFFER) + r"(\S+)", message)
        if differing:
            raise RowsDiffer(differing.group(1).split(","))
        raise ArchiveError(f"Restoring the database failed, nothing was changed: {message}")


class RowsDiffer(Exception):
    def __init__(self, tables: list[str]) -> None:
        super().__init__(", ".join(tables))
        self.tables = tables


def replace(dump_file: Path, workdir: Path, rows: dict[str, int], using: str) -> None:
    """Replace the database's ``public`` schema by the dump's, in one transaction checked before commit."""
    connection = connections[using]
    setup = _schema_setup(using)
    connection.close()  # no session of ours keeps a lock on the tables being dropped
    _apply(dump_file, workdir, rows, setup, pg_env(using))


def verify(dump_file: Path, workdir: Path, rows: dict[str, int], using: str) -> str | None:
    """Restore the dump into a scratch database and check its rows; return why that could not be tried."""
    connection = connections[using]
    name = f"{connection.settings_dict['NAME']}_restore_check_{os.getpid()}"[:63]
    quoted = connection.ops.quote_name(name)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
            cursor.execute(f"CREATE DATABASE {quoted} TEMPLATE template0 ENCODING 'UTF8'")
    except DatabaseError as exc:  # e.g. no CREATEDB privilege: reported, not raised
        return str(exc).strip().splitlines()[0]
    try:
        _apply(dump_file, workdir, rows, [], pg_env(using, name))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
    return None
