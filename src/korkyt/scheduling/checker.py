"""An independent checker: reads the instance and the output as JSON dicts (the contract) and lists every
hard constraint the schedule breaks. It shares no code with the model, the greedy builder or the parser,
so that a bug there is not repeated here; tests and the benchmark run every schedule through it.

A schedule with ``unplaced`` screenings is checked for what it places; the counts must then add up with
the unplaced ones (``complete`` is False)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any


@dataclass(frozen=True)
class Violation:
    """A broken rule: ``message`` in English (the CLI's and the benchmark's words), ``data`` the same facts
    as ids and numbers for a caller that words them itself (e.g. ``{"screening": {"kind", "film", "room",
    "starts_at"}, "other": {...}, "changeover": 15}``); not part of equality."""

    rule: str
    message: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _hours(day: dict[str, Any]) -> tuple[datetime, datetime]:
    d = date.fromisoformat(day["date"])
    opens = datetime.combine(d, time.fromisoformat(day["opens"]))
    closes = datetime.combine(d, time.fromisoformat(day["closes"]))
    if closes <= opens:
        closes += timedelta(days=1)
    return opens, closes


def _minutes(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60


def check_solution(instance: dict[str, Any], output: dict[str, Any]) -> list[Violation]:
    """Every hard constraint ``output`` breaks for ``instance`` (an empty list: the schedule is valid)."""
    bad: list[Violation] = []

    def fail(rule: str, message: str, **data: Any) -> None:
        bad.append(Violation(rule, message, data))

    if output.get("status") in ("infeasible", "unknown"):  # no schedule: nothing to check but the why
        if output.get("screenings"):
            fail("status", f"an {output['status']} answer lists screenings", status=output["status"])
        if not output.get("explanation"):
            fail("status", f"an {output['status']} answer gives no explanation", status=output["status"])
        return bad

    rooms = {r["id"]: r for r in instance["rooms"]}
    films = {f["id"]: f for f in instance["films"]}
    juries = {j["id"]: _at(j["deliberation_at"]) for j in instance.get("juries") or []}
    travel = instance.get("travel_min") or {}
    days = [_hours(d) for d in instance["days"]]
    origin = datetime.combine(min(date.fromisoformat(d["date"]) for d in instance["days"]), time())
    slot = instance["slot_min"]
    changeover = timedelta(minutes=instance["changeover_min"])

    def trip(a: str, b: str) -> timedelta:
        if a == b:
            return timedelta()
        minutes = (travel.get(a) or {}).get(b)
        if minutes is None:
            minutes = (travel.get(b) or {}).get(a, 0)
        return timedelta(minutes=minutes)

    busy: dict[str, list[tuple[datetime, datetime, str, dict[str, Any]]]] = defaultdict(list)
    by_film: dict[str, list[dict[str, Any]]] = defaultdict(list)
    events_seen: set[str] = set()
    for i, s in enumerate(output.get("screenings") or []):
        where = f"screenings[{i}]"
        room = rooms.get(s.get("room"))
        if room is None:
            fail("room", f"{where} is in an unknown room {s.get('room')!r}", index=i, room=s.get("room"))
            continue
        start, end = _at(s["starts_at"]), _at(s["ends_at"])
        if s.get("event") is not None:
            events_seen.add(s["event"])
            busy[room["id"]].append((start, end, f"event {s['event']}", {"event": s["event"]}))
            continue
        film = films.get(s.get("film"))
        if film is None:
            fail("film", f"{where} shows an unknown film {s.get('film')!r}", index=i, film=s.get("film"))
            continue
        label = f"{s['kind']} screening of {film['id']} at {s['starts_at']} in {room['id']}"
        desc = {"kind": s["kind"], "film": film["id"], "room": room["id"], "starts_at": s["starts_at"]}
        busy[room["id"]].append((start, end, label, desc))
        by_film[film["id"]].append(
            {**s, "_start": start, "_end": end, "_venue": room["venue"], "_label": label, "_desc": desc}
        )
        if _minutes(start, end) != film["runtime_min"]:
            fail(
                "runtime",
                f"{label} lasts {_minutes(start, end):g} min, the film runs {film['runtime_min']}",
                screening=desc,
                minutes=_minutes(start, end),
                runtime=film["runtime_min"],
            )
        if not any(o <= start and end <= c for o, c in days):
            fail("opening hours", f"{label} is not inside one day's opening hours", screening=desc)
        if _minutes(origin, start) % slot:
            fail("slot", f"{label} does not start on the {slot}-minute grid", screening=desc, slot=slot)
        if not set(film["formats"]) & set(room["formats"]):
            fail(
                "format",
                f"{label}: the room cannot project {', '.join(film['formats'])}",
                screening=desc,
                formats=list(film["formats"]),
            )
        if film.get("subtitled") and not room.get("subtitles"):
            fail(
                "subtitles", f"{label}: the film is subtitled and the room shows no subtitles", screening=desc
            )
        if s["kind"] not in ("jury", "press", "public", "gala"):
            fail("kind", f"{label}: unknown kind", screening=desc)

    # Fixed events kept as they are.
    for event in instance.get("fixed") or []:
        if event["id"] not in events_seen:
            fail("fixed", f"fixed event {event['id']} is missing from the schedule", event=event["id"])
    for s in output.get("screenings") or []:
        if s.get("event") is not None:
            match = [e for e in instance.get("fixed") or [] if e["id"] == s["event"]]
            if not match or (
                _at(match[0]["starts_at"]),
                _at(match[0]["ends_at"]),
                match[0]["room"],
            ) != (_at(s["starts_at"]), _at(s["ends_at"]), s["room"]):
                fail("fixed", f"fixed event {s['event']} was moved or is unknown", event=s["event"])

    # One screening per room at a time, with the changeover.
    for _room_id, items in busy.items():
        items.sort()
        for (_s1, e1, l1, d1), (s2, _e2, l2, d2) in itertools.pairwise(items):
            if s2 < e1 + changeover:
                fail(
                    "room overlap",
                    f"{l2} starts before {l1} ends plus the {changeover.seconds // 60}-min changeover",
                    screening=d2,
                    other=d1,
                    changeover=changeover.seconds // 60,
                )

    unplaced: dict[tuple[str, str], int] = defaultdict(int)
    for u in output.get("unplaced") or []:
        unplaced[u["film"], u["kind"]] += 1

    for film_id, film in films.items():
        shown = by_film.get(film_id, [])
        public = sorted((s for s in shown if s["kind"] in ("public", "gala")), key=lambda s: s["_start"])
        early = [s for s in shown if s["kind"] in ("jury", "press")]
        counts = {
            "public": (len(public), film["screenings"]),
            "jury": (sum(s["kind"] == "jury" for s in shown), 1 if film.get("jury") else 0),
            "press": (sum(s["kind"] == "press" for s in shown), 1 if film.get("press") else 0),
        }
        for kind, (have, want) in counts.items():
            if have + unplaced[film_id, kind] != want:
                fail(
                    "count",
                    f"film {film_id} has {have} {kind} screenings "
                    f"(+{unplaced[film_id, kind]} unplaced), asks {want}",
                    film=film_id,
                    kind=kind,
                    have=have,
                    unplaced=unplaced[film_id, kind],
                    want=want,
                )
        if public:
            for s in early:
                if s["_end"] > public[0]["_start"]:
                    fail(
                        "press/jury first",
                        f"{s['_label']} ends after the first public one starts",
                        screening=s["_desc"],
                        other=public[0]["_desc"],
                    )
        qa = [s for s in public if s.get("qa")]
        if film.get("qa", 0) and len(qa) + unplaced[film_id, "public"] < film["qa"]:
            fail(
                "qa",
                f"film {film_id} has {len(qa)} Q&A screenings, asks {film['qa']}",
                film=film_id,
                have=len(qa),
                want=film["qa"],
            )
        for s in qa:
            for a, b in film.get("unavailable") or []:
                if s["_start"] < _at(b) and s["_end"] > _at(a):
                    fail(
                        "guests",
                        f"{s['_label']} has a Q&A while the guests are away ({a}–{b})",
                        screening=s["_desc"],
                        away=[a, b],
                    )
        jury = film.get("jury")
        for s in shown:
            if s["kind"] == "jury" and jury in juries and s["_end"] > juries[jury]:
                fail(
                    "deliberation",
                    f"{s['_label']} ends after jury {jury} deliberates",
                    screening=s["_desc"],
                    jury=jury,
                )

    # A jury sees one film at a time and has time to travel between venues.
    for jury_id in juries:
        seen = sorted(
            (
                s
                for film_id, items in by_film.items()
                for s in items
                if s["kind"] == "jury" and films[film_id].get("jury") == jury_id
            ),
            key=lambda s: s["_start"],
        )
        for a, b in itertools.pairwise(seen):
            if b["_start"] < a["_end"] + trip(a["_venue"], b["_venue"]):
                fail(
                    "jury",
                    f"jury {jury_id}: {b['_label']} starts before it can arrive from {a['_label']}",
                    jury=jury_id,
                    screening=b["_desc"],
                    other=a["_desc"],
                )

    # Locks kept.
    for lock in instance.get("locked") or []:
        kinds = ("public", "gala") if lock.get("kind", "public") in ("public", "gala") else (lock["kind"],)
        if any(unplaced[lock["film"], kind] for kind in kinds):
            continue  # listed as unplaced: the counts above already account for it
        if not any(
            s["room"] == lock["room"] and s["_start"] == _at(lock["starts_at"]) and s["kind"] in kinds
            for s in by_film.get(lock["film"], [])
        ):
            fail(
                "lock",
                f"the locked screening of {lock['film']} in {lock['room']} at {lock['starts_at']} moved",
                screening={
                    "kind": lock.get("kind", "public"),
                    "film": lock["film"],
                    "room": lock["room"],
                    "starts_at": lock["starts_at"],
                },
            )
    return bad
