"""Variants of the dictionary words (each word of 4 to 9 letters and its one-letter deletions): typo
corrections of query words of 5 to 8 letters by an index lookup. Filled here from the existing dictionary."""

from django.db import migrations, models


def _fill(apps, schema_editor):
    SearchWord = apps.get_model("search", "SearchWord")
    SearchWordVariant = apps.get_model("search", "SearchWordVariant")
    batch = []
    for word in SearchWord.objects.order_by("pk").values_list("word", flat=True).iterator(chunk_size=5000):
        if 4 <= len(word) <= 9:
            deletions = {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}
            batch.extend(SearchWordVariant(variant=v, word=word) for v in sorted(deletions))
        if len(batch) >= 20000:
            SearchWordVariant.objects.bulk_create(batch, batch_size=2000, ignore_conflicts=True)
            batch = []
    SearchWordVariant.objects.bulk_create(batch, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_word_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchWordVariant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('variant', models.CharField(max_length=100)),
                ('word', models.CharField(max_length=100)),
            ],
            options={
                'verbose_name': 'search word variant',
                'verbose_name_plural': 'search word variants',
                'constraints': [models.UniqueConstraint(fields=('variant', 'word'), name='search_word_variant')],
            },
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop, elidable=False),
    ]
