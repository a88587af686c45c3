"""A waiting-list place or an application owes nothing until it is given seats (booking._ask_payment):
those booked before, recorded as reservations to pay, owe nothing."""

from typing import Any

from django.db import migrations


def forward(apps: Any, schema_editor: Any) -> None:
    registration = apps.get_model("events", "Registration")
    registration.objects.filter(status__in=["waitlisted", "pending"], payment="unpaid").update(
        payment="free", amount=None, currency=""
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0012_registration_outlives_account")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
