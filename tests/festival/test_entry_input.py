"""Entries given hostile input: screener fields longer than their columns, the same film entered twice at
once (a double click). Each is refused with a reason naming the field, on the page, in the API and by the
service, never by the database (a 500)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.festival import services
from korkyt.festival.models import Submission
from korkyt.festival.services import submissions as entries
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db

LONG_URL = "https://v.example/" + "a" * 600


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_service_refuses_screener_fields_longer_than_their_columns(
    feature: Any, agency_kg: Any, producer: Any, kg_editor: Any
) -> None:
    film = make_film(agency_kg)
    with pytest.raises(ValidationError) as exc:
        services.submission_create(actor=producer, section=feature, film=film, screener_url=LONG_URL)
    assert exc.value.message_dict == {"screener_url": ["The address is too long: at most 500 characters."]}
    with pytest.raises(ValidationError) as exc:
        services.nomination_create(
            actor=kg_editor, section=feature, film=film, agency=agency_kg, screener_password="p" * 201
        )
    assert exc.value.message_dict == {"screener_password": ["At most 200 characters."]}
    assert not Submission.objects.exists()
    sub = services.submission_create(actor=producer, section=feature, film=film, screener_password="p" * 200)
    with pytest.raises(ValidationError) as exc:
        services.submission_update(actor=producer, submission=sub, screener_url=LONG_URL)
    assert exc.value.message_dict == {"screener_url": ["The address is too long: at most 500 characters."]}
    with pytest.raises(ValidationError) as exc:
        services.submission_update(actor=producer, submission=sub, screener_password="p" * 201)
    assert "screener_password" in exc.value.message_dict
    sub.refresh_from_db()
    assert sub.screener_url == "" and sub.screener_password == "p" * 200


def test_the_submit_page_refuses_a_screener_link_longer_than_its_column(
    feature: Any, agency_kg: Any, producer: Any
) -> None:
    film = make_film(agency_kg)
    form = {"section": "feature", "film": film.pk, "premiere": "none", "screener_url": LONG_URL}
    response = _as(producer).post("/en/festival/6/submit/", form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["screener_url"]
    assert "at most 500 characters" in errors["screener_url"][0]
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("screener_url", LONG_URL), ("screener_password", "p" * 201), ("waiver_code", "W" * 41)],
)
def test_the_api_refuses_screener_fields_longer_than_their_columns(
    feature: Any, agency_kg: Any, producer: Any, field: str, value: str
) -> None:
    film = make_film(agency_kg)
    body = {"section": feature.pk, "film": film.pk, "submit": True, field: value}
    response = _as(producer).post("/api/festival/submissions", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not Submission.objects.exists()


def test_a_film_entered_twice_at_once_is_refused_as_entered_already(
    feature: Any, agency_kg: Any, producer: Any, kg_editor: Any, monkeypatch: Any
) -> None:
    """The second of two requests sent together: its check ran before the first one's entry was written
    (made so here by hiding the entry from the check); the database's uniqueness answers for it."""
    film = make_film(agency_kg)
    services.submission_create(actor=producer, section=feature, film=film)
    monkeypatch.setattr(entries, "_entered_already", lambda section, film: False)
    with pytest.raises(ValidationError) as exc:
        services.submission_create(actor=producer, section=feature, film=film)
    assert exc.value.message_dict == {"film": ["This film is entered in this section already."]}
    with pytest.raises(ValidationError) as exc:
        services.nomination_create(actor=kg_editor, section=feature, film=film, agency=agency_kg)
    assert exc.value.message_dict == {"film": ["This film is entered in this section already."]}
    assert Submission.objects.filter(film=film).count() == 1


def test_a_double_click_on_the_submit_page_and_the_api_is_answered_not_a_500(
    feature: Any, agency_kg: Any, producer: Any, monkeypatch: Any
) -> None:
    film = make_film(agency_kg)
    form = {"section": "feature", "film": film.pk, "premiere": "none", "screener_url": "https://v.example/d"}
    assert _as(producer).post("/en/festival/6/submit/", form).status_code == 302
    monkeypatch.setattr(entries, "_entered_already", lambda section, film: False)
    response = _as(producer).post("/en/festival/6/submit/", form)
    assert response.status_code == 200
    assert response.context["form"].errors == {"film": ["This film is entered in this section already."]}
    body = {"section": feature.pk, "film": film.pk}
    response = _as(producer).post("/api/festival/submissions", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "film", "message": "This film is entered in this section already."}
    ]
    assert Submission.objects.filter(film=film).count() == 1


def test_an_api_entry_refused_when_sent_keeps_nothing_and_can_be_sent_again(
    feature: Any, agency_kg: Any, producer: Any
) -> None:
    """``submit`` with a waiver code that is unknown: refused (422) and no draft is left behind, so the
    corrected request is not refused as entered already."""
    film = make_film(agency_kg)
    body = {"section": feature.pk, "film": film.pk, "submit": True, "waiver_code": "NO-SUCH-CODE"}
    client = _as(producer)
    response = client.post("/api/festival/submissions", body, content_type="application/json")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["waiver_code"]
    assert not Submission.objects.exists()
    body["waiver_code"] = "TURKSOY26"
    response = client.post("/api/festival/submissions", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Submission.objects.get().status != "draft"


def _key(page: str) -> str:
    import re

    found = re.search(r'name="once" value="([^"]+)"', page)
    assert found, "the form carries no one-time key"
    return found.group(1)


def test_a_direct_entry_sent_again_after_back_leads_to_the_entry_made(
    feature: Any, agency_kg: Any, producer: Any
) -> None:
    film = make_film(agency_kg)
    client = _as(producer)
    key = _key(client.get("/en/festival/6/submit/").content.decode())
    form = {"section": "feature", "film": film.pk, "premiere": "none", "once": key}
    first = client.post("/en/festival/6/submit/", form)
    sub = Submission.objects.get(film=film)
    assert first.status_code == 302 and first["Location"] == f"/en/festival/submissions/{sub.pk}/"
    again = client.post("/en/festival/6/submit/", form)  # Back, then Send
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert "This form was sent before" in client.get(again["Location"]).content.decode()
    assert Submission.objects.filter(film=film).count() == 1


def test_a_refused_direct_entry_frees_its_key(feature: Any, agency_kg: Any, producer: Any) -> None:
    film = make_film(agency_kg)
    client = _as(producer)
    key = _key(client.get("/en/festival/6/submit/").content.decode())
    form = {"section": "feature", "film": film.pk, "premiere": "none", "once": key, "waiver_code": "NO-SUCH"}
    refused = client.post("/en/festival/6/submit/", form)
    assert refused.status_code == 200 and "waiver_code" in refused.context["form"].errors
    assert not Submission.objects.exists()
    form["waiver_code"] = ""
    assert client.post("/en/festival/6/submit/", form).status_code == 302
    assert Submission.objects.filter(film=film).count() == 1


def test_a_nomination_sent_again_after_back_makes_one(feature: Any, agency_kg: Any, kg_editor: Any) -> None:
    film = make_film(agency_kg, "Nominated twice")
    client = _as(kg_editor)
    key = _key(client.get("/en/festival/6/nominations/").content.decode())
    form = {"section": "feature", "film": film.pk, "premiere": "none", "once": key}
    first = client.post("/en/festival/6/nominations/", form)
    again = client.post("/en/festival/6/nominations/", form)
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert Submission.objects.filter(film=film).count() == 1
