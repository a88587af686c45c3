"""The index's keys in the current folding: NFKC (decomposed letters, fullwidth forms), invisible format
characters removed, and a second key with ё read as е. Computed again from each entry's own text
(``korkyt.search.rekey``), people missing from the index (written around the services) added from their
names, and the dictionary made again from the keys."""

from django.db import migrations

from korkyt.search.rekey import rekey


class Migration(migrations.Migration):
    dependencies = [("search", "0008_language_tag_field"), ("catalogue", "0006_field_labels")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop, elidable=False)]
