"""Property: whatever small instance comes in, the checker accepts every schedule the solver returns,
and an instance without a schedule always comes with an explanation."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korkyt.scheduling import check_solution, parse_instance, solution_to_dict, solve


@st.composite
def instances(draw):
    n_rooms = draw(st.integers(1, 3))
    venues = ["North", "South"]
    rooms = [
        {
            "id": f"R{i}",
            "venue": draw(st.sampled_from(venues)),
            "seats": draw(st.sampled_from([40, 120, 400])),
            "formats": draw(st.sampled_from([["DCP"], ["DCP", "35mm"], ["35mm"]])),
            "subtitles": draw(st.booleans()),
        }
        for i in range(n_rooms)
    ]
    rooms[0]["formats"], rooms[0]["subtitles"] = ["DCP"], True  # every film can be shown somewhere
    n_days = draw(st.integers(1, 2))
    days = [
        {
            "date": f"2026-09-1{d}",
            "opens": draw(st.sampled_from(["10:00", "18:00"])),
            "closes": draw(st.sampled_from(["23:00", "01:30"])),
        }
        for d in range(n_days)
    ]
    juries = [
        {"id": "J", "deliberation_at": f"2026-09-1{n_days - 1}T{draw(st.sampled_from(['12:00', '20:00']))}"}
    ]
    films = []
    for i in range(draw(st.integers(1, 5))):
        film = {
            "id": f"F{i}",
            "runtime_min": draw(st.integers(60, 150)),
            "section": draw(st.sampled_from(["a", "b"])),
            "formats": draw(st.sampled_from([["DCP"], ["DCP", "35mm"]])),
            "screenings": draw(st.integers(0, 2)),
            "subtitled": draw(st.booleans()),
            "jury": draw(st.sampled_from([None, "J"])),
            "demand": draw(st.integers(0, 500)),
            "unavailable": [],
            "press": draw(st.booleans()),
            "country": draw(st.sampled_from(["KZ", "TR", None])),
        }
        if film["screenings"] and draw(st.booleans()):
            film["qa"] = 1
            film["unavailable"] = [["2026-09-10T12:00", "2026-09-10T20:00"]]
        films.append(film)
    used = {r["venue"] for r in rooms}
    travel = {"North": {"South": draw(st.integers(0, 60))}} if used == {"North", "South"} else {}
    return {
        "slot_min": draw(st.sampled_from([5, 15, 30])),
        "changeover_min": draw(st.sampled_from([0, 15, 30])),
        "days": days,
        "rooms": rooms,
        "travel_min": travel,
        "films": films,
        "juries": juries,
        "fixed": [],
    }


@settings(
    max_examples=int(os.environ.get("KORKYT_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(instances(), st.sampled_from(["cp-sat", "greedy"]))
def test_the_checker_accepts_every_schedule_the_solver_returns(data, method):
    problem = parse_instance(data)
    solution = solve(problem, method=method, time_limit=3, workers=1)
    out = solution_to_dict(solution, problem)
    assert check_solution(data, out) == []
    if solution.status == "infeasible":
        assert out["explanation"]
    if solution.status in ("optimal", "feasible"):
        assert out["unplaced"] == []
