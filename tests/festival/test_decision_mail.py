"""The programmers' decision is told to the entrant in their own language, with a link to the entry in it;
a deactivated account, or one without an address, is not written to."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.festival import services
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    return sub


def test_the_entrant_is_told_of_the_selection_in_their_language(
    entry: Any, staff: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    entrant = entry.submitted_by
    entrant.email, entrant.language = "entrant@example.kg", "ky"
    entrant.save(update_fields=["email", "language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_decide(actor=staff, submission=entry, name="select")
    (sent,) = [m for m in mailoutbox if m.to == ["entrant@example.kg"]]
    assert sent.subject == "Тандалды: Film", sent.subject  # "Selected" in Kyrgyz
    assert f"/ky/festival/submissions/{entry.pk}/" in sent.body


@pytest.mark.parametrize("account", ["deactivated", "no address"])
def test_nobody_is_written_to_through_a_deactivated_account_or_without_an_address(
    entry: Any, staff: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any, account: str
) -> None:
    entrant = entry.submitted_by
    entrant.email = "" if account == "no address" else "entrant@example.kg"
    entrant.is_active = account != "deactivated"
    entrant.save(update_fields=["email", "is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_decide(actor=staff, submission=entry, name="select")
    assert [m for m in mailoutbox if "Film" in m.subject] == []
