"""Cross-script search: the search selector against a naive ``icontains`` scan over titles, and the
``/api/search`` endpoint against a trivial JSON endpoint in the same gunicorn server.

The catalogue is made by ``catalogue_synth.py`` beside this file (titles in every script of the network,
five variants per film, as many people as films, a director per film). 500 queries are drawn from it, a
third each:

- exact: an original title as written;
- cross-script: the same film asked in another script or spelling (a generated transliteration, or the
  Russian title romanised, or the original converted to the other alphabet);
- typo: a title with one letter changed in a word of five letters or more.

Latency (p50/p95, and the min–max of each round's p50) and top-3 recall per kind of query, in one run,
the engines alternating query by query for ``--latency-rounds`` rounds:

- ours: ``korkyt.search.selectors.search``;
- PostgreSQL ``pg_trgm``: ``word_similarity`` (``<%``) with a GIN ``gin_trgm_ops`` index over every title
  of every film, the generated transliterations included (``--pg-url``, or DATABASE_URL when it is
  PostgreSQL; a table made for the run and dropped after);
- SQLite FTS5 with the trigram tokenizer over the same titles, the query as the OR of its trigrams,
  ranked by bm25 (in memory);
- ``FilmTitle.objects.filter(text__icontains=q)``, the unindexed scan.

Throughput: gunicorn with 2 sync workers on loopback, a bounded load of 4 client threads for a fixed
time per endpoint: ``/api/search?q=…`` (cycling the queries) against ``/healthz`` (a JSON answer after
``SELECT 1``), in rounds that alternate the two (a shared machine has slower minutes; the ratio of each
round compares like with like). With two cores or more the server is pinned to one core and the load
client to another (``taskset``; ``--no-pin`` to share); the client's CPU use is printed either way.
The goal is a median ratio of at least 0.4.

    # one database per run; DATABASE_URL unset = SQLite under $KORKYT_HOME/var
    KORKYT_HOME=/tmp/kbench PYTHONPATH=src python benchmarks/search.py --films 20000 \\
        --pg-url postgres://postgres@127.0.0.1:5432/korkyt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/korkyt_bench PYTHONPATH=src \\
        python benchmarks/search.py --films 20000
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
from collections.abc import Callable
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


def _all_titles() -> list[tuple[int, str]]:
    """Every title of every film, originals and the generated transliterations alike."""
    from korkyt.catalogue.models import FilmTitle

    return list(FilmTitle.objects.order_by("pk").values_list("film_id", "text"))


class TrgmPeer:
    """PostgreSQL pg_trgm: ``word_similarity`` with a GIN index over the same titles.

    What a user of pg_trgm would build: one row per title, the generated transliterations included (the
    trigrams of one script never match another), ``<%`` (word similarity above pg_trgm's default 0.6)
    served by a ``gin_trgm_ops`` index, films ranked by their best title's word similarity.
    """

    name = "pg_trgm word_similarity"

    def __init__(self, url: str, titles: list[tuple[int, str]]) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)
        started = time.perf_counter()
        with self.conn.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute("DROP TABLE IF EXISTS korkyt_bench_trgm")
            cursor.execute("CREATE TABLE korkyt_bench_trgm (film_id integer NOT NULL, title text NOT NULL)")
            with cursor.copy("COPY korkyt_bench_trgm (film_id, title) FROM STDIN") as copy:
                for row in titles:
                    copy.write_row(row)
            cursor.execute("CREATE INDEX ON korkyt_bench_trgm USING gin (title gin_trgm_ops)")
            cursor.execute("VACUUM ANALYZE korkyt_bench_trgm")
        self.build = time.perf_counter() - started

    def __call__(self, q: str) -> list[int]:
        with self.conn.cursor() as cursor:
            cursor.execute(
                "SELECT film_id FROM korkyt_bench_trgm WHERE %s <%% title GROUP BY film_id "
                "ORDER BY max(word_similarity(%s, title)) DESC, film_id LIMIT 10",
                (q, q),
            )
            return [row[0] for row in cursor.fetchall()]

    def close(self) -> None:
        with self.conn.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS korkyt_bench_trgm")
        self.conn.close()


class Fts5Peer:
    """SQLite FTS5 with the trigram tokenizer over the same titles (transliterations included).

    Trigram FTS5 has no fuzzy operator: the query is the OR of its trigrams, films ranked by bm25 of
    their best title (what its documentation suggests for approximate matching). Case folding is the
    tokenizer's own.
    """

    name = "SQLite FTS5 trigram"

    def __init__(self, titles: list[tuple[int, str]]) -> None:
        import sqlite3

        started = time.perf_counter()
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        self.conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, film_id UNINDEXED, tokenize='trigram')")
        self.conn.executemany("INSERT INTO t (title, film_id) VALUES (?, ?)", ((t, f) for f, t in titles))
        self.conn.execute("INSERT INTO t (t) VALUES ('optimize')")
        self.build = time.perf_counter() - started

    def __call__(self, q: str) -> list[int]:
        text = " ".join(q.lower().split())
        grams = dict.fromkeys(text[i : i + 3] for i in range(len(text) - 2))
        if not grams:
            return []
        match = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
        rows = self.conn.execute(
            "SELECT film_id FROM t WHERE t MATCH ? GROUP BY film_id ORDER BY min(rank), film_id LIMIT 10",
            (match,),
        )
        return [row[0] for row in rows]

    def close(self) -> None:
        self.conn.close()


def measure_selectors(queries: list[tuple[str, str, int]], rounds: int, pg_url: str | None) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from korkyt.search.selectors import naive_search, search

    user = AnonymousUser()
    titles = _all_titles()
    engines: dict[str, Callable[[str], list[int]]] = {
        f"korkyt search ({connection.vendor})": lambda q: [
            h.id for h in search(user=user, q=q, limit=10) if h.type == "film"
        ],
    }
    peers: list[TrgmPeer | Fts5Peer] = []
    if pg_url:
        peers.append(TrgmPeer(pg_url, titles))
    peers.append(Fts5Peer(titles))
    for peer in peers:
        engines[peer.name] = peer
        print(f"{peer.name}: {len(titles):,} titles indexed in {peer.build:.1f} s")
    engines[f"naive icontains ({connection.vendor})"] = lambda q: naive_search(q=q, limit=10)
    names = list(engines)
    for _kind, q, _id in queries[:20]:  # warm the caches of each
        for run in engines.values():
            run(q)
    times: dict[str, list[float]] = {name: [] for name in names}
    found: dict[str, dict[str, list[bool]]] = {name: {} for name in names}
    for round_ in range(rounds):
        for n, (kind, q, film_id) in enumerate(queries):
            shift = (round_ + n) % len(names)  # each engine first, second, ... in turn
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                ids = engines[name](q)
                times[name].append(time.perf_counter() - started)
                if round_ == 0:
                    found[name].setdefault(kind, []).append(film_id in ids[:3])
    for peer in peers:
        peer.close()
    print(f"\n{len(queries)} queries × {rounds} rounds, the engines alternating query by query")
    print(f"{'':34}{'p50 ms':>8}{'p95 ms':>8}{'p50 min–max of rounds':>24}   film in top 3")
    for name in names:
        p50, p95 = _percentiles(times[name])
        per_round = [
            statistics.median(times[name][r * len(queries) : (r + 1) * len(queries)]) * 1000
            for r in range(rounds)
        ]
        rates = ", ".join(f"{k} {sum(v) / len(v):.0%}" for k, v in found[name].items())
        print(f"{name:34}{p50:8.2f}{p95:8.2f}{min(per_round):>12.2f}–{max(per_round):.2f}   {rates}")


def _load(port: int, paths: list[str], seconds: float, clients: int) -> tuple[float, float]:
    """Requests per second, and this client's CPU use in cores (all its threads) while it ran."""
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
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if sum(errors):
        print(f"  ({sum(errors)} failed requests)")
    return sum(done) / wall, (time.process_time() - cpu) / wall


def measure_http(
    queries: list[tuple[str, str, int]], seconds: float, port: int, rounds: int, pin: bool
) -> None:
    from django.conf import settings

    env = dict(os.environ, KORKYT_HOME=str(settings.BASE_DIR), PYTHONPATH=os.environ.get("PYTHONPATH", "src"))
    cmd = [sys.executable, "-m", "gunicorn", "korkyt.config.wsgi:application", "--bind", f"127.0.0.1:{port}",
           "--workers", "2", "--log-level", "warning"]  # fmt: skip
    cores = sorted(os.sched_getaffinity(0))
    pinned = pin and len(cores) >= 2
    if pinned:  # the server on the first core, this load client on the second
        cmd = ["taskset", "-c", str(cores[0]), *cmd]
        os.sched_setaffinity(0, {cores[1]})
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
        shares: list[float] = []
        for _round in range(rounds):
            for paths, into in ((["/healthz"], trivial), (search_paths, searched)):
                rate, share = _load(port, paths, seconds / rounds, 4)
                into.append(rate)
                shares.append(share)
        ratios = [s / t for s, t in zip(searched, trivial, strict=True)]
        each = f"{rounds} alternating rounds of {seconds / rounds:.1f} s per endpoint"
        where = (
            f"server pinned to core {cores[0]}, load client to core {cores[1]}"
            if pinned
            else "server and load client sharing the cores"
        )
        print(f"\nHTTP (gunicorn, 2 workers, 4 loopback clients, {each}; {where})")
        for label, values in (("/healthz", trivial), ("/api/search", searched)):
            print(
                f"{label:<12}{statistics.median(values):8.0f} req/s (median; min {min(values):.0f}, "
                f"max {max(values):.0f})"
            )
        print("ratio per round: " + ", ".join(f"{r:.2f}" for r in ratios))
        print(f"ratio (median of rounds): {statistics.median(ratios):.2f}")
        print(
            f"load client CPU: median {statistics.median(shares):.2f} of a core "
            f"(min {min(shares):.2f}, max {max(shares):.2f})"
        )
    finally:
        server.terminate()
        server.wait(timeout=15)
        if pinned:
            os.sched_setaffinity(0, set(cores))


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
    parser.add_argument("--latency-rounds", type=int, default=5, help="rounds over the queries")
    parser.add_argument(
        "--pg-url", help="PostgreSQL for the pg_trgm peer (default: DATABASE_URL if PostgreSQL)"
    )
    parser.add_argument("--no-pin", action="store_true", help="do not pin server and client to cores")
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
    pg_url = args.pg_url or (
        os.environ.get("DATABASE_URL") if os.environ.get("DATABASE_URL", "").startswith("postgres") else None
    )
    if not pg_url:
        print("(no PostgreSQL given: the pg_trgm peer is left out; pass --pg-url)")
    measure_selectors(queries, max(1, args.latency_rounds), pg_url)
    if not args.no_http:
        measure_http(queries, args.seconds, args.port, max(1, args.rounds), not args.no_pin)


if __name__ == "__main__":
    main()
