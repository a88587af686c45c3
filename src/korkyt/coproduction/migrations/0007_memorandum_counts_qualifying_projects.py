"""A memorandum's report counts a co-production only while its co-producers come from at least two of the
memorandum's signatory countries (services.editing.under_memorandum): the records of projects attached
before to a memorandum their partners did not sign are removed."""

from django.db import migrations


def forget_unqualified(apps, schema_editor):  # type: ignore[no-untyped-def]
    ContentType = apps.get_model("contenttypes", "ContentType")
    MemorandumActivity = apps.get_model("institutions", "MemorandumActivity")
    MemorandumParty = apps.get_model("institutions", "MemorandumParty")
    Partner = apps.get_model("coproduction", "Partner")
    kind = ContentType.objects.filter(app_label="coproduction", model="project").first()
    if kind is None:
        return
    for row in MemorandumActivity.objects.filter(content_type=kind):
        signed = {
            str(c)
            for c in MemorandumParty.objects.filter(memorandum_id=row.memorandum_id).values_list(
                "institution__country", flat=True
            )
        }
        partners = {
            str(c) for c in Partner.objects.filter(project_id=row.object_id).values_list("country", flat=True)
        }
        if not signed or len(signed & partners) < min(2, len(signed)):
            row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coproduction", "0006_partner_financial_is_finance_only"),
        ("institutions", "0006_field_labels"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget_unqualified, migrations.RunPython.noop)]
