"""Realistic generated instances (JSON dicts of the contract) for demos, tests and the benchmark.

``aktau``: 4 venues, 9 rooms, 6 days, 120 films, 260 screenings, 4 juries (an edition of the Aktau
festival); ``large``: 20 rooms in 6 venues, 8 days, 300 screenings; ``tiny``: a few films for tests."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

SECTIONS = (
    "feature competition",
    "documentary competition",
    "short competition",
    "debut competition",
    "panorama",
    "retrospective",
    "children",
    "midnight",
)
COUNTRIES = ("KZ", "UZ", "KG", "TM", "AZ", "TR", "TJ", "MN")


def _rooms(rng: random.Random, venues: int, rooms: int) -> list[dict[str, Any]]:
    out = []
    for i in range(rooms):
        venue = f"V{i % venues + 1}"
        seats = rng.choice((60, 90, 120, 180, 250, 400)) if i >= venues else rng.choice((400, 600, 800))
        formats = ["DCP"]
        if i % 4 == 1:
            formats.append("35mm")
        if i % 5 == 2:
            formats.append("DCP-3D")
        out.append(
            {"id": f"R{i + 1}", "venue": venue, "seats": seats, "formats": formats, "subtitles": i % 7 != 6}
        )
    return out


def generate(size: str = "aktau", seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    if size == "tiny":
        venues, n_rooms, n_days, n_films, n_juries, publics = 2, 3, 2, 6, 1, 8
    elif size == "aktau":
        venues, n_rooms, n_days, n_films, n_juries, publics = 4, 9, 6, 120, 4, 192
    elif size == "large":
        venues, n_rooms, n_days, n_films, n_juries, publics = 6, 20, 8, 150, 4, 218
    else:
        raise ValueError(f"unknown size {size!r}: tiny, aktau or large")
    start = dt.date(2026, 9, 10)
    days = [
        {
            "date": (start + dt.timedelta(days=d)).isoformat(),
            "opens": "10:00",
            "closes": "01:00" if d % 2 else "23:30",
        }
        for d in range(n_days)
    ]
    rooms = _rooms(rng, venues, n_rooms)
    names = [f"V{i + 1}" for i in range(venues)]
    travel = {
        a: {b: 0 if a == b else 10 + 5 * abs(i - j) for j, b in enumerate(names)} for i, a in enumerate(names)
    }
    jury_sections = SECTIONS[:n_juries]
    deliberation = start + dt.timedelta(days=n_days - 1)
    juries = [
        {
            "id": f"J{i + 1}",
            "name": f"the {s} jury",
            "deliberation_at": f"{deliberation.isoformat()}T{10 + 2 * i:02d}:00",
        }
        for i, s in enumerate(jury_sections)
    ]
    films: list[dict[str, Any]] = []
    per_jury = {"tiny": 2, "aktau": 12, "large": 15}[size]
    for i in range(n_films):
        jury_index = i // per_jury if i < per_jury * n_juries else None
        section = jury_sections[jury_index] if jury_index is not None else rng.choice(SECTIONS[n_juries:])
        short = "short" in section
        formats = ["DCP"]
        if rng.random() < 0.08:
            formats = ["35mm"] if rng.random() < 0.5 else ["35mm", "DCP"]
        elif rng.random() < 0.05:
            formats = ["DCP-3D", "DCP"]
        films.append(
            {
                "id": f"F{i + 1:03d}",
                "runtime_min": rng.randint(70, 95) if short else rng.randint(80, 140),
                "section": section,
                "formats": formats,
                "screenings": 1,
                "subtitled": rng.random() < 0.8,
                "jury": juries[jury_index]["id"] if jury_index is not None else None,
                "demand": rng.choice((40, 80, 120, 150, 200, 300, 450)),
                "unavailable": [],
                "country": rng.choice(COUNTRIES),
            }
        )
    extra = publics - n_films
    for film in rng.sample(films, min(extra, len(films))):
        film["screenings"] += 1
    while sum(f["screenings"] for f in films) < publics:
        rng.choice(films)["screenings"] += 1
    press = {"tiny": 1, "aktau": 20, "large": 22}[size]
    for film in rng.sample(films, press):
        film["press"] = True
    for film in rng.sample(films, max(1, n_films // 10)):
        day = start + dt.timedelta(days=rng.randrange(n_days))
        film["qa"] = 1
        film["unavailable"] = [[f"{day.isoformat()}T00:00", f"{day.isoformat()}T23:59"]]
    gala_room = max(rooms, key=lambda r: r["seats"])
    last = start + dt.timedelta(days=n_days - 1)
    fixed = [
        {
            "id": "opening",
            "room": gala_room["id"],
            "starts_at": f"{start.isoformat()}T19:00",
            "ends_at": f"{start.isoformat()}T21:30",
            "title": "Opening gala",
        },
        {
            "id": "awards",
            "room": gala_room["id"],
            "starts_at": f"{last.isoformat()}T19:00",
            "ends_at": f"{last.isoformat()}T21:00",
            "title": "Award ceremony",
        },
    ]
    return {
        "slot_min": 5,
        "changeover_min": 20,
        "days": days,
        "rooms": rooms,
        "travel_min": travel,
        "films": films,
        "juries": juries,
        "fixed": fixed,
    }


def count_screenings(instance: dict[str, Any]) -> int:
    return sum(
        f["screenings"] + (f.get("jury") is not None) + bool(f.get("press")) for f in instance["films"]
    )
