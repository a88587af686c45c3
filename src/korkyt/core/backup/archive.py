"""One archive holds a whole site: the database, the media files and a manifest.

Layout of the (uncompressed) tar archive::

    database.pgdump | database.sqlite3   pg_dump custom format, or a copy made by SQLite's online backup API
    media/<path>                          every file under MEDIA_ROOT
    manifest.json                         last: format, versions, applied migrations, rows per table, and
                                          the size and SHA-256 of every other member

The manifest's migrations and rows per table are the dump's own (read from the copied SQLite file, or in
the PostgreSQL snapshot pg_dump dumped: :mod:`~korkyt.core.backup.postgres`). An archive is written under a
temporary name and renamed when complete. ``backup_restore`` unpacks into a staging folder and checks every
member against the manifest, the database engine against the site's, and the archive's migrations against
the code's; then the database's rows against the manifest's before the live database is replaced (SQLite:
in the unpacked file; PostgreSQL: inside the one transaction that replaces the schema), and the media
folder last. Any mismatch raises :class:`ArchiveError` with a message that names it, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

import django
from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from korkyt.core.backup import postgres
from korkyt.core.backup.errors import ArchiveError
from korkyt.core.uploads import is_partial

FORMAT = "korkyt-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024
TABLE_NAME = re.compile(r"[A-Za-z0-9_]{1,63}")


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int


@dataclass(frozen=True, slots=True)
class RestoreReport:
    tables: int
    rows: int
    files: int
    created_at: str
    pending_migrations: list[str]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _korkyt_version() -> str:
    try:
        return metadata.version("korkyt")
    except metadata.PackageNotFoundError:
        return "unknown"


def _model_table_names() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def model_tables(using: str = "default") -> list[str]:
    """The tables of the installed models (auto-created many-to-many tables included) that exist."""
    existing = set(connections[using].introspection.table_names())
    return sorted(_model_table_names() & existing)


def row_counts(using: str = "default") -> dict[str, int]:
    connection = connections[using]
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in model_tables(using):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our names
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _by_app(applied: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_app: dict[str, list[str]] = {}
    for app_label, name in sorted(set(applied)):
        by_app.setdefault(app_label, []).append(name)
    return by_app


def known_migrations() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.disk_migrations)


def _sqlite_counts(path: Path, tables: set[str]) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """The rows of ``tables`` (those that exist) and the applied migrations in the SQLite file ``path``."""
    db = sqlite3.connect(path)
    try:
        existing = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {
            table: int(db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])  # noqa: S608 - checked name
            for table in sorted(tables & existing)
        }
        migrations: list[tuple[str, str]] = []
        if "django_migrations" in existing:
            migrations = [(str(a), str(n)) for a, n in db.execute("SELECT app, name FROM django_migrations")]
    finally:
        db.close()
    return counts, migrations


def _dump_database(target: Path, using: str) -> dict[str, Any]:
    """Dump the database into ``target``; the returned ``rows`` and ``migrations`` are the dump's own (read
    from the copied file, or in the snapshot pg_dump dumped), whatever is written meanwhile."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        counts, migrations = postgres.dump(target, using, _model_table_names())
        return {
            "server_version": str(connection.pg_version),  # type: ignore[attr-defined]
            "dump_tool": postgres.run([postgres.tool("pg_dump"), "--version"], dict(os.environ)).strip(),
            "rows": counts,
            "migrations": _by_app(migrations),
        }
    if connection.vendor == "sqlite":
        raw: sqlite3.Connection = connection.connection  # type: ignore[assignment]
        copy = sqlite3.connect(target)
        try:
            raw.backup(copy)
        finally:
            copy.close()
        counts, migrations = _sqlite_counts(target, _model_table_names())
        return {
            "server_version": sqlite3.sqlite_version,
            "dump_tool": "sqlite3 online backup",
            "rows": counts,
            "migrations": _by_app(migrations),
        }
    raise ArchiveError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and not is_partial(path):
            yield path, path.relative_to(root).as_posix()


class _HashingReader:
    """Reads a file for tarfile while computing its SHA-256."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict[str, Any]:
    info = tar.gettarinfo(str(source), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o644
    with source.open("rb") as fh:
        reader = _HashingReader(fh)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return {"path": name, "size": info.size, "sha256": reader.digest.hexdigest()}


NOT_SET_UP = "The database has not been set up (`korkyt setup` creates it): there is nothing to back up."


def _refuse_unset(connection: Any) -> None:
    """A site before ``korkyt setup`` has nothing to back up: an archive of it would restore as an empty
    database over a real one. SQLite's file is not created by asking."""
    name = str(connection.settings_dict.get("NAME") or "")
    if (
        connection.vendor == "sqlite"
        and not name.startswith(("file:", ":memory:"))
        and not Path(name).exists()
    ):
        raise ArchiveError(NOT_SET_UP)
    if "django_migrations" not in connection.introspection.table_names():
        raise ArchiveError(NOT_SET_UP)


def backup_create(*, out: Path, using: str = "default") -> BackupReport:
    """Write the site's database and media into the archive ``out`` (replaced only when complete)."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise ArchiveError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    out = out.resolve()
    if out.is_dir():
        raise ArchiveError(f"{out} is a folder; give the archive's file name, e.g. {out / 'korkyt.tar'}.")
    if not out.parent.is_dir():
        raise ArchiveError(f"The folder {out.parent} does not exist.")
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if out.is_relative_to(media_root):
        raise ArchiveError("Write the archive outside the media folder (it would contain itself).")
    _refuse_unset(connection)
    with tempfile.TemporaryDirectory(prefix="korkyt-backup-", dir=out.parent) as tmp:
        dump = Path(tmp) / DUMP_NAMES[vendor]
        database = _dump_database(dump, using)
        counts: dict[str, int] = database.pop("rows")
        migrations: dict[str, list[str]] = database.pop("migrations")
        partial = out.with_name(f".{out.name}.part")
        members: list[dict[str, Any]] = []
        try:
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                members.append(_add(tar, dump, DUMP_NAMES[vendor]))
                for path, relative in _media_files(media_root):
                    members.append(_add(tar, path, f"media/{relative}"))
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(),
                    "versions": {
                        "korkyt": _korkyt_version(),
                        "django": django.get_version(),
                        "python": platform.python_version(),
                    },
                    "database": {"vendor": vendor, "file": DUMP_NAMES[vendor], **database, "rows": counts},
                    "migrations": migrations,
                    "members": members,
                }
                data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
                info.mode = 0o644
                tar.addfile(info, _bytes_reader(data))  # type: ignore[arg-type]
            with partial.open("rb") as fh:
                os.fsync(fh.fileno())
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    media = [m for m in members if m["path"].startswith("media/")]
    return BackupReport(
        path=out,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(media),
        bytes=sum(m["size"] for m in media),
    )


def _bytes_reader(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


# -- reading and checking -------------------------------------------------------------------------------


def _read_manifest(tar: tarfile.TarFile, path: Path) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        fh = tar.extractfile(member)
        if fh is None:
            raise KeyError(MANIFEST)
        manifest = json.loads(fh.read().decode("utf-8"))
    except KeyError:
        raise ArchiveError(f"{path} is not a Korkyt backup: it has no {MANIFEST}.") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{path} is damaged: its {MANIFEST} cannot be read ({exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{path} is not a Korkyt backup (its manifest names another format).")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ArchiveError(
            f"{path} was written in backup format {version!r}; this version of Korkyt reads format "
            f"{FORMAT_VERSION} and older: upgrade Korkyt first."
        )
    for key in ("database", "migrations", "members"):
        if key not in manifest:
            raise ArchiveError(f"{path} is damaged: its manifest has no {key!r}.")
    return manifest


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def _stage(path: Path, staging: Path) -> dict[str, Any]:
    """Unpack ``path`` into ``staging``, checking every member against the manifest; return the manifest."""
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        raise ArchiveError(f"{path} does not exist.") from None
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveError(f"{path} is not a Korkyt backup or is damaged ({exc}).") from None
    with tar:
        try:
            manifest = _read_manifest(tar, path)
            expected = {m["path"]: m for m in manifest["members"]}
            seen: set[str] = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not _safe_name(member.name) or member.name not in expected:
                    raise ArchiveError(f"{path} is damaged: unexpected member {member.name!r}.")
                fh = tar.extractfile(member)
                assert fh is not None  # a regular file
                target = staging / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                with target.open("wb") as out:
                    while chunk := fh.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                want = expected[member.name]
                if size != want["size"] or digest.hexdigest() != want["sha256"]:
                    raise ArchiveError(
                        f"{path} is damaged: {member.name} does not match its checksum in the manifest."
                    )
                seen.add(member.name)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise ArchiveError(f"{path} is damaged or truncated ({exc}).") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise ArchiveError(f"{path} is damaged: {len(missing)} files are missing, e.g. {missing[0]}.")
    return manifest


def _check_compatible(manifest: dict[str, Any], path: Path, using: str) -> list[str]:
    """Refuse an archive from another database engine or a newer Korkyt; return migrations still to apply."""
    vendor = connections[using].vendor
    theirs = manifest["database"].get("vendor")
    if theirs != vendor:
        raise ArchiveError(
            f"{path} holds a {theirs} database but this site uses {vendor}. Restore it into a site on "
            f"{theirs} (and move that with `korkyt db copy` to reach PostgreSQL)."
        )
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    if not archived:
        raise ArchiveError(
            f"{path} holds no site: its database has no migrations applied (it was written before "
            "`korkyt setup`). Nothing was changed."
        )
    unknown = sorted(archived - known_migrations())
    if unknown:
        sample = ", ".join(f"{app}.{name}" for app, name in unknown[:3])
        raise ArchiveError(
            f"{path} was written by a newer version of Korkyt ({manifest.get('versions', {}).get('korkyt')}) "
            f"whose database has migrations this version does not know ({sample}): upgrade Korkyt first."
        )
    return sorted(f"{app}.{name}" for app, name in known_migrations() - archived)


def _expected_rows(manifest: dict[str, Any], path: Path) -> dict[str, int]:
    rows = manifest["database"].get("rows")
    if not isinstance(rows, dict) or not all(
        isinstance(table, str)
        and TABLE_NAME.fullmatch(table)
        and isinstance(count, int)
        and not isinstance(count, bool)
        and count >= 0
        for table, count in rows.items()
    ):
        raise ArchiveError(f"{path} is damaged: its manifest's rows per table cannot be read.")
    return rows


def _rows_differ(path: Path, tables: list[str]) -> ArchiveError:
    return ArchiveError(
        f"{path} is damaged: its database differs from the manifest's row counts in "
        f"{', '.join(sorted(tables)[:5])}. Nothing was changed."
    )


def _verify_sqlite(dump: Path, expected: dict[str, int], path: Path) -> None:
    """Check the unpacked SQLite file (its structure, then the rows per table) before it is used."""
    try:
        db = sqlite3.connect(dump)
        try:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            db.close()
        counts, _ = _sqlite_counts(dump, set(expected))
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path} is damaged: its database cannot be read ({exc}).") from None
    if verdict != "ok":
        raise ArchiveError(f"{path} is damaged: its database fails SQLite's check ({verdict}).")
    differing = [table for table, rows in expected.items() if counts.get(table) != rows]
    if differing:
        raise _rows_differ(path, differing)


def backup_check(*, archive: Path, using: str = "default") -> tuple[dict[str, Any], str | None]:
    """Check an archive completely without restoring: checksums, engine, migrations, and the database
    itself (SQLite: the unpacked file; PostgreSQL: restored into a scratch database, dropped afterwards).
    Return its manifest and, when the database could not be tried (no scratch database), why."""
    archive = archive.resolve()
    with tempfile.TemporaryDirectory(prefix="korkyt-check-") as tmp:
        staging = Path(tmp)
        manifest = _stage(archive, staging)
        _check_compatible(manifest, archive, using)
        expected = _expected_rows(manifest, archive)
        dump = staging / manifest["database"]["file"]
        if manifest["database"]["vendor"] == "sqlite":
            _verify_sqlite(dump, expected, archive)
            return manifest, None
        try:
            return manifest, postgres.verify(dump, staging, expected, using)
        except postgres.RowsDiffer as exc:
            raise _rows_differ(archive, exc.tables) from None


def _restore_database(dump: Path, vendor: str, using: str, expected: dict[str, int], path: Path) -> None:
    """Replace the site's database by the checked dump (PostgreSQL: in one transaction that checks the rows
    before it commits; SQLite: the file was checked, the backup API copies it in one step)."""
    connection = connections[using]
    if vendor == "postgresql":
        try:
            postgres.replace(dump, dump.parent, expected, using)
        except postgres.RowsDiffer as exc:
            raise _rows_differ(path, exc.tables) from None
        return
    _verify_sqlite(dump, expected, path)
    connection.ensure_connection()
    raw: sqlite3.Connection = connection.connection  # type: ignore[assignment]
    source = sqlite3.connect(dump)
    try:
        source.backup(raw)
    finally:
        source.close()


def _replace_media(staged: Path, media_root: Path) -> None:
    """Put the archive's media folder in place of the site's (the old one is kept until the swap is done)."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    incoming = media_root.with_name(f".{media_root.name}.restoring")
    previous = media_root.with_name(f".{media_root.name}.previous")
    for leftover in (incoming, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    if staged.is_dir():
        shutil.copytree(staged, incoming)  # the staging folder may be on another filesystem
    else:
        incoming.mkdir()
    if media_root.exists():
        media_root.replace(previous)
    incoming.replace(media_root)
    if previous.exists():
        shutil.rmtree(previous)


def backup_restore(*, archive: Path, using: str = "default") -> RestoreReport:
    """Replace the site's database and media by the archive's, after checking all of it."""
    archive = archive.resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    with tempfile.TemporaryDirectory(prefix="korkyt-restore-") as tmp:
        staging = Path(tmp)
        manifest = _stage(archive, staging)
        pending = _check_compatible(manifest, archive, using)
        expected = _expected_rows(manifest, archive)
        vendor = manifest["database"]["vendor"]
        _restore_database(staging / manifest["database"]["file"], vendor, using, expected, archive)
        _replace_media(staging / "media", media_root)
    media = [m for m in manifest["members"] if m["path"].startswith("media/")]
    return RestoreReport(
        tables=len(expected),
        rows=sum(expected.values()),
        files=len(media),
        created_at=str(manifest.get("created_at", "")),
        pending_migrations=pending,
    )
