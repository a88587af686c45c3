"""A memorandum's report counts a co-production only once every partner country's authority has approved
it (services.editing.record_under_memorandum): the records of projects not approved are removed (a draft's
partners are only what its producers typed). The projects keep their memorandum and are counted when
approved."""

from django.db import migrations


def forget_unapproved(apps, schema_editor):  # type: ignore[no-untyped-def]
    ContentType = apps.get_model("contenttypes", "ContentType")
    MemorandumActivity = apps.get_model("institutions", "MemorandumActivity")
    Project = apps.get_model("coproduction", "Project")
    kind = ContentType.objects.filter(app_label="coproduction", model="project").first()
    if kind is None:
        return
    approved = Project.objects.filter(status="approved").values_list("pk", flat=True)
    MemorandumActivity.objects.filter(content_type=kind).exclude(object_id__in=approved).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coproduction", "0008_female_director"),
        ("institutions", "0006_field_labels"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget_unapproved, migrations.RunPython.noop)]
