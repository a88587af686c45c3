"""The festival's judging arithmetic (korkyt.judging, no database): reviewer assignment and deliberation.

1. Assignment: a generated edition with 2,000 submissions in five sections from eight countries, 40 reviewers
   with random sections (1–3) and, for 40 % of them, a random set of 3–6 countries, about 2 % of the
   (reviewer, entry) pairs declared conflicts of interest, 3 reviews per entry. ``assign_reviewers``
   (min-cost flow) against the naive peer ``round_robin`` (each section's reviewers in a cycle), alternated
   within each round (the order flips every round). Figures: time (median and min–max over the rounds),
   load spread (max − min) and standard deviation, conflicts hit, entries left short, and the independent
   checker's verdict on both. Goal: assignment ≤ 2 s. Then the same edition with every reviewer's capacity
   set to 7/8 of the even share, so that some entries must stay short: how short, for both.
2. Deliberation: Schulze over 15 films and 7 jurors (one juror recused from one film), and the whole
   deliberation view's arithmetic (the four rankings and their disagreements), per call. Goal ≤ 100 ms.

Run: PYTHONPATH=src python benchmarks/festival.py [--rounds 5] [--entries 2000] [--reviewers 40]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from translation_memory import cpu_model

from korkyt.judging import (
    AssignmentResult,
    Entry,
    Reviewer,
    assign_reviewers,
    check_assignment,
    compare,
    rank,
    round_robin,
)

SECTIONS = {"feature": 3, "documentary": 3, "animation": 1, "shorts": 4, "panorama": 2}
COUNTRIES = ["KZ", "AZ", "KG", "TM", "TR", "UZ", "RU", "IT"]


def generate_edition(
    entries: int = 2000, reviewers: int = 40, conflict_rate: float = 0.02, seed: int = 2025
) -> tuple[list[Entry], list[Reviewer], set[tuple[int, int]]]:
    """Submissions, committee and declared conflicts; every section has at least four reviewers."""
    rnd = random.Random(seed)
    names, weights = list(SECTIONS), list(SECTIONS.values())
    subs = [Entry(i, rnd.choices(names, weights)[0], rnd.choice(COUNTRIES)) for i in range(1, entries + 1)]
    sections = [set(rnd.sample(names, rnd.randint(1, 3))) for _ in range(reviewers)]
    for name in names:
        while sum(1 for s in sections if name in s) < 4:
            rnd.choice(sections).add(name)
    committee = [
        Reviewer(
            100 + j,
            frozenset(sections[j]),
            None if rnd.random() < 0.6 else frozenset(rnd.sample(COUNTRIES, rnd.randint(3, 6))),
        )
        for j in range(reviewers)
    ]
    conflicts = {(r.id, e.id) for r in committee for e in subs if rnd.random() < conflict_rate}
    return subs, committee, conflicts


def generate_jury(films: int = 15, jurors: int = 7, seed: int = 2025) -> dict[int, dict[int, float]]:
    """Scores 1–10 in halves; juror 1 is recused from film 1."""
    rnd = random.Random(seed)
    quality = {f: rnd.uniform(4, 8) for f in range(1, films + 1)}
    scores = {
        j: {f: min(10.0, max(1.0, round((q + rnd.gauss(0, 1.5)) * 2) / 2)) for f, q in quality.items()}
        for j in range(1, jurors + 1)
    }
    del scores[1][1]
    return scores


def _spread(values: list[float], unit: float = 1.0, digits: int = 3) -> str:
    return (
        f"{statistics.median(values) * unit:.{digits}f} "
        f"({min(values) * unit:.{digits}f}–{max(values) * unit:.{digits}f})"
    )


def assignment_bench(rounds: int, entries: int, reviewers: int, per_entry: int = 3) -> None:
    subs, committee, conflicts = generate_edition(entries, reviewers)
    print(
        f"edition: {len(subs):,} entries in {len(SECTIONS)} sections, {len(committee)} reviewers, "
        f"{len(conflicts):,} conflicts ({len(conflicts) / (len(subs) * len(committee)):.1%} of pairs), "
        f"{per_entry} reviews per entry"
    )
    runs: dict[str, Callable[..., AssignmentResult]] = {"ours": assign_reviewers, "round-robin": round_robin}
    times: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, AssignmentResult] = {}
    for r in range(rounds):
        order = list(runs) if r % 2 == 0 else list(reversed(runs))
        for name in order:
            start = time.perf_counter()
            results[name] = runs[name](subs, committee, per_entry, conflicts)
            times[name].append(time.perf_counter() - start)
        print(f"round {r + 1}: ours {times['ours'][-1]:.3f} s, round-robin {times['round-robin'][-1]:.3f} s")
    print()
    print(f"{'':14}{'time, s':>24}{'spread':>8}{'stdev':>8}{'min–max':>10}{'conflicts':>11}{'short':>7}")
    for name, result in results.items():
        loads = result.load.values()
        problems = check_assignment(subs, committee, per_entry, conflicts, result)
        others = [p for p in problems if "conflict" not in p]
        print(
            f"{name:14}{_spread(times[name]):>24}{result.spread:>8}{result.stdev:>8.2f}"
            f"{f'{min(loads)}–{max(loads)}':>10}{len(result.conflicts_hit):>11}{len(result.unfilled):>7}"
            f"   checker: {len(problems)} problem(s){f', {len(others)} besides conflicts' if others else ''}"
        )
    # Reviewers who got every entry they may review cannot take more; the spread among the others shows
    # how even the rest is.
    eligible = {
        r.id: sum(1 for e in subs if r.covers(e) and (r.id, e.id) not in conflicts) for r in committee
    }
    for name, result in results.items():
        full = [i for i, load in result.load.items() if load >= eligible[i]]
        rest = [load for i, load in result.load.items() if i not in full]
        print(
            f"{name}: {len(full)} reviewer(s) given every entry they may review; spread among the other "
            f"{len(rest)}: {max(rest) - min(rest) if rest else 0}"
        )
    # Short of capacity: every reviewer limited so that the room falls short of the reviews wanted.
    capacity = (len(subs) * per_entry) * 7 // (len(committee) * 8)
    limited = [dataclasses.replace(r, capacity=capacity) for r in committee]
    short_times: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        short = assign_reviewers(subs, limited, per_entry, conflicts)
        short_times.append(time.perf_counter() - start)
    naive = round_robin(subs, limited, per_entry, conflicts)
    problems = check_assignment(subs, limited, per_entry, conflicts, short)
    for name, result in (("ours", short), ("round-robin", naive)):
        coverage = [len(ids) for ids in result.by_entry.values()]
        print(
            f"capacity {capacity} each, {name}: {result.reviews:,} reviews, {len(result.unfilled)} entries "
            f"short, fewest reviewers on an entry {min(coverage)} ({coverage.count(min(coverage))} entries), "
            f"spread {result.spread}"
            + (
                f", time {_spread(short_times)} s, checker: {len(problems)} problem(s)"
                if name == "ours"
                else ""
            )
        )
    ratio = statistics.median(times["ours"]) / statistics.median(times["round-robin"])
    print(f"time ours / round-robin: {ratio:.1f}× (goal: ours ≤ 2 s)")


def deliberation_bench(rounds: int, calls: int, films: int = 15, jurors: int = 7) -> None:
    scores = generate_jury(films, jurors)
    print(f"jury: {films} films × {jurors} jurors (one recusal), {calls} calls per round")
    results: dict[str, list[float]] = {"schulze": [], "four rankings + compare": []}

    def deliberation() -> None:
        compare({m: rank(scores, m) for m in ("mean", "normalised", "borda", "schulze")})

    work: dict[str, Callable[[], object]] = {
        "schulze": lambda: rank(scores, "schulze"),
        "four rankings + compare": deliberation,
    }
    for r in range(rounds):
        for name in list(work) if r % 2 == 0 else list(reversed(work)):
            start = time.perf_counter()
            for _ in range(calls):
                work[name]()
            results[name].append((time.perf_counter() - start) / calls)
    for name, values in results.items():
        print(f"  {name:26} {_spread(values, unit=1000)} ms per call (goal ≤ 100 ms)")
    schulze = rank(scores, "schulze")
    print(f"  Schulze order: {schulze.order}")
    disagreements = compare({m: rank(scores, m) for m in ("mean", "normalised", "borda", "schulze")})
    widest = max((d.spread for d in disagreements), default=0)
    print(
        f"  films placed differently by the four methods: {len(disagreements)} (widest gap {widest} places)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--reviewers", type=int, default=40)
    parser.add_argument("--calls", type=int, default=50, help="deliberation calls per round")
    parser.add_argument("--only", choices=["assignment", "deliberation"])
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} CPU(s), {cpu_model()}, Python {platform.python_version()}, "
        f"load average {load:.1f}"
    )
    if args.only != "deliberation":
        assignment_bench(args.rounds, args.entries, args.reviewers)
        print()
    if args.only != "assignment":
        deliberation_bench(args.rounds, args.calls)


if __name__ == "__main__":
    main()
