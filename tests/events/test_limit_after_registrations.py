"""A per-country limit or a quota set after people registered counts the seats each country already
holds: below them it is refused, and the counters start from them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from korkyt.events import booking, services
from korkyt.events.models import Event, Quota
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _three_kazakhs(organiser: Any) -> Event:
    event = make_event(organiser, capacity=10)
    for _ in range(3):
        services.registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    return Event.objects.get(pk=event.pk)


@pytest.mark.parametrize(
    ("change", "field"), [({"per_country_limit": 1}, "per_country_limit"), ({"quotas": {"KZ": 1}}, "quotas")]
)
def test_a_limit_below_the_seats_a_country_holds_is_refused(
    organiser: Any, change: dict[str, Any], field: str
) -> None:
    event = _three_kazakhs(organiser)
    spec = vars(services.event_spec(event))
    with pytest.raises(ValidationError) as refused:
        services.event_update(actor=organiser, event=event, **{**spec, **change})
    assert refused.value.message_dict == {
        field: ["Kazakhstan already holds 3 seats; its limit cannot be lower."]
    }
    assert not Quota.objects.filter(limit__isnull=False).exists()


@pytest.mark.parametrize("change", [{"per_country_limit": 3}, {"quotas": {"KZ": 3}}])
def test_a_limit_set_later_counts_the_seats_already_held(organiser: Any, change: dict[str, Any]) -> None:
    event = _three_kazakhs(organiser)
    spec = vars(services.event_spec(event))
    services.event_update(actor=organiser, event=event, **{**spec, **change})
    assert Quota.objects.get(country="KZ").used == 3
    fourth = services.registration_create(
        actor=UserFactory(), event=event, answers=country_answer(event, "KZ")
    )
    assert fourth.status == "waitlisted"
    assert booking.free_seats(Event.objects.get(pk=event.pk).bookable) == 7
