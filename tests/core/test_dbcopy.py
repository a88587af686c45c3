"""`korkyt db copy --to postgres://…`: the embedded SQLite site moved into an empty PostgreSQL database.

Runs when the tests' database is SQLite and a PostgreSQL server answers at KORKYT_TEST_POSTGRES_URL (its
database is used only to create and drop a scratch database named after it). In the PostgreSQL run the module
is skipped before any fixture runs (no demo data loaded and serialized for nothing): it runs once, in the
SQLite run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from typer.testing import CliRunner

from korkyt.cli import app
from korkyt.core.backup.dbcopy import (
    ALIAS,
    CopyError,
    _concrete_models,
    close_target,
    database_copy,
    register_target,
)

runner = CliRunner()
SERVER_URL = os.environ.get("KORKYT_TEST_POSTGRES_URL", "")
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not SERVER_URL, reason="no PostgreSQL server (set KORKYT_TEST_POSTGRES_URL)"),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="db copy moves a SQLite site; this run's database is not SQLite"
    ),
]


@pytest.fixture
def target_url() -> Iterator[str]:
    import psycopg

    base, _, maintenance = SERVER_URL.rpartition("/")
    name = f"{maintenance}_dbcopy_{os.getpid()}"
    with psycopg.connect(SERVER_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        close_target(ALIAS)
        close_target("check")
        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(alias: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model, read through the ORM (so SQLite's and PostgreSQL's types compare)."""
    found = {}
    for model in _concrete_models():
        names = [f.attname for f in model._meta.local_concrete_fields]
        found[model._meta.db_table] = list(
            model._base_manager.using(alias).order_by("pk").values_list(*names)
        )
    return found


@pytest.fixture
def site(tmp_path: Path, settings: Any) -> Path:
    from korkyt.config.demo import load
    from korkyt.institutions.models import Memorandum

    settings.MEDIA_ROOT = str(tmp_path / "media")
    load()
    memo = Memorandum.objects.order_by("pk").first()
    assert memo is not None
    stored = tmp_path / "media" / "memoranda" / "kz-uz.pdf"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"%PDF-1.7 signed")
    Memorandum.objects.filter(pk=memo.pk).update(document="memoranda/kz-uz.pdf")
    return tmp_path / "media"


def test_copy_moves_every_row_and_checks_the_files(site: Path, target_url: str) -> None:
    source = rows("default")

    report = database_copy(to_url=target_url)

    assert report.files == 1 and report.missing_files == []
    assert sum(report.tables.values()) == sum(len(r) for r in source.values()) > 1000
    register_target(target_url, "check")
    assert rows("check") == source
    # The target's sequences continue after the copied ids: a new row does not collide.
    from korkyt.institutions.models import CooperationArea

    area = CooperationArea.objects.using("check").create(code="film-tourism-2", group="other", position=99)
    assert area.pk > max(pk for pk, *_ in source[CooperationArea._meta.db_table])


def test_copy_refuses_a_database_that_is_not_empty_or_not_postgresql(site: Path, target_url: str) -> None:
    database_copy(to_url=target_url)
    with pytest.raises(CopyError, match="target database is not empty"):
        database_copy(to_url=target_url)
    with pytest.raises(CopyError, match="must name a PostgreSQL database"):
        database_copy(to_url="mysql://root@127.0.0.1/korkyt")


def test_cli_copies_rebuilds_the_search_index_and_names_the_variables(site: Path, target_url: str) -> None:
    from korkyt.search.models import SearchEntry

    result = runner.invoke(app, ["db", "copy", "--to", target_url])

    assert result.exit_code == 0, result.output
    assert "counts equal on both sides" in result.output
    assert f"Search index: {SearchEntry.objects.count()} entries." in result.output
    assert f"export DATABASE_URL='{target_url}'" in result.output
    # each variable on one line, whole, so the lines can be pasted into a shell
    assert (
        "export REDIS_URL=redis://127.0.0.1:6379/0   # when several processes or machines share the work\n"
        in (result.output)
    )
    register_target(target_url, "check")
    assert SearchEntry.objects.using("check").count() == SearchEntry.objects.count() > 0
