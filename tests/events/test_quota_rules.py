"""Country quotas in the editor: a country given twice is refused on its row (not one row silently
replacing the other), and so is a quota larger than the event's seats; nothing is saved then."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Event
from tests.events.conftest import make_event
from tests.events.test_editor import form_data, rows

pytestmark = pytest.mark.django_db


def _row_errors(html: str, prefix: str) -> str:
    """The HTML of the quota row whose inputs are named ``prefix-…`` (its fieldset)."""
    for fieldset in re.findall(r'<fieldset class="row-set">.*?</fieldset>', html, flags=re.S):
        if f'name="{prefix}-country"' in fieldset:
            return str(fieldset)
    raise AssertionError(prefix)


def test_the_service_refuses_a_country_given_twice_and_a_quota_above_the_seats(organiser: Any) -> None:
    event = make_event(organiser, capacity=20, quotas={"KZ": 2})
    spec = vars(services.event_spec(event))
    with pytest.raises(ValidationError) as refused:
        services.event_update(
            actor=organiser, event=event, **{**spec, "quotas": [("KZ", 2), ("TM", 5), ("KZ", 3)]}
        )
    assert refused.value.message_dict == {
        "quotas[2].country": ["Kazakhstan is listed twice; give each country one quota."]
    }
    with pytest.raises(ValidationError) as refused:
        services.event_update(actor=organiser, event=event, **{**spec, "quotas": [("TM", 500)]})
    assert refused.value.message_dict == {
        "quotas[0].limit": ["A quota cannot be larger than the event's seats (20)."]
    }
    assert {str(q.country): q.limit for q in event.bookable.quotas.all()} == {"KZ": 2}  # nothing saved
    with pytest.raises(ValidationError) as refused:  # the seats of a session count: 12 here
        services.event_create(
            actor=organiser,
            **{
                **spec,
                "capacity": 30,
                "quotas": {"KZ": 13},
                "sessions": [
                    services.SessionData(**{**vars(spec["sessions"][0]), "id": None, "capacity": 12})
                ],
            },
        )
    assert list(refused.value.message_dict) == ["quotas[0].limit"]
    assert Event.objects.count() == 1
    services.event_update(actor=organiser, event=event, **{**spec, "quotas": [("KZ", 3), ("TM", 20)]})
    assert {str(q.country): q.limit for q in event.bookable.quotas.all()} == {"KZ": 3, "TM": 20}
    with pytest.raises(ValidationError) as refused:  # the limit for every country, likewise
        services.event_update(actor=organiser, event=event, **{**spec, "per_country_limit": 21})
    assert refused.value.message_dict == {
        "per_country_limit": ["Seats per country cannot be more than the event's seats (20)."]
    }
    event.bookable.refresh_from_db()
    assert event.bookable.per_country_limit == spec["per_country_limit"]


def test_the_editor_names_the_duplicate_country_and_the_quota_above_the_seats_on_their_rows(
    client: Client, organiser: Any
) -> None:
    client.force_login(organiser)
    data = form_data(
        capacity="20", **rows("quotas", [{"country": "KZ", "limit": "2"}, {"country": "KZ", "limit": "3"}])
    )
    answer = client.post("/en/events/new/", data)
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "Nothing was saved" in html
    assert "Kazakhstan is listed twice" not in _row_errors(html, "quotas-0")
    assert "Kazakhstan is listed twice; give each country one quota." in _row_errors(html, "quotas-1")
    assert not Event.objects.exists()

    assert client.post("/en/events/new/", form_data(capacity="20")).status_code == 302
    event = Event.objects.get()
    texts = [{"language": t.language, "title": t.title} for t in event.translations.all()]
    quotas = [{"country": "KZ", "limit": "500"}, {"country": "TM", "limit": "5"}]
    data = form_data(capacity="20", **rows("texts", texts, initial=3), **rows("quotas", quotas, initial=1))
    answer = client.post(f"/en/events/{event.pk}/edit/", data)
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "A quota cannot be larger than the event&#x27;s seats (20)." in _row_errors(html, "quotas-0")
    assert "A quota cannot" not in _row_errors(html, "quotas-1")
    assert {str(q.country): q.limit for q in event.bookable.quotas.all()} == {"KZ": 10}  # as first saved
