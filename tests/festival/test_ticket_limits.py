"""The ticket limits' refusals name the limit broken, and the ticket currency is an ISO 4217 code."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from korkyt.events import booking
from korkyt.festival.programme import services, tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _policy(edition: Any, staff: Any, **values: Any) -> Any:
    rules: dict[str, Any] = {
        "per_person": 2,
        "per_day": 3,
        "held_release_min": 60,
        "currency": "KZT",
        "section_prices": {},
    }
    rules.update(values)
    return tickets.policy_set(actor=staff, edition=edition, **rules)


@pytest.fixture
def on_sale(grid: Any, staff: Any) -> Screening:
    services.propose(edition_id=grid.pk, time_limit=5)
    _policy(grid, staff)
    services.publish(actor=staff, edition=grid)
    return Screening.objects.filter(edition=grid, kind="public").first()


def test_seats_past_the_limit_per_person_are_refused_for_that_limit(on_sale: Screening) -> None:
    person = UserFactory()
    with translation.override("en"), pytest.raises(booking.BookingError) as err:
        tickets.book(screening=on_sale, user=person, seats=5)
    assert err.value.code == "per_person_limit"
    assert "Book between 1 and 2 seats." in str(err.value)
    assert "a day" not in str(err.value)
    assert tickets.book(screening=on_sale, user=person, seats=2).seats == 2


@pytest.mark.parametrize("code", ["ZZZ", "ABC", "XXX", "SUR"])
def test_a_currency_that_is_not_iso_4217_in_use_is_refused(grid: Any, staff: Any, code: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as err:
        _policy(grid, staff, currency=code)
    assert "currency" in err.value.message_dict
    assert code in " ".join(err.value.message_dict["currency"])


@pytest.mark.parametrize("code", ["KZT", "eur", " try ", "TMT"])
def test_iso_4217_currencies_are_taken(grid: Any, staff: Any, code: str) -> None:
    assert _policy(grid, staff, currency=code).currency == code.strip().upper()
