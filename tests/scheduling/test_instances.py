"""Bad instances are errors naming the field, never a crash."""

from __future__ import annotations

import json

import pytest

from korkyt.scheduling import InstanceError, parse_instance, parse_instance_json
from tests.scheduling.conftest import film, instance, room


def check(data, field: str, words: str) -> None:
    with pytest.raises(InstanceError) as caught:
        parse_instance(data)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_unknown_room_in_a_fixed_event():
    fixed = [
        {"id": "gala", "room": "Nowhere", "starts_at": "2026-09-10T19:00", "ends_at": "2026-09-10T21:00"}
    ]
    check(instance([film("F")], fixed=fixed), "fixed[0].room", "unknown room 'Nowhere'")


def test_a_film_no_room_can_project():
    check(
        instance([film("F"), film("3D", formats=["DCP-3D"])]),
        "films[1].formats",
        "no room can project film '3D'",
    )


def test_a_subtitled_film_without_a_room_showing_subtitles():
    data = instance([film("F", subtitled=True)], rooms=[room("A", subtitles=False)])
    check(data, "films[0].formats", "with subtitles")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["films"][0].update(runtime_min=-90), "films[0].runtime_min", "at least 1"),
        (lambda d: d["films"][0].update(runtime_min=0), "films[0].runtime_min", "at least 1"),
        (lambda d: d["films"][0].update(runtime_min="long"), "films[0].runtime_min", "whole number"),
        (lambda d: d["films"][0].update(runtime_min=float("nan")), "films[0].runtime_min", "whole number"),
        (lambda d: d["films"][0].update(screenings=-1), "films[0].screenings", "at least 0"),
        (lambda d: d.update(changeover_min=-5), "changeover_min", "at least 0"),
        (lambda d: d.update(slot_min=0), "slot_min", "at least 1"),
        (lambda d: d["days"][0].update(opens="25:00"), "days[0].opens", "HH:MM"),
        (lambda d: d["days"][0].update(date="10/09/2026"), "days[0].date", "YYYY-MM-DD"),
        (lambda d: d.update(days=[]), "days", "at least one day"),
        (lambda d: d.update(rooms=[]), "rooms", "at least one room"),
        (lambda d: d["rooms"].append(room("A")), "rooms[1].id", "appears twice"),
        (lambda d: d["films"][0].update(jury="ghost"), "films[0].jury", "unknown jury 'ghost'"),
        (
            lambda d: d["films"][0].update(unavailable=[["2026-09-10T12:00", "2026-09-10T11:00"]]),
            "films[0].unavailable[0]",
            "negative duration",
        ),
        (
            lambda d: d["films"][0].update(unavailable=[["2026-09-10T12:00+05:00", "2026-09-10T13:00"]]),
            "films[0].unavailable[0][0]",
            "without a UTC offset",
        ),
        (
            lambda d: d["films"][0].update(unavailable=[["yesterday", "2026-09-10T13:00"]]),
            "films[0].unavailable[0][0]",
            "2026-09-10T21:30",
        ),
        (lambda d: d["films"][0].update(qa=3), "films[0].qa", "asks 3 Q&A screenings of 1"),
        (
            lambda d: d.update(
                fixed=[
                    {"id": "x", "room": "A", "starts_at": "2026-09-10T20:00", "ends_at": "2026-09-10T19:00"}
                ]
            ),
            "fixed[0].ends_at",
            "negative or zero duration",
        ),
        (
            lambda d: d.update(juries=[{"id": "J", "deliberation_at": 12}]),
            "juries[0].deliberation_at",
            "local date and time",
        ),
        (lambda d: d.update(travel_min={"Mars": {"Cinema": 5}}), "travel_min.Mars", "unknown venue"),
        (lambda d: d.update(travel_min={"Cinema": {"Cinema": -5}}), "travel_min.Cinema.Cinema", "at least 0"),
        (
            lambda d: d.update(locked=[{"film": "Nope", "room": "A", "starts_at": "2026-09-10T10:00"}]),
            "locked[0].film",
            "unknown film",
        ),
        (lambda d: d.update(weights={"happiness": 3}), "weights.happiness", "unknown weight"),
        (lambda d: d.update(films={"id": "F"}), "films", "must be a list"),
        (lambda d: d["films"].__setitem__(0, "F"), "films[0]", "must be an object"),
        (lambda d: d.pop("rooms"), "rooms", "must be a list"),
        (
            lambda d: d["days"].append({"date": "2026-09-10", "opens": "12:00", "closes": "13:00"}),
            "days[1]",
            "opens before",
        ),
    ],
)
def test_hostile_fields_are_named(change, field, words):
    data = instance([film("F")])
    change(data)
    check(data, field, words)


@pytest.mark.parametrize("text", ["", "{", "[1, 2", "nul", '"just text"', "[" * 100_000])
def test_bad_json_is_an_instance_error(text):
    with pytest.raises(InstanceError) as caught:
        parse_instance_json(text)
    assert "JSON" in str(caught.value) or "must be an object" in str(caught.value)


def test_a_valid_instance_round_trips_through_json():
    data = instance([film("F", unavailable=[["2026-09-10T10:00", "2026-09-10T12:00"]])])
    parsed = parse_instance_json(json.dumps(data))
    assert parsed.films[0].unavailable == ((600, 720),)
    assert parsed.days[0].opens == 600
