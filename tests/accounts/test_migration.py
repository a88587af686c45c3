"""The institution memberships of before become role assignments scoped to the institution."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("accounts", "0002_initial")]
AFTER = [("accounts", "0003_roles_and_profiles")]


def test_memberships_migrate_to_institution_scoped_role_assignments() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(username="kz-editor")
    institution = old.get_model("institutions", "Institution").objects.create(
        code="KZ-MIG", kind="national_agency", country="KZ", native_language="kk-Cyrl"
    )
    Membership = old.get_model("accounts", "Membership")
    Membership.objects.create(user=user, institution=institution, role="editor")
    Membership.objects.create(user=user, institution=institution, role="translator")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = new.get_model("accounts", "RoleAssignment").objects.filter(user_id=user.pk)
    assert sorted(rows.values_list("role", flat=True)) == ["editor", "translator"]
    assert {(r.content_type.app_label, r.content_type.model, r.object_id) for r in rows} == {
        ("institutions", "institution", institution.pk)
    }
    assert all(r.valid_from is None and r.valid_until is None for r in rows)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
