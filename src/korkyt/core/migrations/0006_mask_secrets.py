"""The audit entries written before secrets were masked whole keep half of each value (django-auditlog's
default mask stars the first half only): their masked fields now read the marker, before and after."""

from django.db import migrations

#: What a masked field's value is recorded as (korkyt.core.audit.registry.MASKED, frozen here).
MASKED = "••••••"
#: The fields registered with ``mask=`` (app label, model, field) when this migration was written.
MASKED_FIELDS = (
    ("localization", "machinetranslationengine", "api_key"),
    ("festival", "submission", "screener_password"),
)


def scrub_masked(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for app_label, model, field in MASKED_FIELDS:
        content_type = ContentType.objects.using(db).filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        entries = AuditEntry.objects.using(db).filter(content_type=content_type, changes__has_key=field)
        for entry in entries.only("pk", "changes").iterator():
            changes = dict(entry.changes)
            change = changes.get(field)
            if isinstance(change, list | tuple) and len(change) == 2 and list(change) != [MASKED, MASKED]:
                changes[field] = [MASKED, MASKED]
                AuditEntry.objects.using(db).filter(pk=entry.pk).update(changes=changes)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_job_language"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(scrub_masked, migrations.RunPython.noop)]
