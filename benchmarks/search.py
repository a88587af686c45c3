"""Cross-script search: the search selector against a naive ``icontains`` scan over titles, and the
``/api/search`` endpoint against a trivial JSON endpoint in the same gunicorn server.

The catalogue is made by ``catalogue_synth.py`` beside this file (titles in every script of the network,
five variants per film, as many people as films, a director per film). 500 queries are drawn from it, a
third each:

- exact: an original title as written;
- cross-script: the same film asked in another script or spelling (a generated transliteration, or the
  Russian title romanised, or the original converted to the other alphabet);
- typo: a title with one letter changed in a word of five letters or more.

Latency is measured through ``korkyt.search.selectors.search`` (p50/p95) and, in the same run, through
the peer: ``FilmTitle.objects.filter(text__icontains=q)`` (what one writes without an index). Both report
how often the film the query was drawn from is among the first three results.

Throughput: gunicorn with 2 sync workers on loopback, a bounded load of 4 client threads for a fixed
time per endpoint: ``/api/search?q=…`` (cycling the queries) against ``/healthz`` (a JSON answer after
``SELECT 1``), in rounds that alternate the two (a shared machine has slower minutes; the ratio of each
round compares like with like). The goal is a median ratio of at least 0.4.

    # one database per run; DATABASE_URL unset = SQLite under $KORKYT_HOME/var
    KORKYT_HOME=/tmp/kbench PYTHONPATH=src python benchmarks/search.py --films 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/korkyt_bench PYTHONPATH=src \\
        python benchmarks/search.py --films 100000
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")


def _setup(films: int) -> None:
    import django

    django.setup()
    from catalogue_synth import synth  # benchmarks/catalogue_synth.py
    from django.core.management import call_command

    from korkyt.catalogue.models import Film
    from korkyt.config import demo

    call_command("migrate", verbosity=0)
    demo.load_institutions(demo.LoadReport(), demo.DATA_DIR)
    have = Film.objects.count()
    if have < films:
        started = time.perf_counter()
        report = synth(films=films - have, seed=have + 1)
        print(
            f"built {report.films} films, {report.titles} titles, {report.people} people, "
            f"{report.entries} index entries in {time.perf_counter() - started:.0f} s"
        )
    from django.db import connection

    with connection.cursor() as cursor:  # planner statistics after the bulk load, as autovacuum would
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _typo(text: str, rng: random.Random) -> str | None:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    word = words[i]
    pos = rng.randrange(1, len(word) - 1)
    letters = "aeiounrstlkm" if word.isascii() else "аеиоунрстлкм"
    replacement = rng.choice([c for c in letters if c != word[pos].lower()])
    words[i] = word[:pos] + replacement + word[pos + 1 :]
    return " ".join(words)


def _queries(count: int, seed: int) -> list[tuple[str, str, int]]:
    from korkyt.catalogue.models import Film, FilmTitle
    from korkyt.translit import detect_script

    rng = random.Random(seed)
    top = Film.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = sorted(rng.sample(range(1, top + 1), min(count * 2, top)))
    titles: dict[int, list[FilmTitle]] = {}
    for title in FilmTitle.objects.filter(film_id__in=ids):
        titles.setdefault(title.film_id, []).append(title)
    queries: list[tuple[str, str, int]] = []
    kinds = ["exact", "cross-script", "typo"]
    for n, film_id in enumerate(i for i in ids if i in titles):
        if len(queries) >= count:
            break
        rows = titles[film_id]
        original = next((t for t in rows if t.kind == "original"), rows[0])
        kind = kinds[n % 3]
        if kind == "exact":
            queries.append((kind, original.text, film_id))
        elif kind == "cross-script":
            script = detect_script(original.text)
            other = [t for t in rows if t.generated and detect_script(t.text) != script]
            pick = rng.choice(other) if other else next((t for t in rows if t.language == "ru-Latn"), None)
            queries.append((kind, (pick or original).text, film_id))
        else:
            source = rng.choice([t for t in rows if not t.generated])
            queries.append((kind, _typo(source.text, rng) or source.text, film_id))
    return queries


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def measure_selectors(queries: list[tuple[str, str, int]]) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from korkyt.search.selectors import naive_search, search

    user = AnonymousUser()
    for _kind, q, _id in queries[:20]:  # warm caches of both
        search(user=user, q=q, limit=10)
        naive_search(q=q)
    rows = []
    for name, run in (
        ("search selector", lambda q: [h.id for h in search(user=user, q=q, limit=10) if h.type == "film"]),
        ("naive icontains", lambda q: naive_search(q=q, limit=10)),
    ):
        times: list[float] = []
        found: dict[str, list[bool]] = {}
        for kind, q, film_id in queries:
            started = time.perf_counter()
            ids = run(q)
            times.append(time.perf_counter() - started)
            found.setdefault(kind, []).append(film_id in ids[:3])
        p50, p95 = _percentiles(times)
        rates = ", ".join(f"{k} {sum(v) / len(v):.0%}" for k, v in found.items())
        rows.append((name, p50, p95, rates))
    print(f"\n{connection.vendor}: {len(queries)} queries")
    print(f"{'':18}{'p50 ms':>9}{'p95 ms':>9}   film in top 3")
    for name, p50, p95, rates in rows:
        print(f"{name:18}{p50:9.1f}{p95:9.1f}   {rates}")
    print(f"ratio p95 naive/selector: {rows[1][2] / rows[0][2]:.1f}x")


def _load(port: int, paths: list[str], seconds: float, clients: int) -> float:
    done = [0] * clients
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def worker(index: int) -> None:
        n = index
        while time.perf_counter() < stop:
            path = paths[n % len(paths)]
            n += clients
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                conn.request("GET", path, headers={"Accept-Language": "en"})
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    done[index] += 1
                else:
                    errors[index] += 1
            except OSError:
                errors[index] += 1
            finally:
                conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if sum(errors):
        print(f"  ({sum(errors)} failed requests)")
    return sum(done) / (time.perf_counter() - started)


def measure_http(queries: list[tuple[str, str, int]], seconds: float, port: int, rounds: int) -> None:
    from django.conf import settings

    env = dict(os.environ, KORKYT_HOME=str(settings.BASE_DIR), PYTHONPATH=os.environ.get("PYTHONPATH", "src"))
    cmd = [sys.executable, "-m", "gunicorn", "korkyt.config.wsgi:application", "--bind", f"127.0.0.1:{port}",
           "--workers", "2", "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(cmd, env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        search_paths = [
            "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10}) for _k, q, _i in queries
        ]
        _load(port, [*search_paths[:50], "/healthz"], 2, 4)  # warm both workers
        # rounds that alternate the endpoints: a slower minute on a shared machine hits both alike
        trivial: list[float] = []
        searched: list[float] = []
        for _round in range(rounds):
            trivial.append(_load(port, ["/healthz"], seconds / rounds, 4))
            searched.append(_load(port, search_paths, seconds / rounds, 4))
        ratios = [s / t for s, t in zip(searched, trivial, strict=True)]
        each = f"{rounds} alternating rounds, {seconds:.0f} s each"
        print(f"\nHTTP (gunicorn, 2 workers, 4 loopback clients, {each})")
        print(f"/healthz     {statistics.median(trivial):8.0f} req/s (median)")
        print(f"/api/search  {statistics.median(searched):8.0f} req/s (median)")
        print("ratio per round: " + ", ".join(f"{r:.2f}" for r in ratios))
        print(f"ratio (median of rounds): {statistics.median(ratios):.2f}")
    finally:
        server.terminate()
        server.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=15.0, help="load time per HTTP endpoint")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of the two endpoints")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()
    Path(os.environ.get("KORKYT_HOME", "."), "var").mkdir(parents=True, exist_ok=True)
    _setup(args.films)
    from korkyt.catalogue.models import Film
    from korkyt.search.models import SearchEntry

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {Film.objects.count()} films, {SearchEntry.objects.count()} "
        "index entries"
    )
    queries = _queries(args.queries, seed=7)
    measure_selectors(queries)
    if not args.no_http:
        measure_http(queries, args.seconds, args.port, max(1, args.rounds))


if __name__ == "__main__":
    main()
