"""/readyz: 200 when database, migrations, broker and media folder are ready; 503 naming what is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from korkyt.core import health


@pytest.mark.django_db
def test_ready_when_every_check_passes(client: Any, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "broker": "ok", "media": "ok"},
    }
    assert list((tmp_path / "media").iterdir()) == []  # the probe file is gone


@pytest.mark.django_db
def test_not_ready_names_an_unwritable_media_folder_and_an_unreachable_broker(
    client: Any, tmp_path: Path, settings: Any
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = str(blocker / "media")
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    answer = client.get("/readyz")

    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == "ok" and body["checks"]["migrations"] == "ok"
    assert body["checks"]["media"].startswith(("FileExistsError", "NotADirectoryError"))
    assert body["checks"]["broker"].startswith("ConnectionError")


@pytest.mark.django_db
def test_pending_migrations_make_the_process_not_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(health, "_MIGRATED", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("core", "9999_next")])
    assert health.readiness()["migrations"] == "RuntimeError: 1 migrations not applied"
