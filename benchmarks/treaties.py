"""Co-production eligibility throughput: korkyt.treaties against a naive evaluation, in one run.

Generates (deterministically) N co-production projects among the network's six countries and a few
European partners: 1–5 co-producers contributing in the nine currencies at written rates, a kind of film,
the key creative and technical elements and roles, dates between 2016 and 2027. Each project is evaluated
against every instrument of the rule book, with advice (each piece of advice is verified by re-evaluating
the project with it applied).

- ours: the rule book is read once per process (``load_rulebook``) and shared by every evaluation;
- naive peer: the same engine, but the rule files are re-read and re-parsed (TOML → rule objects) for every
  project, as a script that loads its rules per call would.

The two are alternated within each round (the order flips every round) and the rounds are repeated;
figures are projects per second, best / median / worst of the rounds, and the ratio of the medians.
Both must give the same verdicts (checked on every project of the first round).

Run: PYTHONPATH=src python benchmarks/treaties.py [--projects 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from datetime import date, timedelta
from typing import Any

from korkyt.treaties import CURRENCIES, ELEMENT_NAMES, Evaluation, Project, evaluate, from_dict
from korkyt.treaties.rules import load_rulebook, read_rulebook

NETWORK = ["KZ", "AZ", "KG", "TM", "TR", "UZ"]
EUROPE = ["IT", "NL", "RO", "UA"]
#: Units per 1 USD, roughly (what a financing plan would write); other plan currencies derive from these.
USD_RATES = {
    "KZT": 505.0,
    "TRY": 40.0,
    "UZS": 12_600.0,
    "AZN": 1.7,
    "KGS": 87.0,
    "TMT": 3.5,
    "EUR": 0.92,
    "USD": 1.0,
    "RUB": 92.0,
}


def generate(n: int, seed: int = 2025) -> list[Project]:
    rnd = random.Random(seed)
    projects = []
    for _ in range(n):
        currency = rnd.choice(CURRENCIES)
        pool = rnd.sample(NETWORK + EUROPE, 3) if rnd.random() < 0.7 else rnd.sample(NETWORK, 3)
        partners = []
        used = set()
        for i in range(rnd.randint(1, 5)):
            cur = rnd.choice(CURRENCIES)
            used.add(cur)
            usd = rnd.choice([rnd.randint(20_000, 400_000), rnd.randint(400_000, 4_000_000)])
            amount = round(usd * USD_RATES[cur])
            partners.append(
                {
                    "id": f"p{i}",
                    "country": rnd.choice(pool),
                    "contribution": {"amount": str(amount), "currency": cur},
                    "finance_only": i > 0 and rnd.random() < 0.1,
                }
            )
        elements: dict[str, Any] = {
            e: (rnd.choice(pool) if rnd.random() < 0.85 else rnd.choice([None, "RU", "FR"]))
            for e in ELEMENT_NAMES
        }
        elements["roles"] = [
            {"country": rnd.choice(pool), "days": rnd.randint(1, 50)} for _ in range(rnd.randint(0, 4))
        ]
        on = date(2016, 1, 1) + timedelta(days=rnd.randint(0, 4000))
        data: dict[str, Any] = {
            "kind": rnd.choice(["fiction", "fiction", "documentary", "animation"]),
            "runtime_min": rnd.randint(60, 130),
            "date": on.isoformat(),
            "currency": currency,
            "rates": {c: f"{USD_RATES[c] / USD_RATES[currency]:.6f}" for c in sorted(used) if c != currency},
            "partners": partners,
            "elements": elements,
            "shooting_starts_on": (on + timedelta(days=rnd.randint(20, 300))).isoformat(),
        }
        if rnd.random() < 0.5:
            data["applied_on"] = (on + timedelta(days=rnd.randint(0, 60))).isoformat()
        projects.append(from_dict(data))
    return projects


def ours(projects: list[Project]) -> list[Evaluation]:
    book = load_rulebook()
    return [evaluate(p, rulebook=book) for p in projects]


def naive(projects: list[Project]) -> list[Evaluation]:
    return [evaluate(p, rulebook=read_rulebook()) for p in projects]


def _summary(ev: Evaluation) -> tuple[Any, ...]:
    return (ev.basis, tuple((v.id, v.applies, v.eligible, len(v.checks), len(v.advice)) for v in ev.verdicts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    projects = generate(args.projects)
    print(f"generated and parsed {len(projects):,} projects in {time.perf_counter() - t0:.2f} s")
    load_rulebook()  # the shared rule book is read once, before timing (as a long-lived process does)

    rates: dict[str, list[float]] = {"ours": [], "naive": []}
    runners = {"ours": ours, "naive": naive}
    for r in range(args.rounds):
        order = ["ours", "naive"] if r % 2 == 0 else ["naive", "ours"]
        results = {}
        for name in order:
            start = time.perf_counter()
            results[name] = runners[name](projects)
            elapsed = time.perf_counter() - start
            rates[name].append(len(projects) / elapsed)
            print(f"round {r + 1} {name:<5} {elapsed:7.2f} s  {len(projects) / elapsed:8.0f} projects/s")
        if r == 0:
            same = all(
                _summary(a) == _summary(b) for a, b in zip(results["ours"], results["naive"], strict=True)
            )
            print(f"verdicts identical: {same}")
            if not same:
                raise SystemExit("the two evaluations disagree")
            evs = results["ours"]
            applies = sum(v.applies for ev in evs for v in ev.verdicts)
            advice = sum(len(v.advice) for ev in evs for v in ev.verdicts)
            bases: dict[str, int] = {}
            for ev in evs:
                bases[ev.basis or "none"] = bases.get(ev.basis or "none", 0) + 1
            verdicts = len(evs) * len(evs[0].verdicts)
            print(f"instrument verdicts {verdicts:,}; applying {applies:,}; advice {advice:,}")
            print("basis: " + ", ".join(f"{k} {v:,}" for k, v in sorted(bases.items())))

    print()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    for name in ("ours", "naive"):
        xs = rates[name]
        print(
            f"{name:<5} projects/s: best {max(xs):,.0f}  median {statistics.median(xs):,.0f}  "
            f"worst {min(xs):,.0f}  (spread {(max(xs) - min(xs)) / statistics.median(xs):.1%})"
        )
    ratio = statistics.median(rates["ours"]) / statistics.median(rates["naive"])
    print(f"ratio ours / naive (medians): {ratio:.2f}x")


if __name__ == "__main__":
    main()
