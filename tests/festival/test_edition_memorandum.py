"""An edition is counted in the report of the memorandum it runs under, so its staff place it under a
memorandum only as an editor of one of its parties (or an administrator); a memorandum an administrator
set stays while the staff edit the edition's other facts, and the edit page offers only what they may
choose (and the edition's own)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from korkyt.festival.forms import EditionForm
from korkyt.festival.models import Edition
from korkyt.festival.services import editing
from korkyt.institutions.models import CooperationArea, MemorandumActivity
from tests.factories import InstitutionFactory, MembershipFactory, memorandum

pytestmark = pytest.mark.django_db


def _facts(edition: Edition, **changes: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "city": edition.city,
        "country": str(edition.country),
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
        "results_at": edition.results_at,
        "memorandum": edition.memorandum,
        "area": edition.area,
    }
    facts.update(changes)
    return facts


def _fresh(user: Any) -> Any:
    """The account read again: its roles are cached on the object for the length of a request."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def memoranda() -> dict[str, Any]:
    kz, az, tr = (InstitutionFactory(code=c, country=c[:2]) for c in ("KZ-A", "AZ-B", "TR-C"))
    return {"kz": kz, "ours": memorandum(kz, az), "theirs": memorandum(az, tr)}


def test_staff_who_edit_no_party_may_not_place_the_edition_under_a_memorandum(edition, staff, memoranda):  # type: ignore[no-untyped-def]
    area = CooperationArea.objects.get(code="joint_feature")
    with pytest.raises(ValidationError) as refused:
        editing.edition_update(
            actor=staff, edition=edition, **_facts(edition, memorandum=memoranda["theirs"], area=area)
        )
    assert "memorandum" in refused.value.message_dict
    edition.refresh_from_db()
    assert edition.memorandum is None
    assert not MemorandumActivity.objects.filter(memorandum=memoranda["theirs"]).exists()


def test_an_editor_of_a_party_places_it_and_a_link_set_before_stays_for_other_staff(
    edition, staff, memoranda
):  # type: ignore[no-untyped-def]
    area = CooperationArea.objects.get(code="joint_feature")
    role = MembershipFactory(user=staff, institution=memoranda["kz"])
    staff = _fresh(staff)
    editing.edition_update(
        actor=staff, edition=edition, **_facts(edition, memorandum=memoranda["ours"], area=area)
    )
    assert MemorandumActivity.objects.filter(memorandum=memoranda["ours"]).count() == 1
    role.delete()
    staff = _fresh(staff)
    editing.edition_update(actor=staff, edition=edition, **_facts(edition, city="Aktau city"))
    edition.refresh_from_db()
    assert (edition.city, edition.memorandum) == ("Aktau city", memoranda["ours"])


def test_the_edit_page_offers_the_staffs_memoranda_and_the_editions_own(edition, staff, memoranda):  # type: ignore[no-untyped-def]
    offered = set(EditionForm(user=staff, initial={"memorandum": None}).fields["memorandum"].queryset)
    assert offered == set()
    MembershipFactory(user=staff, institution=memoranda["kz"])
    form = EditionForm(user=_fresh(staff), initial={"memorandum": memoranda["theirs"]})
    assert set(form.fields["memorandum"].queryset) == {memoranda["ours"], memoranda["theirs"]}
