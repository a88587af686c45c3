"""Roles held on objects deleted before their roles went with them (an institution or a co-production
deleted through the admin, say) pointed at nothing; they are removed."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def drop_orphans(apps: Any, schema_editor: Any) -> None:
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kinds = RoleAssignment.objects.values_list("content_type", flat=True).distinct()
    for kind in ContentType.objects.filter(pk__in=list(kinds)):
        try:
            model = apps.get_model(kind.app_label, kind.model)
        except LookupError:  # a kind of object that no longer exists at all
            RoleAssignment.objects.filter(content_type=kind).delete()
            continue
        held = RoleAssignment.objects.filter(content_type=kind)
        alive = model._default_manager.filter(pk__in=held.values("object_id")).values("pk")
        held.exclude(object_id__in=alive).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_roles_and_profiles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("institutions", "0005_signing_place_per_language"),
        ("festival", "0007_section_entries_close"),
        ("events", "0007_registration_box_office"),
        ("coproduction", "0002_project_document"),
    ]

    operations = [migrations.RunPython(drop_orphans, migrations.RunPython.noop)]
