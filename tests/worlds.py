"""A test module's world built once instead of once per test (the permission matrices).

``module_world`` builds it inside a transaction rolled back at the module's end, with a media directory of
its own; each test still runs in its own savepoint (the ``db`` fixture), so what it changes in the database
is rolled back to the world. Two things a rollback does not undo are undone per test: ``MediaTree.restore``
puts the world's files back as they were (a test that deletes a record deletes its file on disk), and
``fresh`` reads the world's objects again, so that a test never sees what an earlier one changed in memory
(a field set and saved, then rolled back; the roles a user object remembers).

Usage, in a test module::

    @pytest.fixture(scope="module")
    def built(django_db_setup, django_db_blocker, tmp_path_factory):
        with module_world(django_db_blocker, tmp_path_factory) as media:
            data = build()
            yield data, media.snapshot()


    @pytest.fixture
    def world(built, db):
        data, media = built
        media.restore()
        return fresh(data)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import models, transaction
from django.test import override_settings


class MediaTree:
    """The files under a media root as ``snapshot`` found them; ``restore`` makes the tree so again: a file
    removed or changed since is written back, a file added since is removed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[Path, bytes] = {}

    def snapshot(self) -> MediaTree:
        self.files = {path: path.read_bytes() for path in self.root.rglob("*") if path.is_file()}
        return self

    def restore(self) -> None:
        for path in [p for p in self.root.rglob("*") if p.is_file() and p not in self.files]:
            path.unlink()
        for path, data in self.files.items():
            if not path.is_file() or path.read_bytes() != data:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)


@contextmanager
def module_world(django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MediaTree]:
    """Database access, a transaction and an empty MEDIA_ROOT of its own, all for the duration of the
    block; the transaction is rolled back at its end."""
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(root)), django_db_blocker.unblock(), transaction.atomic():
        try:
            yield MediaTree(root)
        finally:
            transaction.set_rollback(True)


def fresh(value: Any) -> Any:
    """``value`` (dicts, lists and tuples of model instances and other values) with every model instance
    read again from the database: one query per model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)

    def collect(item: Any) -> None:
        if isinstance(item, models.Model):
            wanted[type(item)].add(item.pk)
        elif isinstance(item, dict):
            for v in item.values():
                collect(v)
        elif isinstance(item, list | tuple):
            for v in item:
                collect(v)

    collect(value)
    rows = {model: model._base_manager.in_bulk(pks) for model, pks in wanted.items()}

    def rebuild(item: Any) -> Any:
        if isinstance(item, models.Model):
            return rows[type(item)][item.pk]
        if isinstance(item, dict):
            return {k: rebuild(v) for k, v in item.items()}
        if isinstance(item, list):
            return [rebuild(v) for v in item]
        if isinstance(item, tuple):
            return tuple(rebuild(v) for v in item)
        return item

    return rebuild(value)


def world_fixtures(build: Callable[[], Any]) -> tuple[Any, Any]:
    """The two fixtures of a module whose world ``build()`` makes: ``built`` (once for the module) and
    ``world`` (as each test finds it). In the module: ``built, world = world_fixtures(_build)``."""

    @pytest.fixture(scope="module")
    def built(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Any]:
        with module_world(django_db_blocker, tmp_path_factory) as media:
            data = build()
            yield data, media.snapshot()

    @pytest.fixture
    def world(built: Any, db: Any) -> Any:
        data, media = built
        media.restore()
        return fresh(data)

    return built, world
