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

With ``--page``: the co-production page with its verdicts (Django, a fresh SQLite database with the demo
co-productions), server time per render through the test client, against the same project's financing page
(the same layout and queries without the evaluation) as the peer; goal ≤ 150 ms.
Run: PYTHONPATH=src python benchmarks/treaties.py --page [--renders 30] [--rounds 5]
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


def page_main(renders: int, rounds: int) -> None:
    import tempfile

    home = tempfile.mkdtemp(prefix="korkyt-bench-")
    os.environ.update(KORKYT_HOME=home, DJANGO_SETTINGS_MODULE="korkyt.config.settings", DEBUG="false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from korkyt.accounts.models import User
    from korkyt.config import demo
    from korkyt.config.demo_coproductions import PRODUCER, load_coproductions
    from korkyt.coproduction.models import ProjectText

    call_command("migrate", verbosity=0)
    report = demo.LoadReport()
    demo.load_institutions(report, demo.DATA_DIR)
    demo.load_memoranda(report, demo.DATA_DIR)
    demo.load_users(report, "bench-password-1")
    load_coproductions("bench-password-1")
    project = ProjectText.objects.get(language="en", title="Korkyt and the Wind").project
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username=PRODUCER))
    urls = {"page": f"/en/coproductions/{project.pk}/", "peer": f"/en/coproductions/{project.pk}/financing/"}
    for url in urls.values():
        assert client.get(url).status_code == 200  # warm: templates, rule book, translations
    times: dict[str, list[float]] = {"page": [], "peer": []}
    for r in range(rounds):
        for name in ["page", "peer"] if r % 2 == 0 else ["peer", "page"]:
            start = time.perf_counter()
            for _ in range(renders):
                client.get(urls[name])
            times[name].append((time.perf_counter() - start) / renders * 1000)
        print(f"round {r + 1}: page {times['page'][-1]:.1f} ms, financing page {times['peer'][-1]:.1f} ms")
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {python}, {connection.vendor}")
    for name, label in (("page", "project page with verdicts"), ("peer", "financing page (no evaluation)")):
        xs = times[name]
        med = statistics.median(xs)
        spread = (max(xs) - min(xs)) / med
        print(f"{label}: median {med:.1f} ms (best {min(xs):.1f}, worst {max(xs):.1f}, spread {spread:.1%})")
    ratio = statistics.median(times["page"]) / statistics.median(times["peer"])
    verdict = "met" if statistics.median(times["page"]) <= 150 else "not met"
    print(f"ratio page / peer (medians): {ratio:.2f}x; goal ≤ 150 ms: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--page", action="store_true", help="time the co-production page instead")
    parser.add_argument("--renders", type=int, default=30)
    args = parser.parse_args()
    if args.page:
        page_main(args.renders, max(args.rounds, 5))
        return

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
