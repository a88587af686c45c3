"""Activities follow their object: records whose object no longer exists are removed (they were counted in
the reports), and the stored title goes (it is read from the object in the viewer's language)."""

from django.db import migrations


def forget_orphans(apps, schema_editor):
    MemorandumActivity = apps.get_model("institutions", "MemorandumActivity")
    ContentType = apps.get_model("contenttypes", "ContentType")
    type_ids = MemorandumActivity.objects.values_list("content_type_id", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=list(type_ids)):
        rows = MemorandumActivity.objects.filter(content_type=content_type)
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:  # the app or model is gone: so are its activities
            rows.delete()
            continue
        existing = set(model._default_manager.values_list("pk", flat=True))
        rows.exclude(object_id__in=existing).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("institutions", "0003_language_tag_field"),
        ("catalogue", "0002_language_tag_field"),
        ("localization", "0005_language_tag_field"),
    ]

    operations = [
        migrations.RunPython(forget_orphans, migrations.RunPython.noop),
        migrations.RemoveField(model_name="memorandumactivity", name="title"),
    ]
