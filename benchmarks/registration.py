"""Registration under load: 500 distinct users register at once for 100 seats with country quotas.

Under gunicorn (4 sync workers, loopback only) on the database of DATABASE_URL (SQLite file by default):

* users come from ``korkyt users import USERS.csv --tokens TOKENS.csv`` (the onboarding command);
* each round creates a fresh event (100 seats, at most 20 per country, a waiting list), then 32 client
  threads send the 500 ``POST /api/events/{id}/registrations`` as fast as the server answers; the
  same clients then send 500 ``GET /healthz`` (the same server's trivial endpoint). Rounds alternate.
* must hold every round: exactly 100 confirmed, no country above its quota, 400 waitlisted, no 5xx;
* finally 50 random confirmed participants cancel at once (``DELETE /api/registrations/{id}``):
  exactly 50 promotions, each country's promoted people the first of that country in the waiting list.

    PYTHONPATH=src python benchmarks/registration.py                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/events PYTHONPATH=src python benchmarks/registration.py
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

USERS = 500
SEATS = 100
PER_COUNTRY = 20
COUNTRIES = ["KZ", "AZ", "KG", "TM", "TR", "UZ"]
CLIENTS = 32


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fire(
    port: int, requests: Sequence[tuple[str, str, bytes | None, dict[str, str]]]
) -> tuple[list[float], Counter[int], list[bytes]]:
    """Send ``requests`` from CLIENTS threads (keep-alive per thread); latencies, status counts, bodies."""
    latencies: list[float] = [0.0] * len(requests)
    bodies: list[bytes] = [b""] * len(requests)
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    next_index = iter(range(len(requests)))

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                break
            method, path, body, headers = requests[i]
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                answer = conn.getresponse()
                bodies[i] = answer.read()
                status = answer.status
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 599
            latencies[i] = time.perf_counter() - started
            with lock:
                statuses[status] += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses, bodies


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def _new_event(round_no: int) -> int:
    import datetime as dt
    import zoneinfo

    from korkyt.core.permissions import SYSTEM
    from korkyt.events import services

    start = dt.datetime(2027, 5, 12, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Aqtau"))
    event = services.event_create(
        actor=SYSTEM,
        kind="master_class",
        titles={"en": f"Benchmark master class {round_no}"},
        sessions=[services.SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=3))],
        questions=[services.QuestionData(kind="country", label="Country", required=True)],
        capacity=SEATS,
        per_country_limit=PER_COUNTRY,
        venue="Aktau",
    )
    services.event_transition(actor=SYSTEM, event=event, name="publish")
    return int(event.pk)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="korkyt-bench-reg-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    os.environ["KORKYT_HOME"] = str(work)
    os.environ["DJANGO_SETTINGS_MODULE"] = "korkyt.config.settings"
    os.environ["AXES_ENABLED"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from korkyt.events.models import Bookable, Event, Registration

    call_command("migrate", verbosity=0)
    Event.objects.filter(translations__title__startswith="Benchmark master class").delete()
    Bookable.objects.filter(event__isnull=True).delete()
    database = connection.vendor
    print(
        f"database: {database}; {USERS} users, {SEATS} seats, ≤{PER_COUNTRY} per country, {CLIENTS} clients"
    )

    users_csv, tokens_csv = work / "users.csv", work / "tokens.csv"
    with users_csv.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "email", "full_name", "institution", "role"])
        for i in range(USERS):
            w.writerow([f"bench-{i:03d}", "", f"Bench User{i}", "", ""])
    env = dict(os.environ)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "korkyt.cli", "users", "import", str(users_csv), "--tokens", str(tokens_csv)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    print(f"korkyt users import --tokens: {USERS} users in {time.perf_counter() - started:.1f} s")
    tokens = [row["token"] for row in csv.DictReader(tokens_csv.open(encoding="utf-8"))]
    countries = [COUNTRIES[i % len(COUNTRIES)] for i in range(USERS)]
    connection.close()

    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "korkyt.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        _fire(port, [("GET", "/healthz", None, {})] * 100)  # warm the workers
        rates, p95s, trivial_rates, trivial_p95s = [], [], [], []
        event_id = 0
        for round_no in range(1, args.rounds + 1):
            event_id = _new_event(round_no)
            connection.close()
            q = str(Event.objects.get(pk=event_id).questions.get().pk)
            connection.close()
            order = list(range(USERS))
            random.Random(round_no).shuffle(order)
            reqs = [
                (
                    "POST",
                    f"/api/events/{event_id}/registrations",
                    json.dumps({"answers": {q: countries[i]}}).encode(),
                    {"Authorization": f"Bearer {tokens[i]}", "Content-Type": "application/json"},
                )
                for i in order
            ]
            t0 = time.perf_counter()
            lat, statuses, _bodies = _fire(port, reqs)
            elapsed = time.perf_counter() - t0
            t1 = time.perf_counter()
            tlat, tstatuses, _ = _fire(port, [("GET", "/healthz", None, {})] * USERS)
            telapsed = time.perf_counter() - t1
            regs = Registration.objects.filter(bookable__event=event_id)
            by_status = Counter(regs.values_list("status", flat=True))
            per_country = Counter(regs.filter(status="confirmed").values_list("country", flat=True))
            connection.close()
            ok = (
                by_status == {"confirmed": SEATS, "waitlisted": USERS - SEATS}
                and max(per_country.values()) <= PER_COUNTRY
                and not any(s >= 500 for s in statuses)
                and statuses == {201: USERS}
            )
            rates.append(USERS / elapsed)
            p95s.append(_p95(lat) * 1000)
            trivial_rates.append(USERS / telapsed)
            trivial_p95s.append(_p95(tlat) * 1000)
            print(
                f"round {round_no}: {dict(statuses)} {dict(by_status)} per country {dict(per_country)} "
                f"→ {'OK' if ok else 'FAILED'}; {rates[-1]:.0f} registrations/s, p95 {p95s[-1]:.0f} ms; "
                f"/healthz {trivial_rates[-1]:.0f} req/s, p95 {trivial_p95s[-1]:.0f} ms {dict(tstatuses)}"
            )
            if not ok:
                sys.exit(1)

        def spread(xs: list[float]) -> str:
            return f"{statistics.median(xs):.0f} (min {min(xs):.0f}, max {max(xs):.0f})"

        print(f"registrations/s {spread(rates)}; p95 {spread(p95s)} ms")
        print(f"/healthz req/s {spread(trivial_rates)}; p95 {spread(trivial_p95s)} ms")
        ratio = statistics.median(rates) / statistics.median(trivial_rates)
        print(f"ratio registrations/s ÷ healthz req/s: {ratio:.2f}")

        # 50 random cancellations at once on the last round's event
        regs = Registration.objects.filter(bookable__event=event_id)
        waiting_before = list(
            regs.filter(status="waitlisted").order_by("position").values_list("pk", "country")
        )
        confirmed = list(regs.filter(status="confirmed").values_list("pk", "user__username"))
        connection.close()
        leaving = random.Random(7).sample(confirmed, 50)
        token_of = {f"bench-{i:03d}": tokens[i] for i in range(USERS)}
        lat, statuses, _ = _fire(
            port,
            [
                ("DELETE", f"/api/registrations/{pk}", None, {"Authorization": f"Bearer {token_of[name]}"})
                for pk, name in leaving
            ],
        )
        regs = Registration.objects.filter(bookable__event=event_id)
        now_confirmed = set(regs.filter(status="confirmed").values_list("pk", flat=True))
        promoted = [(pk, c) for pk, c in waiting_before if pk in now_confirmed]
        in_order = True
        for country in COUNTRIES:
            line = [pk for pk, c in waiting_before if c == country]
            got = [pk for pk, c in promoted if c == country]
            in_order &= line[: len(got)] == got
        per_country = Counter(regs.filter(status="confirmed").values_list("country", flat=True))
        ok = (
            statuses == {204: 50}
            and len(promoted) == 50
            and len(now_confirmed) == SEATS
            and in_order
            and max(per_country.values()) <= PER_COUNTRY
        )
        print(
            f"50 cancellations: {dict(statuses)}, {len(promoted)} promoted, confirmed {len(now_confirmed)}, "
            f"each country's promotions in waiting-list order: {in_order} → {'OK' if ok else 'FAILED'}; "
            f"p95 {_p95(lat) * 1000:.0f} ms"
        )
        if not ok:
            sys.exit(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
