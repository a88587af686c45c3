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
        (lambda d: d.update(weights={"happiness": 3}), "weights", "unknown key 'happiness'"),
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


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d.update(slotmin=15), "instance", "unknown key 'slotmin' (did you mean 'slot_min'?)"),
        (
            lambda d: d["days"][0].update(close="23:00"),
            "days[0]",
            "unknown key 'close' (did you mean 'closes'?)",
        ),
        (lambda d: d["rooms"][0].update(subtitle=True), "rooms[0]", "unknown key 'subtitle'"),
        (
            lambda d: d["films"][0].update(unavailble=[["2026-09-10T10:00", "2026-09-10T23:00"]]),
            "films[0]",
            "unknown key 'unavailble' (did you mean 'unavailable'?)",
        ),
        (
            lambda d: d.update(juries=[{"id": "J", "deliberation_at": "2026-09-10T22:00", "chair": "X"}]),
            "juries[0]",
            "unknown key 'chair'",
        ),
        (
            lambda d: d.update(
                fixed=[
                    {
                        "id": "g",
                        "room": "A",
                        "starts_at": "2026-09-10T19:00",
                        "ends_at": "2026-09-10T20:00",
                        "name": "Gala",
                    }
                ]
            ),
            "fixed[0]",
            "unknown key 'name'",
        ),
        (
            lambda d: d.update(locked=[{"film": "F", "room": "A", "start_at": "2026-09-10T10:00"}]),
            "locked[0]",
            "did you mean 'starts_at'?",
        ),
        (lambda d: d.update(prime_time={"from": "18:00", "untill": "22:00"}), "prime_time", "unknown key"),
        (lambda d: d["weights"].update(same_dya=3), "weights", "did you mean 'same_day'?"),
    ],
)
def test_unknown_keys_are_refused_naming_the_object_and_the_key(change, field, words):
    data = instance([film("F")], weights={})
    change(data)
    check(data, field, words)


def test_a_room_without_subtitles_is_refused_as_the_schema_says():
    data = instance([film("F")])
    del data["rooms"][0]["subtitles"]
    check(data, "rooms[0].subtitles", "is missing")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("travel_min", [], "must be an object, got a list"),
        ("travel_min", None, "must be an object"),
        ("prime_time", [], "must be an object, got a list"),
        ("weights", [], "must be an object, got a list"),
    ],
)
def test_optional_objects_must_be_objects(key, value, words):
    check(instance([film("F")], **{key: value}), key, words)


def test_what_the_parser_refuses_for_unknown_keys_the_schema_refuses_too():
    import jsonschema

    from korkyt.scheduling import INSTANCE_SCHEMA

    data = instance([film("F")])
    jsonschema.validate(data, INSTANCE_SCHEMA)
    for target in (data, data["days"][0], data["rooms"][0], data["films"][0]):
        target["typo"] = 1
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, INSTANCE_SCHEMA)
        del target["typo"]
    del data["rooms"][0]["subtitles"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, INSTANCE_SCHEMA)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d.update(slot_min=241), "slot_min", "at most 240"),
        (lambda d: d.update(slot_min=10**5000), "slot_min", "at most 240, got about 10^5000"),
        (lambda d: d.update(changeover_min=241), "changeover_min", "at most 240"),
        (lambda d: d["rooms"][0].update(seats=100_001), "rooms[0].seats", "at most 100000"),
        (lambda d: d["films"][0].update(runtime_min=1441), "films[0].runtime_min", "at most 1440"),
        (lambda d: d["films"][0].update(runtime_min=-(10**40)), "films[0].runtime_min", "at least 1"),
        (lambda d: d["films"][0].update(demand=10**9), "films[0].demand", "at most 100000"),
        (lambda d: d["films"][0].update(screenings=101), "films[0].screenings", "at most 100"),
        (
            lambda d: d.update(travel_min={"Cinema": {"Cinema": 1441}}),
            "travel_min.Cinema.Cinema",
            "at most 1440",
        ),
        (lambda d: d.update(weights={"seats": 10_001}), "weights.seats", "at most 10000"),
        (
            lambda d: d["days"][0].update(date="9999-12-31", opens="23:00", closes="05:00"),
            "days[0].date",
            "give a year between 1900 and 2199",
        ),
        (
            lambda d: d["days"][0].update(date="1899-12-31"),
            "days[0].date",
            "give a year between 1900 and 2199",
        ),
        (
            lambda d: d["days"][0].update(date="2200-01-01"),
            "days[0].date",
            "give a year between 1900 and 2199",
        ),
    ],
)
def test_numbers_and_days_out_of_bounds_are_refused(change, field, words):
    data = instance([film("F")])
    change(data)
    check(data, field, words)


def test_the_bounds_themselves_are_accepted():
    data = instance(
        [film("F", runtime=600, demand=100_000)],
        rooms=[room("A", seats=100_000)],
        days=[{"date": "2199-12-31", "opens": "10:00", "closes": "09:00"}],
        slot_min=240,
        changeover_min=240,
    )
    problem = parse_instance(data)
    assert problem.slot_min == 240 and problem.origin.year == 2199
    parse_instance(instance([film("F")], days=[{"date": "1900-01-01", "opens": "10:00", "closes": "23:00"}]))


def test_a_json_integer_too_long_to_read_is_refused():
    with pytest.raises(InstanceError, match="not valid JSON: Exceeds the limit"):
        parse_instance_json('{"slot_min": 1' + "0" * 5001 + "}")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["weights"].update(__init__=5), "weights"),
        (lambda d: d["weights"].update(__class__=5), "weights"),
        (lambda d: d["days"][0].update(date="20260910"), "days[0].date"),
        (lambda d: d["days"][0].update(date="2026-W37-4"), "days[0].date"),
        (lambda d: d["days"][0].update(date="٢٠٢٦-٠٩-١٠"), "days[0].date"),
        (lambda d: d["days"][0].update(opens="1000"), "days[0].opens"),
        (lambda d: d["days"][0].update(opens="T10:00"), "days[0].opens"),
        (lambda d: d["days"][0].update(opens="10:00:30"), "days[0].opens"),
        (
            lambda d: d.update(juries=[{"id": "J", "deliberation_at": "2026-09-10"}]),
            "juries[0].deliberation_at",
        ),
        (
            lambda d: d.update(juries=[{"id": "J", "deliberation_at": "20260910T2130"}]),
            "juries[0].deliberation_at",
        ),
    ],
)
def test_what_the_schema_refuses_the_parser_refuses(change, field):
    import jsonschema

    from korkyt.scheduling import INSTANCE_SCHEMA

    data = instance([film("F")], weights={})
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, INSTANCE_SCHEMA)
    check(data, field, "")


def test_a_lone_surrogate_after_a_nul_is_still_found():
    data = instance([film("F")], weights={})
    data["films"][0]["section"] = "a\x00b"
    data["films"][0]["id"] = "\ud800"
    check(data, "films[0].id", "lone surrogate")
