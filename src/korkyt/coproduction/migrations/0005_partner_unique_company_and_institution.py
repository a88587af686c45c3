"""One partner per company and per institution in a co-production (duplicates merged by 0004)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0006_field_labels'),
        ('coproduction', '0004_merge_twice_entered_partners'),
        ('institutions', '0006_field_labels'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='partner',
            constraint=models.UniqueConstraint(condition=models.Q(('company__isnull', False)), fields=('project', 'company'), name='coprod_partner_company_unique'),
        ),
        migrations.AddConstraint(
            model_name='partner',
            constraint=models.UniqueConstraint(condition=models.Q(('institution__isnull', False)), fields=('project', 'institution'), name='coprod_partner_institution_unique'),
        ),
    ]
