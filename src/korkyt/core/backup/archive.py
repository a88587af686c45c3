"""One archive holds a whole site: the database, the media files and a manifest.

Layout of the (uncompressed) tar archive::

    database.pgdump | database.sqlite3   pg_dump custom format, or a copy made by SQLite's online backup API
    media/<path>                          every file under MEDIA_ROOT
    manifest.json                         last: format, versions, applied migrations, rows per table, and
                                          the size and SHA-256 of every other member

An archive is written under a temporary name and renamed when complete. ``backup_restore`` unpacks into a
staging folder and checks every member against the manifest, the database engine against the site's, and
the archive's migrations against the code's before it replaces anything; any mismatch raises
:class:`ArchiveError` with a message that names it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
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

from korkyt.core.uploads import is_partial

FORMAT = "korkyt-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why, for the person running it."""


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


def model_tables(using: str = "default") -> list[str]:
    """The tables of the installed models (auto-created many-to-many tables included) that exist."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(names & existing)


def row_counts(using: str = "default") -> dict[str, int]:
    connection = connections[using]
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in model_tables(using):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our names
            counts[table] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(using: str = "default") -> dict[str, list[str]]:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations):
        applied.setdefault(app_label, []).append(name)
    return applied


def known_migrations() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.disk_migrations)


def _pg_env(using: str) -> dict[str, str]:
    """libpq variables for pg_dump / pg_restore (the password never appears on a command line)."""
    conf = connections[using].settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if conf.get(key):
            env[var] = str(conf[key])
    env["PGDATABASE"] = str(conf["NAME"])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ArchiveError(
            f"{name} is not installed: install PostgreSQL's client programs (Debian: postgresql-client, "
            "the same major version as the server or newer)."
        )
    return path


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ArchiveError(f"{Path(command[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _dump_database(target: Path, using: str) -> dict[str, Any]:
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        pg_dump = _tool("pg_dump")
        _run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            _pg_env(using),
        )
        return {
            "server_version": str(connection.pg_version),  # type: ignore[attr-defined]
            "dump_tool": _run([pg_dump, "--version"], dict(os.environ)).strip(),
        }
    if connection.vendor == "sqlite":
        raw: sqlite3.Connection = connection.connection  # type: ignore[assignment]
        copy = sqlite3.connect(target)
        try:
            raw.backup(copy)
        finally:
            copy.close()
        return {"server_version": sqlite3.sqlite_version, "dump_tool": "sqlite3 online backup"}
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
    counts = row_counts(using)
    migrations = applied_migrations(using)
    with tempfile.TemporaryDirectory(prefix="korkyt-backup-", dir=out.parent) as tmp:
        dump = Path(tmp) / DUMP_NAMES[vendor]
        database = _dump_database(dump, using)
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
    unknown = sorted(archived - known_migrations())
    if unknown:
        sample = ", ".join(f"{app}.{name}" for app, name in unknown[:3])
        raise ArchiveError(
            f"{path} was written by a newer version of Korkyt ({manifest.get('versions', {}).get('korkyt')}) "
            f"whose database has migrations this version does not know ({sample}): upgrade Korkyt first."
        )
    return sorted(f"{app}.{name}" for app, name in known_migrations() - archived)


def backup_check(*, archive: Path, using: str = "default") -> dict[str, Any]:
    """Check an archive completely (checksums, engine, migrations) without restoring; return its manifest."""
    with tempfile.TemporaryDirectory(prefix="korkyt-check-") as tmp:
        manifest = _stage(archive.resolve(), Path(tmp))
    _check_compatible(manifest, archive, using)
    return manifest


def _restore_database(dump: Path, vendor: str, using: str) -> None:
    connection = connections[using]
    if vendor == "postgresql":
        pg_restore = _tool("pg_restore")
        connection.close()
        _run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ],
            _pg_env(using),
        )
        return
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
        vendor = manifest["database"]["vendor"]
        _restore_database(staging / manifest["database"]["file"], vendor, using)
        _replace_media(staging / "media", media_root)
    expected = manifest["database"].get("rows", {})
    counts = row_counts(using)
    differing = sorted(table for table, rows in expected.items() if counts.get(table) != rows)
    if differing:
        raise ArchiveError(
            f"The restored database differs from the archive's row counts in {', '.join(differing[:5])}."
        )
    media = [m for m in manifest["members"] if m["path"].startswith("media/")]
    return RestoreReport(
        tables=len(expected),
        rows=sum(expected.values()),
        files=len(media),
        created_at=str(manifest.get("created_at", "")),
        pending_migrations=pending,
    )
