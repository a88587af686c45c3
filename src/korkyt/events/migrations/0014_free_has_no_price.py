"""A booking that owes nothing (``free``) has no price: reservations given back before they were paid kept
their amount beside ``free`` (booking.cancel now clears it)."""

from typing import Any

from django.db import migrations


def forward(apps: Any, schema_editor: Any) -> None:
    registration = apps.get_model("events", "Registration")
    registration.objects.filter(payment="free").exclude(amount=None).update(amount=None, currency="")


class Migration(migrations.Migration):
    dependencies = [("events", "0013_waiting_owes_nothing")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
