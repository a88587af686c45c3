"""The edges of an entry's draft: a nomination is sent by its sign-off, never from its page; a draft is not
kept once the call is past its last deadline (the message would promise a sending that can only be
refused); a waiver code typed while saving a draft is said not to be kept; an entry kept out already is
not told again when someone else sends it anew."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from korkyt.festival import notifications, services
from korkyt.festival.models import Call, Submission
from tests.factories import InstitutionFactory
from tests.festival.conftest import make_film
from tests.festival.test_entry_draft import _form

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_nomination_s_draft_page_offers_no_sending(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    sub = services.nomination_create(
        actor=kg_editor,
        section=feature,
        film=make_film(agency_kg),
        agency=agency_kg,
        screener_url="https://v.example/1",
    )
    for who in (kg_editor, kg_head):
        page = _as(who).get(f"/en/festival/submissions/{sub.pk}/").content.decode()
        assert 'name="transition" value="submit"' not in page, who.username


def test_no_draft_is_kept_once_the_call_is_past_its_last_deadline(
    feature: Any, producer: Any, edition: Any
) -> None:
    edition.organisers.add(InstitutionFactory(code="KZ-SC", country="KZ"))
    Call.objects.get(edition=edition).deadlines.update(closes_at=timezone.now() - timezone.timedelta(days=1))
    response = _as(producer).post("/en/festival/6/submit/", _form(draft="1"))
    assert not Submission.objects.filter(submitted_by=producer).exists()
    page = response.content.decode()
    assert "has passed: late entries are refused" in page and "Saved as a draft" not in page
    assert 'value="Ala-Too tünü"' in page  # the form comes back as typed


def test_a_waiver_code_typed_while_saving_a_draft_is_said_not_to_be_kept(
    feature: Any, producer: Any, edition: Any
) -> None:
    edition.organisers.add(InstitutionFactory(code="KZ-SC", country="KZ"))
    response = _as(producer).post(
        "/en/festival/6/submit/", _form(draft="1", waiver_code="TURKSOY26"), follow=True
    )
    sub = Submission.objects.get(submitted_by=producer)
    assert sub.status == "draft" and sub.waiver is None
    assert "A draft keeps no waiver code: give it again as you send the entry." in response.content.decode()


def test_an_entry_kept_out_already_is_not_told_again_when_sent_anew(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, monkeypatch: Any
) -> None:
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(notifications, "mail_queue", lambda **kw: sent.append(kw))
    kg_editor.email = "editor@example.kg"
    kg_editor.save()
    sub = services.nomination_create(
        actor=kg_editor,
        section=feature,
        film=make_film(agency_kg, tracks=["tr"]),
        agency=agency_kg,
        screener_url="https://v.example/1",
    )
    services.nomination_sign_off(actor=kg_head, submission=sub)
    assert len(sent) == 1
    response = _as(kg_head).post(
        f"/en/festival/submissions/{sub.pk}/screener",
        {"screener_url": "https://v.example/2", "screener_password": "x"},
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "ineligible" and len(sent) == 1
