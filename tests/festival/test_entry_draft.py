"""A producer saves an entry as a draft from the submission form, comes back to its page and sends it from
there (with a waiver code if they have one); the draft's page offers the sending only to its entrant, and a
draft sent twice (the Back button) is not sent again. A draft made through the API is sent the same way."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from korkyt.festival import services
from korkyt.festival.models import Call, Submission
from tests.factories import InstitutionFactory, UserFactory
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**changes: str) -> dict[str, str]:
    data = {
        "section": "feature",
        "film": "",
        "new_title": "Ala-Too tünü",
        "new_language": "ky-Latn",
        "new_year": "2025",
        "new_countries": "KG",
        "new_directors": "Aibek Daiyrbekov",
        "premiere": "none",
        "runtime": "95",
        "screener_url": "https://vimeo.com/7",
        "screener_password": "pw",
    }
    return {**data, **changes}


@pytest.fixture
def draft(feature: Any, agency_kg: Any, producer: Any) -> Submission:
    return services.submission_create(
        actor=producer, section=feature, film=make_film(agency_kg, "A draft film")
    )


def test_the_submission_form_saves_a_draft_that_is_not_sent(
    feature: Any, producer: Any, edition: Any
) -> None:
    edition.organisers.add(InstitutionFactory(code="KZ-SC", country="KZ"))  # it catalogues new films
    client = _as(producer)
    page = client.get("/en/festival/6/submit/").content.decode()
    assert 'name="draft"' in page
    # a new film's title in the other alphabet than its language's is named under the title, nothing kept
    wrong = client.post("/en/festival/6/submit/", _form(draft="1", new_language="ky-Cyrl"))
    assert "Latin letters, not those of Kyrgyz (Cyrillic)" in " ".join(
        wrong.context["form"].errors["new_title"]
    )
    assert not Submission.objects.exists()
    response = client.post("/en/festival/6/submit/", _form(draft="1"), follow=True)
    sub = Submission.objects.get(submitted_by=producer)
    assert sub.status == "draft" and sub.submitted_at is None
    assert response.redirect_chain[-1][0] == f"/en/festival/submissions/{sub.pk}/"
    assert "Saved as a draft" in response.content.decode()


def test_the_draft_is_sent_from_its_page(draft: Submission, producer: Any) -> None:
    client = _as(producer)
    page = client.get(f"/en/festival/submissions/{draft.pk}/").content.decode()
    assert 'name="transition" value="submit"' in page
    response = client.post(
        f"/en/festival/submissions/{draft.pk}/decide", {"transition": "submit"}, follow=True
    )
    draft.refresh_from_db()
    assert draft.status not in ("draft", "submitted") and draft.submitted_at is not None
    assert "The film is entered in" in response.content.decode()
    # Back, then the same button again: nothing is sent twice, and the page says why
    again = client.post(f"/en/festival/submissions/{draft.pk}/decide", {"transition": "submit"}, follow=True)
    assert "is not possible in the state" in again.content.decode()
    assert 'value="submit"' not in again.content.decode()


def test_a_draft_is_sent_with_a_waiver_code(draft: Submission, producer: Any) -> None:
    client = _as(producer)
    client.post(
        f"/en/festival/submissions/{draft.pk}/decide", {"transition": "submit", "waiver_code": "TURKSOY26"}
    )
    draft.refresh_from_db()
    assert draft.status != "draft" and draft.waiver is not None


def test_a_wrong_waiver_code_is_said_under_its_field_and_the_draft_stays(
    draft: Submission, producer: Any
) -> None:
    response = _as(producer).post(
        f"/en/festival/submissions/{draft.pk}/decide", {"transition": "submit", "waiver_code": "NOPE"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This waiver code is unknown or used up." in page and 'value="NOPE"' in page
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_draft_past_the_deadline_is_refused_with_the_reason(
    draft: Submission, producer: Any, edition: Any
) -> None:
    call = Call.objects.get(edition=edition)
    call.deadlines.update(closes_at=timezone.now() - timezone.timedelta(days=1))
    response = _as(producer).post(
        f"/en/festival/submissions/{draft.pk}/decide", {"transition": "submit"}, follow=True
    )
    assert "late entries are refused" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_only_the_entrant_sends_the_draft(draft: Submission, staff: Any) -> None:
    other = UserFactory()
    assert (
        _as(other).post(f"/en/festival/submissions/{draft.pk}/decide", {"transition": "submit"}).status_code
        == 404
    )
    page = _as(staff).get(f"/en/festival/submissions/{draft.pk}/").content.decode()
    assert 'value="submit"' not in page
    _as(staff).post(f"/en/festival/submissions/{draft.pk}/decide", {"transition": "submit"})
    draft.refresh_from_db()
    assert draft.status == "draft"
