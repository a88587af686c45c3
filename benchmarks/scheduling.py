"""Benchmark: screening schedules for generated festival editions, CP-SAT against the greedy baseline.

Instances (korkyt.scheduling.generate): ``aktau`` (4 venues, 9 rooms, 6 days, 120 films, 260 screenings,
4 juries, 2 fixed galas) and ``large`` (6 venues, 20 rooms, 8 days, 300 screenings). Peer, in the same
round: the greedy construction (``--method greedy``), its objective and the screenings it could not place.
Ours: CP-SAT within the time limit (greedy and model build included), time to its first feasible schedule
and to the final one, objective, bound and gap. Outside the timed runs, the bound of a relaxation
(korkyt.scheduling.bound: rooms and days only, a linear programme) that holds for the problem itself; the
better of the two bounds over greedy's objective is the best ratio any schedule could reach, printed
beside ours so that the reader sees where the goal (30 % below greedy) is attainable. Every schedule,
greedy's and CP-SAT's, goes through the independent checker (korkyt.scheduling.checker); a broken hard
constraint fails the benchmark. Rounds alternate the order of the two methods and change the instance
seed; the spread is min–max over rounds.

    PYTHONPATH=src python benchmarks/scheduling.py [--sizes aktau large] [--rounds 3] [--time-limit 20]
                                                   [--seeds 2] [--parts]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from korkyt.scheduling import check_solution, parse_instance, solution_to_dict, solve
from korkyt.scheduling.bound import lower_bound
from korkyt.scheduling.generate import count_screenings, generate
from korkyt.scheduling.prep import prepare

GOAL = 0.70  # the goal: an objective at least 30 % below greedy's


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    if not values:
        return "–"
    med = statistics.median(values)
    return f"{fmt.format(med)} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def run(size: str, seed: int, method: str, time_limit: float, workers: int) -> dict:
    data = generate(size, seed)
    problem = parse_instance(data)
    t0 = time.perf_counter()
    solution = solve(problem, method=method, time_limit=time_limit, workers=workers, seed=seed)  # type: ignore[arg-type]
    wall = time.perf_counter() - t0
    out = solution_to_dict(solution, problem)
    violations = check_solution(data, out)
    if violations:
        raise SystemExit(
            f"{size} seed {seed} {method}: {len(violations)} broken hard constraints: {violations[:3]}"
        )
    return {
        "status": solution.status,
        "objective": solution.objective,
        "bound": solution.bound,
        "gap": solution.gap,
        "first": solution.first_feasible_s,
        "wall": wall,
        "unplaced": len(solution.unplaced),
        "placed": sum(s.event is None for s in solution.screenings),
        "screenings": count_screenings(data),
        "parts": solution.parts.parts() if solution.parts else {},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["aktau", "large"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--seeds", nargs="+", type=int, help="instance seeds to run (default: 1 .. rounds), one round each"
    )
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--parts", action="store_true", help="print the objective's parts of each schedule")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
        f"time limit {args.time_limit:g} s, {args.workers} CP-SAT workers"
    )
    for size in args.sizes:
        greedy_runs, cp_runs = [], []
        seeds = args.seeds or list(range(1, args.rounds + 1))
        for r, seed in enumerate(seeds):
            order = ("greedy", "cp-sat") if r % 2 == 0 else ("cp-sat", "greedy")
            results = {m: run(size, seed, m, args.time_limit, args.workers) for m in order}
            g, c = results["greedy"], results["cp-sat"]
            # Outside the timed runs: the relaxation's bound (korkyt.scheduling.bound), valid for the
            # problem itself; the better of it and CP-SAT's is the bound quoted.
            relaxed = (
                lower_bound(prepare(parse_instance(generate(size, seed))), time_limit=30, prime=True) or 0
            )
            c["relaxed"] = relaxed
            c["best_bound"] = max(c["bound"] or 0.0, relaxed)
            greedy_runs.append(g)
            cp_runs.append(c)
            better = (g["objective"] - c["objective"]) / g["objective"] if g["objective"] else 0.0
            first = "none" if c["first"] is None else f"{c['first']:.2f} s"
            reach = c["best_bound"] / g["objective"] if g["objective"] else 0.0
            verdict = "not ruled out" if reach <= GOAL else "ruled out"
            print(
                f"{size} seed {seed}: {g['screenings']} screenings | greedy {g['objective']} "
                f"({g['unplaced']} unplaced, {g['wall']:.2f} s) | cp-sat {c['status']} {c['objective']} "
                f"bound {c['bound']:.0f} (relaxation {c['relaxed']}) gap {c['gap']:.1%} "
                f"(to the better bound {1 - c['best_bound'] / c['objective']:.1%}) "
                f"first feasible {first} final {c['wall']:.1f} s | "
                f"ratio {c['objective'] / g['objective']:.3f} ({better:+.1%} vs greedy), "
                f"bound/greedy {reach:.3f} (30 % below greedy {verdict} by the bound) | "
                f"checker: 0 violations"
            )
            if args.parts:
                print(f"    greedy parts {g['parts']}\n    cp-sat parts {c['parts']}")
        ratio = [
            c["objective"] / g["objective"]
            for g, c in zip(greedy_runs, cp_runs, strict=True)
            if g["objective"]
        ]
        reach = [
            c["best_bound"] / g["objective"]
            for g, c in zip(greedy_runs, cp_runs, strict=True)
            if g["objective"]
        ]
        met = sum(r <= GOAL for r in ratio)
        print(
            f"== {size}, {len(seeds)} rounds, median (min–max): "
            f"greedy objective {spread([g['objective'] for g in greedy_runs], '{:.0f}')}, "
            f"unplaced {spread([g['unplaced'] for g in greedy_runs], '{:.0f}')}, "
            f"time {spread([g['wall'] for g in greedy_runs])} s; "
            f"cp-sat objective {spread([c['objective'] for c in cp_runs], '{:.0f}')}, "
            f"gap {spread([c['gap'] * 100 for c in cp_runs], '{:.1f}')} %, "
            f"first feasible {spread([c['first'] for c in cp_runs if c['first'] is not None])} s, "
            f"final {spread([c['wall'] for c in cp_runs])} s; "
            f"objective ratio cp-sat/greedy {spread(ratio, '{:.3f}')}, "
            f"best possible ratio (bound/greedy) {spread(reach, '{:.3f}')}; "
            f"goal (ratio ≤ {GOAL}) met in {met} of {len(ratio)} rounds"
        )


if __name__ == "__main__":
    main()
