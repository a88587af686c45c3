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

pytestmark = pytest.mark.django_db

HOSTILE = ["abc", "-1", "0", "1.5", "²", "99999999999999999999", "1e3", " "]


@pytest.fixture
def planned(grid: Any) -> Any:
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
        {"action": "move", "screening": bad, "room": s.room_id, "starts_at": starts},
        {"action": "lock", "screening": bad},
        {"action": "unlock", "screening": bad},
        {"action": "cancel", "screening": bad},
        {"action": "guest_remove", "guest": bad},
        {"action": "venue_edit", "venue": bad, "name": "X"},
        {"action": "room_edit", "room": bad, "name": "X", "seats": "1", "formats": "DCP"},
        {"action": "tickets", "screening": bad, "held_seats": "0"},
    ]
    for data in posts:
        assert client.post(url, data).status_code == 404, data
    # A choice of a select that is not one of its options is the form's error, shown on the field.
    chosen = [
        ({"action": "room", "venue": bad, "name": "New", "seats": "10", "formats": "DCP"}, "venue"),
        ({"action": "move", "screening": s.pk, "room": bad, "starts_at": starts}, "room"),
        ({"action": "travel", "a": bad, "b": bad, "minutes": "10"}, "a"),
        ({"action": "guest", "submission": bad, "name": "A"}, "submission"),
    ]
    for data, field in chosen:
        page = client.post(url, data)
        assert page.status_code == 400, data
        assert page.context["refused"].form.has_error(field), data
    assert not Room.objects.filter(name="New").exists()
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
        page = client.post(url, {"action": "move", "screening": s.pk, "room": s.room_id, "starts_at": starts})
        assert page.status_code == 400, starts
        assert page.context["refused"].form.has_error("starts_at"), starts
        assert f'value="{starts.strip()}"' in page.content.decode(), starts  # as typed, to correct
        check = client.get(
            reverse("festival:move_check", args=[planned.number]),
            {"screening": s.pk, "room": s.room_id, "starts_at": starts},
        )
        assert check.status_code == 200, starts
    before = (s.room_id, s.starts_at)
    s.refresh_from_db()
    assert (s.room_id, s.starts_at) == before


@pytest.mark.parametrize("seats", ["99999999999999999999", "100001", "-3", "abc"])
def test_seats_out_of_range_are_a_form_error(grid: Any, staff: Any, seats: str) -> None:
    client = _staff(staff)
    url = reverse("festival:grid", args=[grid.number])
    venue = Venue.objects.get(edition=grid)
    room = Room.objects.filter(venue=venue).first()
    for data in (
        {"action": "room", "venue": venue.pk, "name": "Huge", "seats": seats, "formats": "DCP"},
        {"action": "room_edit", "room": room.pk, "name": room.name, "seats": seats, "formats": "DCP"},
    ):
        page = client.post(url, data)
        assert page.status_code == 400, data
        assert page.context["refused"].form.has_error("seats"), data
    assert not Room.objects.filter(name="Huge").exists()
    room.refresh_from_db()
    assert room.seats == 3


def test_services_check_seats_and_lengths(grid: Any, staff: Any) -> None:
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


def test_the_grid_page_refuses_a_long_venue_name(grid: Any, staff: Any) -> None:
    client = _staff(staff)
    url = reverse("festival:grid", args=[grid.number])
    page = client.post(url, {"action": "venue", "name": "V" * 500, "address": "Seaside 1"})
    assert page.status_code == 400
    assert "at most 200 characters" in page.content.decode()
    assert 'value="Seaside 1"' in page.content.decode()  # the rest of the form as typed
    assert not Venue.objects.filter(name="V" * 500).exists()
    form = client.get(url).content.decode()
    assert 'maxlength="200"' in form and 'max="100000"' in form


def test_a_refused_form_comes_back_as_typed_in_its_place(planned: Any, staff: Any) -> None:
    """Each form of the grid page that a rule refuses is shown again with what was typed, its
    ``<details>`` open, the reason under the field, and a link target that brings the browser back to it;
    the other forms show what is stored."""
    client = _staff(staff)
    url = reverse("festival:grid", args=[planned.number])
    venue = Venue.objects.get(edition=planned)
    room, other = Room.objects.filter(venue=venue).order_by("pk")[:2]
    page = client.post(
        url, {"action": "room_edit", "room": room.pk, "name": "Hall Ω", "seats": "0", "formats": "DCP,35mm"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert f'<form method="post" action="#room{room.pk}">' in html and f'<li id="room{room.pk}">' in html
    mine = html[html.index(f'<li id="room{room.pk}">') : html.index(f'<li id="room{other.pk}">')]
    assert "<details open>" in mine and 'value="Hall Ω"' in mine and 'value="DCP,35mm"' in mine
    assert 'class="error"' in mine
    theirs = html[html.index(f'<li id="room{other.pk}">') :]
    assert f'value="{other.name}"' in theirs and "<details open>" not in theirs.split("</li>")[0]
    room.refresh_from_db()
    assert room.name != "Hall Ω"
    public = Screening.objects.filter(edition=planned, kind="public").first()
    day = services.local(planned, public.starts_at).date().isoformat()
    page = client.post(
        f"{url}?day={day}", {"action": "tickets", "screening": public.pk, "held_seats": "2", "price": "free"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    card = html[html.index(f'id="s{public.pk}"') :]
    card = card[: card.index("</article>")]
    assert 'value="free"' in card and "<details open>" in card and 'class="error"' in card
    public.refresh_from_db()
    assert public.held_seats == 0


@pytest.mark.parametrize("price", ["NaN", "nan", "sNaN", "-NaN", "Infinity", "-inf", "1e999999"])
def test_a_price_that_is_no_finite_number_is_refused_as_a_price(planned: Any, staff: Any, price: str) -> None:
    """``Decimal`` reads "NaN" and "Infinity", but no comparison takes a NaN: refused as any other price
    that is not one, on the screening's tickets and on the policy's section prices (400, never a 500)."""
    from korkyt.festival.programme import tickets

    client = _staff(staff)
    url = reverse("festival:grid", args=[planned.number])
    public = Screening.objects.filter(edition=planned, kind="public").first()
    page = client.post(url, {"action": "tickets", "screening": public.pk, "held_seats": "2", "price": price})
    assert page.status_code == 400 and "Give the price as a number" in page.content.decode()
    public.refresh_from_db()
    assert public.held_seats == 0
    policy = {
        "action": "policy",
        "per_person": "3",
        "per_day": "",
        "held_release_min": "90",
        "currency": "KZT",
    }
    page = client.post(url, {**policy, "price_feature": price})
    assert page.status_code == 400 and "Give the price as a number" in page.content.decode()
    assert page.context["refused"].form.has_error("price_feature")
    with pytest.raises(ValidationError) as exc:
        tickets.screening_tickets_set(actor=staff, screening=public, held_seats=0, price=price)
    assert list(exc.value.message_dict) == ["price"]
