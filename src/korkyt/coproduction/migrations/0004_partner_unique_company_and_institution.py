"""One partner per company and per institution in a co-production. A company or institution entered twice
before is merged first: the later rows' financing lines move to the first row (the one entered first), and
the later rows go."""

from django.db import migrations, models


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

    dependencies = [
        ('catalogue', '0006_field_labels'),
        ('coproduction', '0003_field_labels'),
        ('institutions', '0006_field_labels'),
    ]

    operations = [
        migrations.RunPython(merge_twice_entered_partners, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='partner',
            constraint=models.UniqueConstraint(condition=models.Q(('company__isnull', False)), fields=('project', 'company'), name='coprod_partner_company_unique'),
        ),
        migrations.AddConstraint(
            model_name='partner',
            constraint=models.UniqueConstraint(condition=models.Q(('institution__isnull', False)), fields=('project', 'institution'), name='coprod_partner_institution_unique'),
        ),
    ]
