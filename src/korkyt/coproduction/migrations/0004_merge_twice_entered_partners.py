"""One partner per company and per institution in a co-production (the constraints of the next migration):
a company or institution entered twice before is merged first. The later rows' financing lines move to the
first row (the one entered first), and the later rows go. Data only: PostgreSQL refuses to build an index
in the transaction that changed the table's rows."""

from django.db import migrations


def merge_twice_entered_partners(apps, schema_editor):
    partner = apps.get_model("coproduction", "Partner")
    source = apps.get_model("coproduction", "FinancingSource")
    for column in ("company_id", "institution_id"):
        first: dict[tuple[int, int], int] = {}
        later: dict[int, int] = {}
        rows = partner.objects.exclude(**{column: None}).order_by("pk").values_list("pk", "project_id", column)
        for pk, project, target in rows:
            kept = first.setdefault((project, target), pk)
            if kept != pk:
                later[pk] = kept
        for pk, kept in later.items():
            source.objects.filter(partner_id=pk).update(partner_id=kept)
        partner.objects.filter(pk__in=list(later)).delete()


class Migration(migrations.Migration):
    dependencies = [("coproduction", "0003_field_labels")]

    operations = [migrations.RunPython(merge_twice_entered_partners, migrations.RunPython.noop)]
