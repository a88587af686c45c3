"""An agency's editor who also produces a project does not decide on it for the agency: the independent
check of each partner country's authority stays independent. Another editor of the agency decides; the
refusal says why, on the page and in the API, and the project stays waiting."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from korkyt.accounts.models import Role
from korkyt.accounts.services import role_grant, token_create
from korkyt.coproduction import services
from korkyt.coproduction.models import ProjectStatus
from korkyt.core.permissions import SYSTEM
from tests.coproduction.conftest import animated_project
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(people, agencies):  # type: ignore[no-untyped-def]
    """The animated project, produced by the producer and by the KZ agency's editor, submitted."""
    project = animated_project(people["producer"])
    role_grant(actor=SYSTEM, user=people["kz_agency"], role=Role.PRODUCER, scope=project)
    services.project_submit(actor=people["producer"], project=project)
    return project


def test_a_producing_editor_cannot_decide_for_the_agency(people, agencies, submitted) -> None:
    review = submitted.reviews.get(country="KZ")
    editor = people["kz_agency"]
    assert not editor.has_perm("coproduction.review_project", review)
    with pytest.raises((ValidationError, PermissionDenied)) as refused:
        services.review_decide(actor=editor, review=review, decision="approve")
    if isinstance(refused.value, ValidationError):
        assert "You produce this project" in str(refused.value.message_dict["decision"])
    review.refresh_from_db()
    submitted.refresh_from_db()
    assert review.status == "pending" and submitted.status == ProjectStatus.SUBMITTED

    # the API refuses, in words, and nothing changes
    token = token_create(user=editor, name="t")[1]
    answer = Client().post(
        f"/api/coproductions/{submitted.pk}/reviews/KZ",
        {"decision": "approve"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code in (403, 422), answer.content
    review.refresh_from_db()
    assert review.status == "pending"

    # the page offers no decision to them
    client = Client()
    client.force_login(editor)
    page = client.get(f"/en/coproductions/{submitted.pk}/").content.decode()
    assert "Record the decision" not in page


def test_the_service_names_the_reason_when_asked_directly(people, agencies, submitted) -> None:
    """Even a caller that skips the permission check gets the reason (the service checks it itself)."""
    review = submitted.reviews.get(country="KZ")
    with pytest.raises(ValidationError) as refused:
        services.review_decide.__wrapped__(  # type: ignore[attr-defined]
            actor=people["kz_agency"], review=review, decision="approve"
        )
    assert "another editor of the authority decides" in str(refused.value.message_dict["decision"])


def test_another_editor_of_the_agency_decides(people, agencies, submitted) -> None:
    colleague = MembershipFactory(user=UserFactory(username="kz_colleague"), institution=agencies["KZ"]).user
    review = submitted.reviews.get(country="KZ")
    assert colleague.has_perm("coproduction.review_project", review)
    services.review_decide(actor=colleague, review=review, decision="approve")
    review.refresh_from_db()
    assert review.status == "approved"
    client = Client()
    client.force_login(people["az_agency"])
    page = client.get(f"/en/coproductions/{submitted.pk}/").content.decode()
    assert "Record the decision" in page  # the AZ agency, which does not produce it, still decides
