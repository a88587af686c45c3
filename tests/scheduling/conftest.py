"""Small instances and a solve helper that runs every schedule through the independent checker."""

from __future__ import annotations

import copy
from typing import Any

from korkyt.scheduling import check_solution, parse_instance, solution_to_dict, solve

DAY = "2026-09-10"


def room(id: str, venue: str = "Cinema", seats: int = 100, formats=("DCP",), subtitles: bool = True) -> dict:
    return {"id": id, "venue": venue, "seats": seats, "formats": list(formats), "subtitles": subtitles}


def film(id: str, runtime: int = 90, screenings: int = 1, **extra: Any) -> dict:
    data = {
        "id": id,
        "runtime_min": runtime,
        "section": extra.pop("section", "panorama"),
        "formats": list(extra.pop("formats", ["DCP"])),
        "screenings": screenings,
        "subtitled": extra.pop("subtitled", False),
        "jury": extra.pop("jury", None),
        "demand": extra.pop("demand", 100),
        "unavailable": extra.pop("unavailable", []),
    }
    data.update(extra)
    return data


def instance(
    films: list[dict],
    rooms: list[dict] | None = None,
    days: list[dict] | None = None,
    **extra: Any,
) -> dict:
    return {
        "slot_min": extra.pop("slot_min", 15),
        "changeover_min": extra.pop("changeover_min", 15),
        "days": days or [{"date": DAY, "opens": "10:00", "closes": "23:00"}],
        "rooms": rooms or [room("A")],
        "travel_min": extra.pop("travel_min", {}),
        "films": films,
        "juries": extra.pop("juries", []),
        "fixed": extra.pop("fixed", []),
        **extra,
    }


def run(data: dict, method: str = "cp-sat", time_limit: float = 5.0) -> dict:
    """Solve and return the output dict; fail when the checker finds a broken hard constraint."""
    problem = parse_instance(copy.deepcopy(data))
    solution = solve(problem, method=method, time_limit=time_limit, workers=1)  # type: ignore[arg-type]
    out = solution_to_dict(solution, problem)
    violations = check_solution(data, out)
    assert violations == [], [str(v) for v in violations]
    return out


def of(out: dict, film_id: str, kind: str | None = None) -> list[dict]:
    return sorted(
        (s for s in out["screenings"] if s["film"] == film_id and (kind is None or s["kind"] == kind)),
        key=lambda s: s["starts_at"],
    )
