"""The index's keys in the current folding: a text with the Azerbaijani ə (or, in Azerbaijani, the
Cyrillic ә) gets a second key with ə read as e, as it is typed on keyboards without ə ("Demo ses" for
"Demo səs"). Computed again from each entry's own text (``korkyt.search.rekey``)."""

from django.db import migrations

from korkyt.search.rekey import rekey


class Migration(migrations.Migration):
    dependencies = [("search", "0009_rekey")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop, elidable=False)]
