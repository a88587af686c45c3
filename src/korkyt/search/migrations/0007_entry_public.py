"""Whether every viewer may find an entry (a person, or a film that is published), so that a search by the
public needs no join with the film table. Kept in step by the index writers, which rewrite a film's entries
whenever the film changes.

The column is added by plain SQL: on SQLite, Django would rebuild the table for a NOT NULL column and so
drop the triggers that keep the word index (FTS5) in step.
"""

from django.db import migrations, models

ADD = "ALTER TABLE search_searchentry ADD COLUMN public {} NOT NULL DEFAULT {}"
TYPES = {"sqlite": ("bool", "1"), "postgresql": ("boolean", "true")}


def _add(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(ADD.format(*TYPES.get(vendor, ("boolean", "true"))))


def _drop(apps, schema_editor):
    schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN public")


def _fill(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    Film = apps.get_model("catalogue", "Film")
    hidden = Film.objects.exclude(status="published").values("pk")
    SearchEntry.objects.filter(type="film", film_id__in=hidden).update(public=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_word_variants"), ("catalogue", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_add, _drop, elidable=False)],
            state_operations=[
                migrations.AddField(
                    model_name="searchentry", name="public", field=models.BooleanField(default=True)
                )
            ],
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop, elidable=False),
    ]
