"""The grid page and its services against hostile or out-of-range input: ids that are not numbers (404, as
an unknown id), seats past any room, names longer than the records hold (a form error, never a 500)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from korkyt.festival.programme import services, venues
from korkyt.festival.programme.models import Room, Screening, Venue
from tests.festival.test_programme import grid  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

HOSTILE = ["abc", "-1", "0", "1.5", "²", "99999999999999999999", "1e3", " "]


@pytest.fixture
def planned(grid: Any) -> Any:  # noqa: F811
    services.propose(edition_id=grid.pk, time_limit=5)
    return grid


def _staff(staff: Any) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.mark.parametrize("bad", HOSTILE)
def test_grid_actions_answer_404_to_an_id_that_is_not_one(planned: Any, staff: Any, bad: str) -> None:
    client = _staff(staff)
    url = reverse("festival:grid", args=[planned.number])
    s = Screening.objects.filter(edition=planned).first()
    starts = s.starts_at.strftime("%Y-%m-%dT%H:%M")
    posts = [
        {"action": "room", "venue": bad, "name": "New", "seats": "10", "formats": "DCP"},
        {"action": "move", "screening": bad, "room": s.room_id, "starts_at": starts},
        {"action": "move", "screening": s.pk, "room": bad, "starts_at": starts},
        {"action": "lock", "screening": bad},
        {"action": "unlock", "screening": bad},
        {"action": "cancel", "screening": bad},
        {"action": "travel", "a": bad, "b": bad, "minutes": "10"},
        {"action": "guest", "submission": bad, "name": "A"},
        {"action": "guest_remove", "guest": bad},
        {"action": "venue_edit", "venue": bad, "name": "X"},
        {"action": "room_edit", "room": bad, "name": "X", "seats": "1", "formats": "DCP"},
        {"action": "tickets", "screening": bad, "held_seats": "0"},
    ]
    for data in posts:
        assert client.post(url, data).status_code == 404, data
    check = reverse("festival:move_check", args=[planned.number])
    for query in (
        {"screening": s.pk, "room": bad, "starts_at": starts},
        {"screening": bad, "room": s.room_id, "starts_at": starts},
    ):
        assert client.get(check, query).status_code == 404, query
    s.refresh_from_db()
    assert not s.locked and s.state == "scheduled"
    public = reverse("festival:public_programme", args=[planned.number])
    assert Client().get(public, {"venue": bad}).status_code == 200


def test_a_move_to_a_time_that_is_not_one_is_a_form_error(planned: Any, staff: Any) -> None:
    client = _staff(staff)
    s = Screening.objects.filter(edition=planned).first()
    url = reverse("festival:grid", args=[planned.number])
    for starts in ("garbage", "9999-12-31T23:59", "0001-01-01T00:00", "2027-02-18T10:00+05:00"):
        page = client.post(
            url, {"action": "move", "screening": s.pk, "room": s.room_id, "starts_at": starts}, follow=True
        )
        assert page.status_code == 200, starts
        assert page.context["messages"] and any(m.level_tag == "error" for m in page.context["messages"])
        check = client.get(
            reverse("festival:move_check", args=[planned.number]),
            {"screening": s.pk, "room": s.room_id, "starts_at": starts},
        )
        assert check.status_code == 200, starts
    before = (s.room_id, s.starts_at)
    s.refresh_from_db()
    assert (s.room_id, s.starts_at) == before


@pytest.mark.parametrize("seats", ["99999999999999999999", "100001", "-3", "abc"])
def test_seats_out_of_range_are_a_form_error(grid: Any, staff: Any, seats: str) -> None:  # noqa: F811
    client = _staff(staff)
    url = reverse("festival:grid", args=[grid.number])
    venue = Venue.objects.get(edition=grid)
    room = Room.objects.filter(venue=venue).first()
    for data in (
        {"action": "room", "venue": venue.pk, "name": "Huge", "seats": seats, "formats": "DCP"},
        {"action": "room_edit", "room": room.pk, "name": room.name, "seats": seats, "formats": "DCP"},
    ):
        page = client.post(url, data, follow=True)
        assert page.status_code == 200
        assert [m.level_tag for m in page.context["messages"]] == ["error"], data
    assert not Room.objects.filter(name="Huge").exists()
    room.refresh_from_db()
    assert room.seats == 3


def test_services_check_seats_and_lengths(grid: Any, staff: Any) -> None:  # noqa: F811
    venue = Venue.objects.get(edition=grid)
    with pytest.raises(ValidationError) as err:
        venues.room_create(actor=staff, venue=venue, name="Huge", seats=10**20, formats=["DCP"])
    assert "seats" in err.value.message_dict and "100,000" in err.value.message_dict["seats"][0]
    assert venues.room_create(actor=staff, venue=venue, name="Arena", seats=100_000, formats=["DCP"])
    with pytest.raises(ValidationError) as err:
        venues.room_create(actor=staff, venue=venue, name="x" * 121, seats=10, formats=["DCP"])
    assert "120 characters" in err.value.message_dict["name"][0]
    with pytest.raises(ValidationError) as err:
        venues.room_create(actor=staff, venue=venue, name="Odd", seats=10, formats=["D" * 21])
    assert "formats" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        venues.venue_create(actor=staff, edition=grid, name="V" * 500)
    assert "200 characters" in err.value.message_dict["name"][0]
    with pytest.raises(ValidationError) as err:
        venues.venue_create(actor=staff, edition=grid, name="Port", address="a" * 301)
    assert "300 characters" in err.value.message_dict["address"][0]
    with pytest.raises(ValidationError) as err:
        venues.venue_update(actor=staff, venue=venue, name="V" * 201)
    assert "name" in err.value.message_dict
    assert venues.venue_create(actor=staff, edition=grid, name="V" * 200, address="a" * 300)
    venue.refresh_from_db()
    assert venue.name == "Drama Theatre"


def test_the_grid_page_refuses_a_long_venue_name(grid: Any, staff: Any) -> None:  # noqa: F811
    client = _staff(staff)
    url = reverse("festival:grid", args=[grid.number])
    page = client.post(url, {"action": "venue", "name": "V" * 500, "address": ""}, follow=True)
    assert page.status_code == 200
    assert "at most 200 characters" in page.content.decode()
    assert not Venue.objects.filter(name="V" * 500).exists()
    form = client.get(url).content.decode()
    assert 'maxlength="200"' in form and 'max="100000"' in form
