"""`korkyt backup` / `korkyt restore`: round trip on the database in use (SQLite or PostgreSQL) and refusals."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from typer.testing import CliRunner

from korkyt.cli import app
from korkyt.core.backup import archive as archive_module
from korkyt.core.backup.archive import MANIFEST, ArchiveError, backup_create, backup_restore, model_tables
from korkyt.core.models import Job
from korkyt.institutions.models import Institution

runner = CliRunner()
rollback = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model table, in a stable order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for table in model_tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows[table] = [tuple(row) for row in cursor.fetchall()]
    return rows


def media_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "media"
    (root / "memoranda" / "2025").mkdir(parents=True)
    (root / "memoranda" / "2025" / "kz-uz.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 100)
    (root / "deliveries").mkdir()
    (root / "deliveries" / "Қорқыт ата (kk).srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nСәлем\n")
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def site(media: Path) -> Path:
    from korkyt.config.demo import load

    load()
    assert Institution.objects.count() == 7
    return media


def rewrite_manifest(source: Path, target: Path, change: Any) -> None:
    """Copy an archive with its manifest changed by ``change(manifest)`` (checksums of members kept)."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old:
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))


@rollback
def test_backup_then_restore_brings_back_every_row_and_file(site: Path, tmp_path: Path) -> None:
    before_rows, before_files = snapshot(), media_tree(site)
    archive = tmp_path / "site.tar"

    report = backup_create(out=archive)
    assert report.files == 2 and report.rows == sum(len(rows) for rows in before_rows.values())

    # Life goes on after the backup: rows deleted and added, a file changed and one added.
    Institution.objects.filter(code="KZ-SCSNC").update(website="https://changed.example")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM institutions_memorandum_areas")
    (site / "memoranda" / "2025" / "kz-uz.pdf").write_bytes(b"%PDF-1.7 other")
    (site / "new.pdf").write_bytes(b"%PDF-1.7 new")
    assert snapshot() != before_rows

    restored = backup_restore(archive=archive)

    assert restored.files == 2 and restored.pending_migrations == []
    assert snapshot() == before_rows
    assert media_tree(site) == before_files
    assert not list(tmp_path.glob(".*"))  # no staging folders left beside the media folder


@rollback
def test_a_damaged_archive_is_refused_and_nothing_changes(site: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.tar"
    backup_create(out=archive)
    Institution.objects.filter(code="KZ-SCSNC").update(website="https://after.example")
    after_rows, after_files = snapshot(), media_tree(site)
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        member = tar.getmember("media/memoranda/2025/kz-uz.pdf")
        data[member.offset_data + 100] ^= 0xFF
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(data))

    with pytest.raises(
        ArchiveError, match=r"damaged: media/memoranda/2025/kz-uz\.pdf does not match its checksum"
    ):
        backup_restore(archive=damaged)
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(ArchiveError, match=r"damaged or truncated|no manifest\.json"):
        backup_restore(archive=truncated)

    assert snapshot() == after_rows
    assert media_tree(site) == after_files


@rollback
def test_an_archive_of_another_engine_or_a_newer_version_is_refused(media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.tar"
    backup_create(out=archive)
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    foreign = tmp_path / "foreign.tar"
    rewrite_manifest(archive, foreign, lambda m: m["database"].update(vendor=other))
    with pytest.raises(
        ArchiveError, match=f"holds a {other} database but this site uses {connection.vendor}"
    ):
        backup_restore(archive=foreign)

    newer = tmp_path / "newer.tar"
    rewrite_manifest(archive, newer, lambda m: m["migrations"]["core"].append("9999_future"))
    with pytest.raises(
        ArchiveError, match=r"newer version of Korkyt .*core\.9999_future.*upgrade Korkyt first"
    ):
        backup_restore(archive=newer)

    unknown_format = tmp_path / "format.tar"
    rewrite_manifest(archive, unknown_format, lambda m: m.update(format_version=99))
    with pytest.raises(ArchiveError, match="backup format 99"):
        backup_restore(archive=unknown_format)


@rollback
def test_an_archive_of_no_site_is_refused_and_nothing_changes(media: Path, tmp_path: Path) -> None:
    """An archive whose database has no migrations (written before `korkyt setup`) would restore as an
    empty database over the site's: refused, by the check too."""
    archive = tmp_path / "site.tar"
    backup_create(out=archive)
    empty = tmp_path / "empty.tar"
    rewrite_manifest(archive, empty, lambda m: m.update(migrations={}))
    with pytest.raises(ArchiveError, match="holds no site"):
        backup_restore(archive=empty)
    checked = runner.invoke(app, ["restore", str(empty), "--check"])
    assert checked.exit_code == 2 and "holds no site" in checked.output, checked.output


@rollback
def test_restore_applies_nothing_missing_from_the_manifest(media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.tar"
    backup_create(out=archive)
    extra = tmp_path / "extra.tar"
    with tarfile.open(archive) as old, tarfile.open(extra, "w") as new:
        for member in old:
            new.addfile(member, old.extractfile(member))
        info = tarfile.TarInfo("media/smuggled.pdf")
        info.size = 3
        new.addfile(info, io.BytesIO(b"abc"))
    with pytest.raises(ArchiveError, match=r"unexpected member 'media/smuggled\.pdf'"):
        backup_restore(archive=extra)
    assert not (media / "smuggled.pdf").exists()


@rollback
def test_cli_backup_check_and_refusal_messages(media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.tar"
    made = runner.invoke(app, ["backup", str(archive)])
    assert made.exit_code == 0, made.output
    assert "2 media files" in made.output

    checked = runner.invoke(app, ["restore", str(archive), "--check"])
    assert checked.exit_code == 0, checked.output
    assert "complete and intact" in checked.output

    junk = tmp_path / "junk.tar"
    junk.write_text("not an archive")
    refused = runner.invoke(app, ["restore", str(junk), "--yes"])
    assert refused.exit_code == 2
    assert "is not a Korkyt backup or is damaged" in refused.output

    into_media = runner.invoke(app, ["backup", str(media / "x.tar")])
    assert into_media.exit_code == 2
    assert "outside the media folder" in into_media.output


@rollback
def test_a_backup_taken_while_the_site_is_written_to_restores(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manifest's rows come from the dump's own snapshot, not from a moment before it."""
    Job.objects.create(kind="before the backup")
    real = archive_module._dump_database

    def dump_while_site_writes(target: Path, using: str) -> dict[str, Any]:
        Job.objects.create(kind="written by a request during the backup")
        return real(target, using)

    monkeypatch.setattr(archive_module, "_dump_database", dump_while_site_writes)
    archive = tmp_path / "site.tar"
    backup_create(out=archive)
    monkeypatch.setattr(archive_module, "_dump_database", real)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile(MANIFEST).read())  # type: ignore[union-attr]
    assert manifest["database"]["rows"]["core_job"] == 2
    Job.objects.create(kind="after the backup")

    restored = runner.invoke(app, ["restore", str(archive), "--yes"])

    assert restored.exit_code == 0, restored.output
    assert sorted(Job.objects.values_list("kind", flat=True)) == [
        "before the backup",
        "written by a request during the backup",
    ]


@rollback
def test_an_archive_whose_rows_differ_from_its_manifest_changes_nothing(media: Path, tmp_path: Path) -> None:
    Job.objects.create(kind="in the archive")
    archive = tmp_path / "site.tar"
    backup_create(out=archive)
    Job.objects.create(kind="after the backup")
    (media / "new.pdf").write_bytes(b"%PDF-1.7 new")
    after_rows, after_files = snapshot(), media_tree(media)
    edited = tmp_path / "edited.tar"
    rewrite_manifest(archive, edited, lambda m: m["database"]["rows"].update(core_job=5))

    checked = runner.invoke(app, ["restore", str(edited), "--check"])
    assert checked.exit_code == 2
    assert "differs from the manifest's row counts in core_job" in checked.output
    with pytest.raises(
        ArchiveError, match=r"differs from the manifest's row counts in core_job\. Nothing was"
    ):
        backup_restore(archive=edited)

    assert snapshot() == after_rows
    assert media_tree(media) == after_files
    assert runner.invoke(app, ["restore", str(archive), "--check"]).exit_code == 0


@rollback
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL restore (this run is on SQLite)")
def test_an_archive_older_than_the_code_restores_on_postgresql(media: Path, tmp_path: Path) -> None:
    """Tables of migrations newer than the archive are dropped with the rest: the archive's state comes back
    exactly, and migrating forward works from there."""
    from django.core.management import call_command
    from django.db.migrations.recorder import MigrationRecorder

    call_command("migrate", "axes", "0009", verbosity=0)
    Job.objects.create(kind="in the old archive")
    archive = tmp_path / "old.tar"
    backup_create(out=archive)
    call_command("migrate", verbosity=0)
    Job.objects.create(kind="after the upgrade")
    assert "axes_accessattemptexpiration" in connection.introspection.table_names()

    restored = backup_restore(archive=archive)

    assert restored.pending_migrations == ["axes.0010_accessattemptexpiration"]
    assert "axes_accessattemptexpiration" not in connection.introspection.table_names()
    assert list(Job.objects.values_list("kind", flat=True)) == ["in the old archive"]
    assert not MigrationRecorder.Migration.objects.filter(app="axes", name__startswith="0010").exists()
    call_command("migrate", verbosity=0)
    assert "axes_accessattemptexpiration" in connection.introspection.table_names()
