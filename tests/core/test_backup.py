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
from korkyt.core.backup.archive import MANIFEST, ArchiveError, backup_create, backup_restore, model_tables
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
