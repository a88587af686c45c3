"""A reviewer or juror who deletes their account leaves no trace of who they were in the audit log: the
committee's and the jury's events name accounts by id (erased with the account), and a role taken from them
before is erased with the ones they still held."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType

from korkyt.accounts.models import RoleAssignment
from korkyt.accounts.services import user_delete
from korkyt.core.models import ERASED, AuditEntry
from korkyt.festival.services.editing import committee_remove, juror_remove
from korkyt.festival.services.jury import juror_add
from korkyt.festival.services.selection import committee_add
from tests.factories import UserFactory
from tests.festival.conftest import make_edition, make_feature, make_staff

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


def _text(entry: AuditEntry) -> str:
    return json.dumps(
        [entry.additional_data, entry.changes, entry.object_repr, entry.actor_label], ensure_ascii=False
    )


def test_a_reviewer_taken_off_the_committee_then_deleted_leaves_no_user_name():
    edition = make_edition()
    feature = make_feature(edition)
    staff = make_staff(edition)
    alice = UserFactory(username="alice.karimova")
    alice.set_password(PASSWORD)
    alice.save()
    member = committee_add(actor=staff, edition=edition, user=alice, sections=[feature.kind])
    added = AuditEntry.objects.get(action_type="festival.edition.committee_add")
    assert added.additional_data == {"reviewer_user_id": alice.pk}  # the account by id, not by name
    committee_remove(actor=staff, member=member)  # the role goes: its row with it
    assert not RoleAssignment.objects.filter(user=alice).exists()
    kept = UserFactory(username="bob.other")
    committee_add(actor=staff, edition=edition, user=kept, sections=[feature.kind])
    before = set(AuditEntry.objects.values_list("pk", flat=True))

    user_delete(user=alice, password=PASSWORD)

    assert before <= set(AuditEntry.objects.values_list("pk", flat=True))  # every entry stays
    leaks = [_text(e) for e in AuditEntry.objects.all() if "alice.karimova" in _text(e)]
    assert leaks == []
    removed = AuditEntry.objects.get(action_type="festival.edition.committee_remove")
    assert removed.additional_data["reviewer_user_id"] == ERASED
    assert removed.additional_data["assignments_dropped"] == 0  # the rest of the event stays
    # the other reviewer's events and role are untouched
    assert AuditEntry.objects.filter(additional_data__reviewer_user_id=kept.pk).count() == 1
    roles = ContentType.objects.get_for_model(RoleAssignment)
    assert AuditEntry.objects.filter(content_type=roles, object_repr__startswith="bob.other").exists()


def test_a_removed_juror_deleted_later_leaves_no_user_name():
    edition = make_edition()
    feature = make_feature(edition)
    staff = make_staff(edition)
    juror_user = UserFactory(username="juror.leaving")
    juror_user.set_password(PASSWORD)
    juror_user.save()
    juror = juror_add(actor=staff, section=feature, user=juror_user)
    juror_remove(actor=staff, juror=juror)
    removed = AuditEntry.objects.get(action_type="festival.jurymember.remove")
    assert removed.additional_data["juror_user_id"] == juror_user.pk

    user_delete(user=juror_user, password=PASSWORD)

    assert [_text(e) for e in AuditEntry.objects.all() if "juror.leaving" in _text(e)] == []
    removed.refresh_from_db()
    assert removed.additional_data == {"section": feature.kind, "juror_user_id": ERASED}
