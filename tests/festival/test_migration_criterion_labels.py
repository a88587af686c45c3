"""Migration 0012 (criterion labels per language) on existing review forms: each criterion's one label
becomes its label in the edition's language, and going back keeps one label. Runs on SQLite and, with
DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("festival", "0011_field_labels")]
AFTER = [("festival", "0012_criterion_labels")]


def _migrate(target: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor


def test_a_criterion_label_becomes_its_label_in_the_edition_language_and_back() -> None:
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    edition = old.get_model("festival", "Edition").objects.create(
        number=41,
        city="Aktau",
        country="KZ",
        starts_on=dt.date(2031, 9, 1),
        ends_on=dt.date(2031, 9, 6),
        language="ru",
    )
    section = old.get_model("festival", "Section").objects.create(edition=edition, kind="feature")
    Criterion = old.get_model("festival", "Criterion")
    story = Criterion.objects.create(section=section, code="story", label="Сюжет", weight=2)
    try:
        executor = _migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        labels = new.get_model("festival", "CriterionLabel").objects.filter(criterion_id=story.pk)
        assert [(row.language, row.text) for row in labels] == [("ru", "Сюжет")]
        new.get_model("festival", "CriterionLabel").objects.create(
            criterion_id=story.pk, language="en", text="Story"
        )
        executor = _migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        assert old.get_model("festival", "Criterion").objects.get(pk=story.pk).label == "Story"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
