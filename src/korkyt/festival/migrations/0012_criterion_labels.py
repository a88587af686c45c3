import django.db.models.deletion
import korkyt.core.translations
from django.db import migrations, models


def labels_forward(apps, schema_editor):
    """Each criterion's one label becomes its label in the edition's language (the language its venues and
    notes are written in, the nearest guess of the language staff typed it in)."""
    Criterion = apps.get_model("festival", "Criterion")
    CriterionLabel = apps.get_model("festival", "CriterionLabel")
    CriterionLabel.objects.bulk_create(
        CriterionLabel(criterion_id=c.pk, language=c.section.edition.language, text=c.label)
        for c in Criterion.objects.select_related("section__edition").exclude(label="")
    )


def labels_backward(apps, schema_editor):
    """A criterion keeps one label: its English one, else any."""
    Criterion = apps.get_model("festival", "Criterion")
    for c in Criterion.objects.prefetch_related("labels"):
        rows = sorted(c.labels.all(), key=lambda row: (row.language != "en", row.language))
        if rows:
            c.label = rows[0].text
            c.save(update_fields=["label"])


class Migration(migrations.Migration):

    dependencies = [
        ('festival', '0011_field_labels'),
    ]

    operations = [
        migrations.CreateModel(
            name='CriterionLabel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', korkyt.core.translations.LanguageTagField(verbose_name='language')),
                ('text', models.CharField(max_length=200, verbose_name='criterion')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='labels', to='festival.criterion')),
            ],
            options={
                'verbose_name': 'criterion label',
                'verbose_name_plural': 'criterion labels',
                'constraints': [models.UniqueConstraint(fields=('criterion', 'language'), name='criterion_label_once')],
            },
        ),
        migrations.RunPython(labels_forward, labels_backward),
        # a default, so that going back can add the column to rows that have one before their label is set
        migrations.AlterField(
            model_name="criterion",
            name="label",
            field=models.CharField(default="", max_length=200, verbose_name="criterion"),
        ),
        migrations.RemoveField(
            model_name='criterion',
            name='label',
        ),
    ]
