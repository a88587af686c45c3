"""A financial co-producer brings only money: partners saved before the role and ``finance_only`` were kept
together get both (either one set means both)."""

from django.db import migrations
from django.db.models import Q


def financial_together(apps, schema_editor):  # type: ignore[no-untyped-def]
    Partner = apps.get_model("coproduction", "Partner")
    Partner.objects.filter(Q(role="financial") | Q(finance_only=True)).update(
        role="financial", finance_only=True
    )


class Migration(migrations.Migration):
    dependencies = [("coproduction", "0005_partner_unique_company_and_institution")]

    operations = [migrations.RunPython(financial_together, migrations.RunPython.noop)]
