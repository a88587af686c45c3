"""Secrets (fields registered with ``mask=``: an MT engine's API key, an entry's screener password) are
recorded as changed with no part of their value, and the entries written before that are scrubbed."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from korkyt.core.audit.registry import MASKED, MASKED_FIELDS
from korkyt.core.models import AuditAction, AuditEntry
from korkyt.localization.models import MachineTranslationEngine

pytestmark = pytest.mark.django_db
migration = importlib.import_module("korkyt.core.migrations.0006_mask_secrets")

OLD = "sk-live-ABCDEFGHIJ0123456789"
NEW = "sk-live-NEWSECRET-9876543210"


def _leaks(text: str, secret: str) -> list[str]:
    """The pieces of ``secret`` (4 characters or more) that ``text`` holds."""
    return [secret[i : i + 4] for i in range(len(secret) - 3) if secret[i : i + 4] in text]


def test_a_changed_secret_is_recorded_as_changed_with_nothing_of_either_value():
    engine = MachineTranslationEngine.objects.create(name="deepl", kind="openai", api_key=OLD)
    engine.api_key = NEW
    engine.save()
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(MachineTranslationEngine), object_pk=str(engine.pk)
    ).order_by("pk")
    update = entries.get(action=AuditAction.UPDATE)
    assert update.changes["api_key"] == [MASKED, MASKED]  # the change is recorded, the field named
    text = " ".join(
        json.dumps([e.changes, e.additional_data, e.serialized_data, e.object_repr, e.changes_text])
        for e in entries
    )
    assert not _leaks(text, "ABCDEFGHIJ0123456789") and not _leaks(text, "NEWSECRET-9876543210")
    assert set(MASKED) & set(OLD + NEW) == set()


def test_the_scrub_migration_masks_the_secrets_of_old_entries_whole():
    engine = MachineTranslationEngine.objects.create(name="deepl", kind="openai", api_key=OLD)
    content_type = ContentType.objects.get_for_model(MachineTranslationEngine)
    old_style = AuditEntry.objects.create(
        content_type=content_type,
        object_pk=str(engine.pk),
        object_repr="deepl",
        action=AuditAction.UPDATE,
        changes={
            "api_key": ["**************GHIJ0123456789", "**************RET-9876543210"],
            "name": ["a", "b"],
        },
    )
    migration.scrub_masked(apps, connection.schema_editor())
    old_style.refresh_from_db()
    assert old_style.changes == {"api_key": [MASKED, MASKED], "name": ["a", "b"]}


def test_the_scrub_migration_knows_every_masked_field():
    registered = {
        (model._meta.app_label, model._meta.model_name, name)
        for model, names in MASKED_FIELDS.items()
        for name in names
    }
    assert registered == set(migration.MASKED_FIELDS)
