"""An edition's dates in the order a festival team expects: the call for entries opens before it closes and
closes before the festival's first day, the results are announced once the call has opened (an edition
without a call: from its first day on); each refusal names its field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import Edition
from korkyt.festival.services import editing

pytestmark = pytest.mark.django_db

AKTAU = dt.timezone(dt.timedelta(hours=5))


def _facts(edition: Edition, **changes: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "city": edition.city,
        "country": str(edition.country),
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
        "results_at": edition.results_at,
    }
    facts.update(changes)
    return facts


def test_results_before_the_call_opens_are_refused_on_the_edit_page(edition: Edition, staff: Any) -> None:
    client = Client()
    client.force_login(staff)
    before = edition.results_at
    data = {
        "city": "Aktau",
        "country": "KZ",
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": edition.ends_on.isoformat(),
        "venues": "",
        "results_at": "2020-01-01T10:00",
        "notes": "",
        "source_url": "",
    }
    page = client.post(f"/en/festival/{edition.number}/edit/", data)
    assert page.status_code == 200
    assert "before the call for entries opens" in page.context["form"].errors["results_at"][0]
    edition.refresh_from_db()
    assert edition.results_at == before
    # any time after the call has opened, even before the festival, is the team's choice
    opened = edition.call.opens_at.astimezone(AKTAU) + dt.timedelta(hours=1)
    after_opening = {**data, "results_at": opened.strftime("%Y-%m-%dT%H:%M")}
    assert client.post(f"/en/festival/{edition.number}/edit/", after_opening).status_code == 302
    on_the_last_day = {**data, "results_at": f"{edition.ends_on.isoformat()}T19:00"}
    assert client.post(f"/en/festival/{edition.number}/edit/", on_the_last_day).status_code == 302


def test_the_festival_starts_after_its_call_closes(edition: Edition, staff: Any) -> None:
    last = edition.call.deadlines.order_by("-closes_at").first()
    early = last.closes_at.date() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        editing.edition_update(
            actor=staff, edition=edition, **_facts(edition, starts_on=early, results_at=None)
        )
    assert "starts_on" in err.value.message_dict
    assert "the festival's first day comes after it" in err.value.message_dict["starts_on"][0]
    with pytest.raises(ValidationError) as err:
        editing.edition_update(
            actor=staff,
            edition=edition,
            **_facts(edition, starts_on=edition.ends_on, ends_on=edition.starts_on),
        )
    assert "ends_on" in err.value.message_dict
    edition.refresh_from_db()
    assert edition.starts_on > early


def test_a_deadline_after_the_festival_starts_is_refused(edition: Edition, staff: Any) -> None:
    after = dt.datetime.combine(edition.starts_on, dt.time(12, 0), AKTAU)
    with pytest.raises(ValidationError) as err:
        services.call_open(
            actor=staff,
            edition=edition,
            opens_at=dt.datetime.now(dt.UTC),
            deadlines=[services.DeadlineData("early", after, 0)],
        )
    assert "festival's first day" in err.value.message_dict["deadlines"][0]
    with pytest.raises(ValidationError) as err:
        services.call_open(
            actor=staff,
            edition=edition,
            opens_at=after,
            deadlines=[services.DeadlineData("early", after - dt.timedelta(days=1), 0)],
        )
    assert "opens_at" in err.value.message_dict


def test_a_new_edition_announces_its_results_from_its_first_day(db: Any) -> None:
    with pytest.raises(ValidationError) as err:
        services.edition_create(
            actor=SYSTEM,
            number=9,
            city="Baku",
            country="AZ",
            starts_on=dt.date(2028, 9, 1),
            ends_on=dt.date(2028, 9, 5),
            results_at=dt.datetime(2028, 8, 31, 19, 59, tzinfo=dt.UTC),  # 31 Aug 23:59 in Baku
        )
    assert "results_at" in err.value.message_dict
    made = services.edition_create(
        actor=SYSTEM,
        number=9,
        city="Baku",
        country="AZ",
        starts_on=dt.date(2028, 9, 1),
        ends_on=dt.date(2028, 9, 5),
        results_at=dt.datetime(2028, 8, 31, 20, 0, tzinfo=dt.UTC),  # 1 Sep 00:00 in Baku
    )
    assert made.time_zone == "Asia/Baku"
