"""The entrant adds or changes the screener on the entry's page while the entry may change: an incomplete
entry is then checked again; the link is checked as on submission; My submissions links each entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.festival import services
from korkyt.festival.models import Submission
from tests.factories import UserFactory
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def incomplete(feature: Any, agency_kg: Any, producer: Any) -> Submission:
    film = make_film(agency_kg, "No screener")
    sub = services.submission_create(actor=producer, section=feature, film=film)
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert "screener_missing" in {r["code"] for r in sub.eligibility}
    return sub


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_entrant_adds_the_screener_and_the_entry_is_checked_again(
    incomplete: Submission, producer: Any
) -> None:
    client = _as(producer)
    page = client.get(f"/en/festival/submissions/{incomplete.pk}/").content.decode()
    assert f'action="/en/festival/submissions/{incomplete.pk}/screener"' in page
    assert 'name="screener_url"' in page and 'name="screener_password"' in page
    form = {"screener_url": "https://vimeo.com/42", "screener_password": "aral"}
    response = client.post(f"/en/festival/submissions/{incomplete.pk}/screener", form, follow=True)
    assert "The screener is saved." in response.content.decode()
    incomplete.refresh_from_db()
    assert (incomplete.screener_url, incomplete.screener_password) == ("https://vimeo.com/42", "aral")
    assert "screener_missing" not in {r["code"] for r in incomplete.eligibility}
    assert incomplete.status != "incomplete"


@pytest.mark.parametrize("url", ["ftp://example.org/film", "javascript:alert(1)", "https://x/" + "a" * 600])
def test_a_bad_screener_link_is_refused(incomplete: Submission, producer: Any, url: str) -> None:
    response = _as(producer).post(
        f"/en/festival/submissions/{incomplete.pk}/screener", {"screener_url": url}, follow=True
    )
    assert response.status_code == 200
    incomplete.refresh_from_db()
    assert incomplete.screener_url == "" and incomplete.status == "incomplete"


@pytest.mark.parametrize("url", ["not a link", "ftp://example.org/film"])
def test_a_refused_screener_is_shown_under_its_field_with_what_was_typed(
    incomplete: Submission, producer: Any, url: str
) -> None:
    client = _as(producer)
    form = {"screener_url": url, "screener_password": "aral"}
    response = client.post(f"/en/festival/submissions/{incomplete.pk}/screener", form)
    assert response.status_code == 200
    errors = response.context["screener_form"].errors
    assert list(errors) == ["screener_url"]
    page = response.content.decode()
    assert f'value="{url}"' in page and 'value="aral"' in page
    assert 'id="id_screener_url_error"' in page
    # the browser leaves the check to the server, which answers in the page's language
    assert 'id="screener" class="stack" novalidate' in page
    assert "novalidate" in client.get(f"/en/festival/submissions/{incomplete.pk}/").content.decode()
    incomplete.refresh_from_db()
    assert incomplete.screener_url == "" and incomplete.status == "incomplete"


def test_a_screener_link_without_its_scheme_is_taken_as_https(incomplete: Submission, producer: Any) -> None:
    """The browser does not refuse it first (the form is not checked by the browser): the page reads it."""
    client = _as(producer)
    client.post(f"/en/festival/submissions/{incomplete.pk}/screener", {"screener_url": "vimeo.com/555"})
    incomplete.refresh_from_db()
    assert incomplete.screener_url == "https://vimeo.com/555"


def test_only_the_entrant_and_only_while_the_entry_may_change(
    incomplete: Submission, producer: Any, staff: Any
) -> None:
    url = f"/en/festival/submissions/{incomplete.pk}/screener"
    form = {"screener_url": "https://vimeo.com/1"}
    assert _as(UserFactory()).post(url, form).status_code == 404
    assert _as(staff).post(url, form).status_code == 404
    assert (
        'name="screener_url"'
        not in _as(staff).get(f"/en/festival/submissions/{incomplete.pk}/").content.decode()
    )
    services.submission_decide(actor=staff, submission=incomplete, name="admit")
    assert _as(producer).post(url, form).status_code == 404
    page = _as(producer).get(f"/en/festival/submissions/{incomplete.pk}/").content.decode()
    assert 'name="screener_url"' not in page
    incomplete.refresh_from_db()
    assert incomplete.screener_url == ""


def test_my_submissions_links_each_entry(incomplete: Submission, producer: Any) -> None:
    page = _as(producer).get("/en/festival/mine/").content.decode()
    assert f'href="/en/festival/submissions/{incomplete.pk}/"' in page


# ---- the same through the API: PATCH /api/festival/submissions/{id} -------------------------------


def _patch(user: Any, sub: Submission, body: dict[str, Any]) -> Any:
    return _as(user).patch(f"/api/festival/submissions/{sub.pk}", body, content_type="application/json")


def test_the_api_adds_the_screener_and_sends_the_entry_again(incomplete: Submission, producer: Any) -> None:
    response = _patch(
        producer, incomplete, {"screener_url": "https://vimeo.com/42", "screener_password": "aral"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] != "incomplete"
    incomplete.refresh_from_db()
    assert (incomplete.screener_url, incomplete.screener_password) == ("https://vimeo.com/42", "aral")
    assert "screener_missing" not in {r["code"] for r in incomplete.eligibility}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"screener_url": "ftp://example.org/film"}, "screener_url"),
        ({"screener_url": "https://x/" + "a" * 600}, "screener_url"),
        ({"screener_password": "p" * 201}, "screener_password"),
        ({"runtime": 0}, "runtime"),
        ({"premiere": "galactic"}, "premiere"),
        ({"screener_url": "https://vimeo.com/1", "typo": 1}, "typo"),
    ],
)
def test_the_api_refuses_a_bad_change_and_keeps_nothing(
    incomplete: Submission, producer: Any, body: dict[str, Any], field: str
) -> None:
    response = _patch(producer, incomplete, body)
    assert response.status_code == 422, response.content
    assert field in str(response.json())
    incomplete.refresh_from_db()
    assert incomplete.screener_url == "" and incomplete.status == "incomplete"


def test_the_api_change_is_the_entrant_s_and_only_while_the_entry_may_change(
    incomplete: Submission, producer: Any, staff: Any
) -> None:
    body = {"screener_url": "https://vimeo.com/1"}
    assert _patch(UserFactory(), incomplete, body).status_code == 404
    assert _patch(staff, incomplete, body).status_code == 403
    services.submission_decide(actor=staff, submission=incomplete, name="admit")
    response = _patch(producer, incomplete, body)
    assert response.status_code == 422 and "status" in str(response.json())
    incomplete.refresh_from_db()
    assert incomplete.screener_url == ""


def test_a_change_the_closed_call_refuses_to_send_again_keeps_nothing_unless_asked(
    incomplete: Submission, producer: Any
) -> None:
    call = incomplete.section.edition.call
    call.is_open = False
    call.save()
    body = {"screener_url": "https://vimeo.com/42"}
    refused = _patch(producer, incomplete, body)
    assert refused.status_code == 422, refused.content
    incomplete.refresh_from_db()
    assert incomplete.screener_url == "" and incomplete.status == "incomplete"
    kept = _patch(producer, incomplete, {**body, "resubmit": False})
    assert kept.status_code == 200 and kept.json()["status"] == "incomplete"
    incomplete.refresh_from_db()
    assert incomplete.screener_url == "https://vimeo.com/42"


def test_the_list_of_entries_reads_a_country_in_either_case_and_names_an_unknown_filter(
    incomplete: Submission, producer: Any
) -> None:
    client = _as(producer)
    country = incomplete.country.code
    for value in (country.upper(), country.lower()):
        body = client.get(f"/api/festival/submissions?country={value}").json()
        assert [r["id"] for r in body["results"]] == [incomplete.pk], value
    for name in ("section", "status"):
        response = client.get(f"/api/festival/submissions?{name}=zzz")
        assert response.status_code == 422 and name in str(response.json()["errors"])
    assert client.get("/api/festival/submissions?status=incomplete&section=feature").json()["count"] == 1
