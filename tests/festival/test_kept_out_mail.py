"""An entry kept out by the eligibility check while its entrant is not looking (an agency head signs a
nomination off, the programmers check the entries again) is told to the entrant by mail, in their
language; the entrant who sends the entry sees why on the page and gets no mail."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.festival import notifications, services
from korkyt.festival.services.submissions import eligibility_recheck
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch: Any) -> list[dict[str, Any]]:
    outbox: list[dict[str, Any]] = []
    monkeypatch.setattr(notifications, "mail_queue", lambda **kw: outbox.append(kw))
    return outbox


def test_a_nomination_found_ineligible_at_sign_off_is_told_to_its_nominator(
    feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, sent: list[dict[str, Any]]
) -> None:
    kg_editor.email, kg_editor.language = "editor@example.kg", "ru"
    kg_editor.save()
    sub = services.nomination_create(
        actor=kg_editor,
        section=feature,
        film=make_film(agency_kg, tracks=["tr"]),  # no subtitles the section accepts
        agency=agency_kg,
        screener_url="https://v.example/1",
    )
    services.nomination_sign_off(actor=kg_head, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "ineligible"
    (message,) = sent
    assert message["to"] == ["editor@example.kg"]
    assert message["subject"].startswith("Заявка требует внимания: ")
    assert f"/ru/festival/submissions/{sub.pk}/" in message["body"]
    eligibility_recheck(edition_id=feature.edition_id)  # still ineligible: nothing new to tell
    assert len(sent) == 1


def test_the_entrant_who_sends_an_ineligible_entry_reads_it_on_the_page_not_by_mail(
    feature: Any, agency_kg: Any, producer: Any, sent: list[dict[str, Any]]
) -> None:
    producer.email = "producer@example.org"
    producer.save()
    sub = services.submission_create(
        actor=producer,
        section=feature,
        film=make_film(agency_kg, tracks=["tr"]),
        screener_url="https://v.example/2",
    )
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "ineligible" and sent == []
