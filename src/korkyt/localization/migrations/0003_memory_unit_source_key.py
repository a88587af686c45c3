"""The stored matching key of each translation-memory unit, computed for the units already there."""

from typing import Any

from django.db import migrations, models

from korkyt.mt.memory import normalise


def fill_keys(apps: Any, schema_editor: Any) -> None:
    unit_model = apps.get_model("localization", "MemoryUnit")
    batch = []
    for unit in unit_model.objects.only("pk", "source_text").iterator(chunk_size=2000):
        unit.source_key = normalise(unit.source_text)
        batch.append(unit)
        if len(batch) == 2000:
            unit_model.objects.bulk_update(batch, ["source_key"])
            batch = []
    unit_model.objects.bulk_update(batch, ["source_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("localization", "0002_machine_translation_engines"),
    ]

    operations = [
        migrations.AddField(
            model_name="memoryunit",
            name="source_key",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
