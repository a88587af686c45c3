"""The coverage page's rows per memorandum name only memoranda their reader may see: a draft memorandum
stays with the members of its parties."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.accounts.models import Role
from korkyt.localization import coverage, services
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider_job(world: Any) -> Any:
    """A job under KZ-A and TR-C's memorandum translated by someone of a third institution."""
    uz = InstitutionFactory(code="UZ-X", country="UZ")
    translator = MembershipFactory(
        user=UserFactory(username="uz_translator"), institution=uz, role=Role.TRANSLATOR
    ).user
    return services.job_order(
        actor=world["users"]["kz_editor"],
        source=world["track"],
        target_language="uz-Latn",
        assignee=translator,
        reviewer=world["users"]["reviewer"],
        memorandum=world["memo"],
        enqueue=False,
    )


def memoranda_seen(user: Any) -> list[int]:
    return [row["memorandum_id"] for row in coverage.coverage(user=user).memoranda]


def test_a_draft_memorandum_is_not_told_to_a_translator_outside_its_parties(world: Any, outsider_job: Any):
    memo, translator = world["memo"], outsider_job.assignee
    assert memoranda_seen(translator) == [memo.pk]  # signed: everybody may see it
    memo.status = "draft"
    memo.save(update_fields=["status"])
    assert memoranda_seen(translator) == []
    assert memoranda_seen(world["users"]["kz_editor"]) == [memo.pk]  # a party's member still sees it


def test_the_coverage_page_of_the_outsider_names_no_draft_memorandum(world: Any, outsider_job: Any, client):
    memo = world["memo"]
    memo.status = "draft"
    memo.save(update_fields=["status"])
    client.force_login(outsider_job.assignee)
    page = client.get("/en/localization/coverage/").content.decode()
    assert f"/memoranda/{memo.pk}/" not in page
    assert "No jobs linked to a memorandum that you can see." in page
