"""The JSON contract: instance dicts in (checked field by field), solution dicts out.

Times are ISO 8601 local times of the festival without a UTC offset (``2026-09-10T21:30``); a day's
``opens``/``closes`` are ``HH:MM`` and a day closing at or before its opening time closes after midnight.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from korkyt.core.textcheck import SURROGATE, find_bad_text
from korkyt.scheduling.errors import InstanceError
from korkyt.scheduling.model import (
    KINDS,
    Day,
    Film,
    FixedEvent,
    Instance,
    Jury,
    Lock,
    Room,
    Solution,
    Weights,
)

MAX_MINUTES = 10_000
MAX_ITEMS = 20_000
#: The years a festival day may fall in (the web app's forms accept the same).
YEARS = (1900, 2199)
#: Bounds of the instance's numbers, (least, most), checked when it is loaded.
BOUNDS: dict[str, tuple[int, int]] = {
    "slot_min": (1, 240),
    "changeover_min": (0, 240),
    "seats": (1, 100_000),
    "travel_min": (0, 1440),
    "runtime_min": (1, 1440),
    "screenings": (0, 100),
    "qa": (0, 100),
    "demand": (0, 100_000),
    "weights": (0, 10_000),
}

#: The keys each object of an instance may have (the schema's ``properties``; anything else is refused).
KEYS: dict[str, frozenset[str]] = {
    "instance": frozenset(
        {
            "slot_min",
            "changeover_min",
            "days",
            "rooms",
            "travel_min",
            "films",
            "juries",
            "fixed",
            "locked",
            "prime_time",
            "weights",
        }
    ),
    "days": frozenset({"date", "opens", "closes"}),
    "rooms": frozenset({"id", "venue", "seats", "formats", "subtitles"}),
    "films": frozenset(
        {
            "id",
            "runtime_min",
            "section",
            "formats",
            "screenings",
            "subtitled",
            "jury",
            "demand",
            "unavailable",
            "press",
            "gala",
            "qa",
            "country",
            "title",
        }
    ),
    "juries": frozenset({"id", "deliberation_at", "name"}),
    "fixed": frozenset({"id", "room", "starts_at", "ends_at", "film", "title"}),
    "locked": frozenset({"film", "room", "starts_at", "kind"}),
    "prime_time": frozenset({"from", "to"}),
}


def load_instance(path: str | Path) -> Instance:
    """Read and check an instance file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InstanceError("", f"{path} is not UTF-8 text") from exc
    return parse_instance_json(text)


def parse_instance_json(text: str) -> Instance:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstanceError("", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except RecursionError as exc:
        raise InstanceError("", "not valid JSON: nested too deeply") from exc
    except ValueError as exc:  # an integer of more than 4300 digits
        raise InstanceError("", f"not valid JSON: {str(exc).split(':')[0]}") from exc
    return parse_instance(data)


def _refuse_surrogates(data: Any) -> None:
    """Refuse text holding a lone UTF-16 surrogate (a JSON escape such as ``"\\ud800"`` without its pair):
    it is not Unicode, and no output could be written with it. Names the field (``films[0].id``)."""
    found = find_bad_text(data, frozenset({SURROGATE}))  # a NUL is text to these packages
    if found is not None:
        what = "a key holds" if found.in_key else "holds"
        raise InstanceError(
            found.where or "instance", f"{what} a lone surrogate (U+D800 to U+DFFF), not valid text"
        )


def _obj(value: Any, where: str, keys: frozenset[str] | None = None) -> Mapping[str, Any]:
    """``value`` when it is an object; with ``keys``, one whose keys are all among them."""
    if not isinstance(value, Mapping):
        raise InstanceError(where, f"must be an object, got {_kind(value)}")
    if keys is not None:
        for key in value:
            if key not in keys:
                raise InstanceError(where, f"unknown key {key!r}{_did_you_mean(key, keys)}")
    return value


def _did_you_mean(key: Any, keys: frozenset[str]) -> str:
    close = difflib.get_close_matches(str(key), sorted(keys), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(sorted(keys))})"


def _list(value: Any, where: str, *, required: bool = True) -> list[Any]:
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise InstanceError(where, f"must be a list, got {_kind(value)}")
    if len(value) > MAX_ITEMS:
        raise InstanceError(where, f"has {len(value)} items; at most {MAX_ITEMS}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _str(obj: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise InstanceError(f"{where}.{key}", "is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise InstanceError(f"{where}.{key}", f"must be non-empty text, got {_kind(value)}")
    return value


def _int(
    obj: Mapping[str, Any],
    key: str,
    where: str,
    *,
    minimum: int = 0,
    default: int | None = None,
    maximum: int = 10**7,
) -> int:
    value = obj.get(key, default)
    name = f"{where}.{key}" if where else key
    if value is None:
        raise InstanceError(name, "is missing")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InstanceError(name, f"must be a whole number, got {_kind(value)}")
    if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
        raise InstanceError(name, f"must be a whole number, got {value}")
    number = int(value)
    # a huge number is not printed whole (str() of more than 4300 digits is itself a ValueError)
    shown = number if abs(number) < 10**18 else f"about {'-' if number < 0 else ''}10^{_digits(number) - 1}"
    if number < minimum:
        raise InstanceError(name, f"must be at least {minimum}, got {shown}")
    if number > maximum:
        raise InstanceError(name, f"must be at most {maximum}, got {shown}")
    return number


def _digits(number: int) -> int:
    return int(abs(number).bit_length() * math.log10(2)) + 1


def _bool(
    obj: Mapping[str, Any], key: str, where: str, default: bool = False, *, required: bool = False
) -> bool:
    value = obj.get(key)
    if value is None:
        if required:
            raise InstanceError(f"{where}.{key}", "is missing (true or false)")
        return default
    if not isinstance(value, bool):
        raise InstanceError(f"{where}.{key}", f"must be true or false, got {_kind(value)}")
    return value


def _strings(obj: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    values = _list(obj.get(key), f"{where}.{key}")
    for i, item in enumerate(values):
        if not isinstance(item, str) or not item:
            raise InstanceError(f"{where}.{key}[{i}]", f"must be non-empty text, got {_kind(item)}")
    if not values:
        raise InstanceError(f"{where}.{key}", "must name at least one format")
    return frozenset(values)


#: The forms the schema (instance.schema.json) gives dates, clock times and local moments.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"[0-9]{2}:[0-9]{2}")
_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:00)?")


def _clock(value: Any, where: str) -> int:
    if not isinstance(value, str):
        raise InstanceError(where, f"must be a time HH:MM, got {_kind(value)}")
    try:
        t = dt.time.fromisoformat(value)
    except ValueError as exc:
        raise InstanceError(where, f"must be a time HH:MM, got {value!r}") from exc
    if t.tzinfo is not None:
        raise InstanceError(where, "must be a local time without a UTC offset")
    if not _CLOCK.fullmatch(value):  # as the schema says: not 1000, T10:00 or 10:00:30
        raise InstanceError(where, f"must be a time HH:MM, got {value!r}")
    return t.hour * 60 + t.minute


def parse_datetime(value: Any, where: str) -> dt.datetime:
    if not isinstance(value, str):
        raise InstanceError(where, f"must be a local date and time like 2026-09-10T21:30, got {_kind(value)}")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise InstanceError(
            where, f"must be a local date and time like 2026-09-10T21:30, got {value!r}"
        ) from exc
    if moment.tzinfo is not None:
        raise InstanceError(
            where, f"must be a local time of the festival without a UTC offset, got {value!r}"
        )
    if moment.second or moment.microsecond:
        raise InstanceError(where, f"must be a whole minute, got {value!r}")
    if not _MOMENT.fullmatch(value):  # as the schema says: not a date alone (midnight) or 20260910T2130
        raise InstanceError(where, f"must be a local date and time like 2026-09-10T21:30, got {value!r}")
    return moment


def _moment(value: Any, where: str, origin: dt.date) -> int:
    moment = parse_datetime(value, where)
    minutes = (moment - dt.datetime.combine(origin, dt.time())) // dt.timedelta(minutes=1)
    if not -MAX_MINUTES * 10 <= minutes <= MAX_MINUTES * 10:
        raise InstanceError(where, f"{value} is far outside the festival's days")
    return int(minutes)


def to_iso(origin: dt.date, minutes: int) -> str:
    """Minutes from the origin → ``YYYY-MM-DDTHH:MM``."""
    return (dt.datetime.combine(origin, dt.time()) + dt.timedelta(minutes=minutes)).isoformat(
        timespec="minutes"
    )


def _parse_days(data: Mapping[str, Any]) -> tuple[dt.date, tuple[Day, ...]]:
    raw = _list(data.get("days"), "days")
    if not raw:
        raise InstanceError("days", "must list at least one day")
    dates: list[tuple[dt.date, int, int]] = []
    for i, item in enumerate(raw):
        where = f"days[{i}]"
        obj = _obj(item, where, KEYS["days"])
        text = _str(obj, "date", where)
        try:
            if not _DATE.fullmatch(str(text)):  # as the schema says: not 20260910 or 2026-W37-4
                raise ValueError(text)
            date = dt.date.fromisoformat(str(text))
        except ValueError as exc:
            raise InstanceError(f"{where}.date", f"must be a date YYYY-MM-DD, got {text!r}") from exc
        if not YEARS[0] <= date.year <= YEARS[1]:
            raise InstanceError(
                f"{where}.date", f"{date.isoformat()}: give a year between {YEARS[0]} and {YEARS[1]}"
            )
        opens = _clock(obj.get("opens"), f"{where}.opens")
        closes = _clock(obj.get("closes"), f"{where}.closes")
        if closes <= opens:
            closes += 24 * 60
        dates.append((date, opens, closes))
    origin = min(d for d, _, _ in dates)
    if (max(d for d, _, _ in dates) - origin).days > 60:
        raise InstanceError("days", "span more than 60 days")
    days = []
    for date, opens, closes in dates:
        base = (date - origin).days * 24 * 60
        days.append(Day(date, base + opens, base + closes))
    order = sorted(range(len(days)), key=lambda i: days[i].opens)
    for a, b in itertools.pairwise(order):
        if days[b].opens < days[a].closes:
            raise InstanceError(f"days[{b}]", f"{days[b].date} opens before {days[a].date} closes")
    return origin, tuple(days[i] for i in order)


def parse_instance(data: Any) -> Instance:
    """Check an instance dict (the JSON contract) and return the Instance.

    Raises InstanceError naming the field."""
    _refuse_surrogates(data)
    data = _obj(data, "instance", KEYS["instance"])
    slot = _int(data, "slot_min", "", minimum=1, maximum=BOUNDS["slot_min"][1])
    changeover = _int(data, "changeover_min", "", minimum=0, maximum=BOUNDS["changeover_min"][1])
    origin, days = _parse_days(data)

    rooms: list[Room] = []
    for i, item in enumerate(_list(data.get("rooms"), "rooms")):
        where = f"rooms[{i}]"
        obj = _obj(item, where, KEYS["rooms"])
        room = Room(
            id=str(_str(obj, "id", where)),
            venue=str(_str(obj, "venue", where)),
            seats=_int(obj, "seats", where, minimum=1, maximum=BOUNDS["seats"][1]),
            formats=_strings(obj, "formats", where),
            subtitles=_bool(obj, "subtitles", where, required=True),
        )
        if any(r.id == room.id for r in rooms):
            raise InstanceError(f"{where}.id", f"room {room.id!r} appears twice")
        rooms.append(room)
    if not rooms:
        raise InstanceError("rooms", "must list at least one room")
    venues = {r.venue for r in rooms}

    travel: dict[str, dict[str, int]] = {}
    raw_travel = _obj(data.get("travel_min", {}), "travel_min")
    for a, row in raw_travel.items():
        if a not in venues:
            raise InstanceError(
                f"travel_min.{a}", f"unknown venue {a!r} (venues: {', '.join(sorted(venues))})"
            )
        for b in _obj(row, f"travel_min.{a}"):
            if b not in venues:
                raise InstanceError(f"travel_min.{a}.{b}", f"unknown venue {b!r}")
            minutes = _int(row, b, f"travel_min.{a}", minimum=0, maximum=BOUNDS["travel_min"][1])
            travel.setdefault(a, {})[b] = minutes

    juries: list[Jury] = []
    for i, item in enumerate(_list(data.get("juries"), "juries", required=False)):
        where = f"juries[{i}]"
        obj = _obj(item, where, KEYS["juries"])
        jury = Jury(
            id=str(_str(obj, "id", where)),
            deliberation_at=_moment(obj.get("deliberation_at"), f"{where}.deliberation_at", origin),
            name=_str(obj, "name", where, required=False),
        )
        if any(j.id == jury.id for j in juries):
            raise InstanceError(f"{where}.id", f"jury {jury.id!r} appears twice")
        juries.append(jury)
    jury_ids = {j.id for j in juries}

    films: list[Film] = []
    for i, item in enumerate(_list(data.get("films"), "films")):
        films.append(_parse_film(item, f"films[{i}]", origin, jury_ids, rooms, films))
    film_ids = {f.id for f in films}

    fixed: list[FixedEvent] = []
    for i, item in enumerate(_list(data.get("fixed"), "fixed", required=False)):
        where = f"fixed[{i}]"
        obj = _obj(item, where, KEYS["fixed"])
        room_id = str(_str(obj, "room", where))
        if room_id not in {r.id for r in rooms}:
            raise InstanceError(f"{where}.room", f"unknown room {room_id!r}")
        start = _moment(obj.get("starts_at"), f"{where}.starts_at", origin)
        end = _moment(obj.get("ends_at"), f"{where}.ends_at", origin)
        if end <= start:
            raise InstanceError(f"{where}.ends_at", "must be after starts_at (a negative or zero duration)")
        film = _str(obj, "film", where, required=False)
        if film is not None and film not in film_ids:
            raise InstanceError(f"{where}.film", f"unknown film {film!r}")
        event = FixedEvent(
            str(_str(obj, "id", where)), room_id, start, end, film, _str(obj, "title", where, required=False)
        )
        if any(e.id == event.id for e in fixed):
            raise InstanceError(f"{where}.id", f"fixed event {event.id!r} appears twice")
        fixed.append(event)

    locked: list[Lock] = []
    for i, item in enumerate(_list(data.get("locked"), "locked", required=False)):
        where = f"locked[{i}]"
        obj = _obj(item, where, KEYS["locked"])
        film_id = str(_str(obj, "film", where))
        if film_id not in film_ids:
            raise InstanceError(f"{where}.film", f"unknown film {film_id!r}")
        room_id = str(_str(obj, "room", where))
        if room_id not in {r.id for r in rooms}:
            raise InstanceError(f"{where}.room", f"unknown room {room_id!r}")
        kind = obj.get("kind", "public")
        if kind not in KINDS:
            raise InstanceError(f"{where}.kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
        locked.append(
            Lock(film_id, room_id, _moment(obj.get("starts_at"), f"{where}.starts_at", origin), kind)
        )

    prime = _obj(data.get("prime_time", {}), "prime_time", KEYS["prime_time"])
    prime_from = _clock(prime.get("from", "18:00"), "prime_time.from")
    prime_to = _clock(prime.get("to", "22:00"), "prime_time.to")
    if prime_to <= prime_from:
        prime_to += 24 * 60
    raw_weights = _obj(data.get("weights", {}), "weights")
    defaults = Weights()
    for key in raw_weights:
        if key not in Weights.__dataclass_fields__:  # not hasattr: "__init__" is no weight
            raise InstanceError(
                "weights", f"unknown key {key!r}{_did_you_mean(key, frozenset(Weights.__dataclass_fields__))}"
            )
    weights = Weights(
        **{
            k: _int(raw_weights, k, "weights", default=getattr(defaults, k), maximum=BOUNDS["weights"][1])
            for k in Weights.__dataclass_fields__
        }
    )
    return Instance(
        origin=origin,
        slot_min=slot,
        changeover_min=changeover,
        days=days,
        rooms=tuple(rooms),
        films=tuple(films),
        travel_min=travel,
        juries=tuple(juries),
        fixed=tuple(fixed),
        locked=tuple(locked),
        prime_from=prime_from,
        prime_to=prime_to,
        weights=weights,
    )


def _parse_film(
    item: Any, where: str, origin: dt.date, jury_ids: set[str], rooms: list[Room], films: list[Film]
) -> Film:
    obj = _obj(item, where, KEYS["films"])
    film_id = str(_str(obj, "id", where))
    if any(f.id == film_id for f in films):
        raise InstanceError(f"{where}.id", f"film {film_id!r} appears twice")
    runtime = _int(obj, "runtime_min", where, minimum=1, maximum=BOUNDS["runtime_min"][1])
    formats = _strings(obj, "formats", where)
    subtitled = _bool(obj, "subtitled", where)
    jury = obj.get("jury")
    if jury is not None and (not isinstance(jury, str) or jury not in jury_ids):
        raise InstanceError(
            f"{where}.jury", f"unknown jury {jury!r} (juries: {', '.join(sorted(jury_ids)) or 'none'})"
        )
    if not any(r.formats & formats and (r.subtitles or not subtitled) for r in rooms):
        need = " or ".join(sorted(formats)) + (" with subtitles" if subtitled else "")
        raise InstanceError(f"{where}.formats", f"no room can project film {film_id!r} ({need})")
    unavailable: list[tuple[int, int]] = []
    for k, span in enumerate(_list(obj.get("unavailable"), f"{where}.unavailable", required=False)):
        field = f"{where}.unavailable[{k}]"
        if not isinstance(span, list) or len(span) != 2:
            raise InstanceError(field, "must be a pair [start, end]")
        start = _moment(span[0], f"{field}[0]", origin)
        end = _moment(span[1], f"{field}[1]", origin)
        if end <= start:
            raise InstanceError(field, "ends before it starts (a negative duration)")
        unavailable.append((start, end))
    screenings = _int(obj, "screenings", where, minimum=0)
    if screenings > 100:
        raise InstanceError(f"{where}.screenings", f"at most 100 screenings per film, got {screenings}")
    qa = _int(obj, "qa", where, minimum=0, default=0, maximum=BOUNDS["qa"][1])
    if qa > screenings:
        raise InstanceError(f"{where}.qa", f"asks {qa} Q&A screenings of {screenings} public screenings")
    country = obj.get("country")
    if country is not None and (not isinstance(country, str) or not country):
        raise InstanceError(f"{where}.country", f"must be a country code, got {_kind(country)}")
    return Film(
        id=film_id,
        runtime_min=runtime,
        section=str(_str(obj, "section", where)),
        formats=formats,
        screenings=screenings,
        subtitled=subtitled,
        jury=jury,
        demand=_int(obj, "demand", where, minimum=0, default=0, maximum=BOUNDS["demand"][1]),
        unavailable=tuple(sorted(unavailable)),
        press=_bool(obj, "press", where),
        gala=_bool(obj, "gala", where),
        qa=qa,
        country=country,
        title=_str(obj, "title", where, required=False),
    )


def solution_to_dict(solution: Solution, instance: Instance) -> dict[str, Any]:
    """The output contract: status, objective, bound, gap, screenings, unplaced, explanation (+ parts)."""
    origin = instance.origin
    screenings = []
    for s in sorted(solution.screenings, key=lambda s: (s.starts_at, s.room)):
        item: dict[str, Any] = {
            "film": s.film,
            "room": s.room,
            "starts_at": to_iso(origin, s.starts_at),
            "ends_at": to_iso(origin, s.ends_at),
            "kind": s.kind,
        }
        if s.qa:
            item["qa"] = True
        if s.locked:
            item["locked"] = True
        if s.event is not None:
            item["event"] = s.event
        screenings.append(item)
    gap = None if solution.gap is None else round(solution.gap, 6)
    bound = None if solution.bound is None else round(solution.bound, 3)
    return {
        "status": solution.status,
        "method": solution.method,
        "objective": solution.objective,
        "bound": bound,
        "gap": gap,
        "parts": solution.parts.parts() if solution.parts else None,
        "screenings": screenings,
        "unplaced": [{"film": u.film, "kind": u.kind, "reason": u.reason} for u in solution.unplaced],
        "explanation": list(solution.explanation),
        "stats": {
            "wall_s": round(solution.wall_s, 3),
            "first_feasible_s": None
            if solution.first_feasible_s is None
            else round(solution.first_feasible_s, 3),
            "solutions": solution.solutions,
        },
    }
