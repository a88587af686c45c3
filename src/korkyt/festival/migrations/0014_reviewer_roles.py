"""A reviewer's powers now need the reviewer role on the edition in force. Entries assigned directly (not
through the selection committee) gave no role before: their reviewers, who still have a review to write,
are given it, so nobody loses an assignment they are working on. A reviewer taken off the committee has no
open assignment left (they went with the role) and gets nothing back."""

from django.db import migrations


def grant_reviewer_roles(apps, schema_editor):
    Assignment = apps.get_model("festival", "Assignment")
    Edition = apps.get_model("festival", "Edition")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    edition_type, _created = ContentType.objects.get_or_create(app_label="festival", model="edition")
    open_ones = (
        Assignment.objects.filter(review__isnull=True)
        | Assignment.objects.filter(review__submitted_at__isnull=True)
    ).values_list("reviewer_id", "submission__section__edition_id")
    for user_id, edition_id in set(open_ones):
        if not Edition.objects.filter(pk=edition_id).exists():
            continue
        RoleAssignment.objects.get_or_create(
            user_id=user_id, role="reviewer", content_type=edition_type, object_id=edition_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("festival", "0013_conflict_entrant"),
        ("accounts", "0005_field_labels"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_reviewer_roles, migrations.RunPython.noop)]
