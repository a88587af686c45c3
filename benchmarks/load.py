"""Load: mixed traffic against the production layout and against the embedded ``make run`` setup.

Production layout (as ``scripts/production-smoke.sh`` starts it): nginx with the locations of
``deploy/nginx/korkyt.conf`` in front of two gunicorn instances (``deploy/gunicorn.conf.py``: 2 workers x 4
threads each) on PostgreSQL, Redis as cache and broker, ``KORKYT_ENV=production``. Embedded: ``korkyt serve``
(gunicorn 2 workers x 4 threads, SQLite under ``var/``, the filesystem broker, the Celery worker and beat),
as ``make run`` starts it. Both get ``korkyt setup`` with the demo data.

A bounded asyncio client on loopback (``--users`` simulated people, each with one keep-alive HTTP/1.1
connection and its own cookies, no think time) sends for ``--duration`` seconds a mix of: the home and
catalogue pages in the eight languages, film pages, the search page and ``/api/search``, API reads
(film list, one film), sign-ins through the form (Argon2: the costliest request) and writes
(``POST /api/people`` with an API token). The layouts alternate for ``--rounds`` rounds (a shared machine
has slower minutes: each round compares like with like), after ``--warmup`` seconds of uncounted load
each. Printed per run: requests/s, p50/p95/p99, status counts; the run fails unless there is **no 5xx**
and **no lost write** (every ``201`` person is read back through the API afterwards, and no person the
run did not get a ``201`` for exists).

    PYTHONPATH=src python benchmarks/load.py --pg postgres://postgres@127.0.0.1:5432 \\
        --db korkyt_load --redis redis://127.0.0.1:6379/6 --duration 60 --rounds 2 --users 16

The API write limit (``KORKYT_RATE_API_WRITES``) is switched off for both layouts: this measures the
servers, not the limiter.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
LANGS = ("en", "ru", "kk", "az", "ky", "tk", "tr", "uz")
QUERIES = ("dala", "дала", "sky", "небо", "kök", "aspan", "ana", "yol", "жол", "film")
PASSWORD = "load-admin-password-42"
# (weight, kind): the mix of one simulated person's requests.
MIX = (
    (16, "home"),
    (14, "films"),
    (20, "film"),
    (10, "search_page"),
    (10, "api_search"),
    (12, "api_films"),
    (10, "api_film"),
    (3, "sign_in"),
    (5, "write"),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=3) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"no answer from {url}")


# --- a small HTTP/1.1 client on asyncio streams ------------------------------------------------------


class Conn:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.cookies: dict[str, str] = {}

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        for attempt in (1, 2):  # a kept connection the server closed meanwhile is opened again, once
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            head = {"Host": f"{self.host}:{self.port}", "Connection": "keep-alive", **(headers or {})}
            if self.cookies:
                head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if body or method in ("POST", "PUT", "PATCH"):
                head["Content-Length"] = str(len(body))
            lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in head.items()), "", ""]
            try:
                self.writer.write("\r\n".join(lines).encode() + body)
                await self.writer.drain()
                return await self._read()
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _read(self) -> tuple[int, dict[str, str], bytes]:
        assert self.reader is not None
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
            headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            data = b"".join(chunks)
        else:
            data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, data


# --- one run --------------------------------------------------------------------------------------------


@dataclass
class Site:
    name: str
    port: int
    token: str = ""
    films: list[int] = field(default_factory=list)


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    created: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


async def sign_in(conn: Conn, username: str = "admin") -> int:
    status, _h, page = await conn.request("GET", "/en/accounts/login/")
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not match:
        return status
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match.group(1).decode(), "username": username, "password": PASSWORD}
    ).encode()
    status, _h, _b = await conn.request(
        "POST",
        "/en/accounts/login/",
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{conn.port}/en/accounts/login/",
            "X-Forwarded-Proto": "http",
        },
    )
    return status


async def simulate(site: Site, deadline: float, user: int, marker: str, result: Result, seed: int) -> None:
    rng = random.Random(seed)
    weights = [w for w, _k in MIX]
    kinds = [k for _w, k in MIX]
    conn = Conn("127.0.0.1", site.port)
    serial = 0
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        lang = rng.choice(LANGS)
        film = rng.choice(site.films)
        query = urllib.parse.quote(rng.choice(QUERIES))
        start = time.perf_counter()
        try:
            if kind == "home":
                status, _h, _b = await conn.request("GET", f"/{lang}/")
            elif kind == "films":
                status, _h, _b = await conn.request("GET", f"/{lang}/films/")
            elif kind == "film":
                status, _h, _b = await conn.request("GET", f"/{lang}/films/{film}/")
            elif kind == "search_page":
                status, _h, _b = await conn.request("GET", f"/{lang}/search/?q={query}")
            elif kind == "api_search":
                status, _h, _b = await conn.request("GET", f"/api/search?q={query}")
            elif kind == "api_films":
                status, _h, _b = await conn.request("GET", f"/api/films?limit=20&offset={rng.randrange(4)}")
            elif kind == "api_film":
                status, _h, _b = await conn.request("GET", f"/api/films/{film}")
            elif kind == "sign_in":
                fresh = Conn("127.0.0.1", site.port)  # a new visitor: no session yet
                try:
                    status = await sign_in(fresh)
                finally:
                    await fresh.close()
            else:
                serial += 1
                payload = json.dumps({"names": [{"text": f"{marker} u{user} n{serial}", "language": "en"}]})
                status, _h, body = await conn.request(
                    "POST",
                    "/api/people",
                    payload.encode(),
                    {"Content-Type": "application/json", "Authorization": f"Bearer {site.token}"},
                )
                if status == 201:
                    result.created.add(int(json.loads(body)["id"]))
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            result.errors.append(f"{kind}: {error!r}")
            await conn.close()
            continue
        result.latencies.append(time.perf_counter() - start)
        result.statuses[status] += 1
        result.by_kind[kind] += 1
        if status >= 500 and len(result.errors) < 20:
            result.errors.append(f"{kind} {lang}: {status}")
    await conn.close()


def api_get(site: Site, path: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{site.port}{path}", headers={"Authorization": f"Bearer {site.token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def written(site: Site, marker: str) -> set[int]:
    """Ids of every person whose name carries the run's marker, read back through the API."""
    ids: set[int] = set()
    offset = 0
    while True:
        page = api_get(site, f"/api/people?q={urllib.parse.quote(marker)}&limit=200&offset={offset}")
        ids |= {int(item["id"]) for item in page["items"]}
        offset += 200
        if offset >= page["count"]:
            return ids


def run(site: Site, users: int, duration: float, seed: int) -> dict:
    marker = f"load{seed}x{random.Random(seed).randrange(10**6)}"
    result = Result()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.monotonic()

    async def main() -> None:
        deadline = time.monotonic() + duration
        await asyncio.gather(
            *(simulate(site, deadline, u, marker, result, seed * 1000 + u) for u in range(users))
        )

    asyncio.run(main())
    elapsed = time.monotonic() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    found = written(site, marker)
    lat = sorted(result.latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else 0.0

    return {
        "layout": site.name,
        "requests": len(lat),
        "rps": len(lat) / elapsed,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "statuses": dict(sorted(result.statuses.items())),
        "server_errors": sum(n for s, n in result.statuses.items() if s >= 500),
        "client_errors": result.errors[:10],
        "writes": len(result.created),
        "lost_writes": len(result.created - found),
        "unexpected_rows": len(found - result.created),
        "client_cpu_s": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
        "mix": dict(result.by_kind),
    }


# --- the two layouts ------------------------------------------------------------------------------------


def base_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "KORKYT_CELERY_EAGER"}
    }
    env.update(
        KORKYT_HOME=str(home),
        KORKYT_ADMIN_PASSWORD=PASSWORD,
        KORKYT_RATE_API_WRITES="",
        KORKYT_RATE_TOKENS="",
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="korkyt.config.settings",
        KORKYT_LOG_LEVEL="WARNING",
    )
    return env


class Layouts:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.procs: list[subprocess.Popen[bytes]] = []
        self.groups: list[int] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="korkyt-load."))
        self.tmp.chmod(0o755)
        self.nginx_pid: Path | None = None

    def spawn(self, cmd: list[str], env: dict[str, str], log: str, group: bool = False) -> None:
        out = (self.tmp / log).open("wb")
        proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=group
        )
        self.procs.append(proc)
        if group:
            self.groups.append(proc.pid)

    def production(self) -> Site:
        args = self.args
        home = self.tmp / "production"
        home.mkdir(mode=0o755)
        subprocess.run(
            [
                "psql",
                f"{args.pg}/postgres",
                "-q",
                "-c",
                f"DROP DATABASE IF EXISTS {args.db} WITH (FORCE)",
                "-c",
                f"CREATE DATABASE {args.db}",
            ],
            check=True,
            capture_output=True,
        )
        import redis

        redis.Redis.from_url(args.redis).flushdb()
        web = [free_port(), free_port()]
        port = free_port()
        env = base_env(home)
        env.update(
            KORKYT_ENV="production",
            KORKYT_HTTPS="false",
            SECRET_KEY="load-" + os.urandom(24).hex(),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
            DATABASE_URL=f"{args.pg}/{args.db}",
            REDIS_URL=args.redis,
            KORKYT_TRUSTED_PROXIES="1",
        )
        subprocess.run([PY, "-m", "korkyt.cli", "setup"], env=env, cwd=ROOT, check=True, capture_output=True)
        conf = (ROOT / "deploy" / "nginx" / "korkyt.conf").read_text()
        upstream = re.search(r"^upstream korkyt_web \{.*?^\}", conf, re.S | re.M)
        locations = re.search(r"^\s*client_max_body_size.*?(?=^\}\s*\Z)", conf, re.S | re.M)
        assert upstream and locations
        upstream_text = upstream.group(0).replace("127.0.0.1:8001", f"127.0.0.1:{web[0]}")
        upstream_text = upstream_text.replace("127.0.0.1:8002", f"127.0.0.1:{web[1]}")
        self.nginx_pid = home / "nginx.pid"
        (home / "nginx.conf").write_text(
            f"""worker_processes 1;
pid {self.nginx_pid};
error_log {home}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {home}/nginx-body;
  proxy_temp_path {home}/nginx-proxy;
  {upstream_text}
  server {{
    listen 127.0.0.1:{port};
    server_name 127.0.0.1;
    {locations.group(0).replace("/srv/korkyt/", f"{home}/")}
  }}
}}
"""
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        conf_file, error_log = str(home / "nginx.conf"), str(home / "nginx-error.log")
        subprocess.run([nginx, "-c", conf_file, "-e", error_log], check=True)
        for web_port in web:
            genv = dict(env, KORKYT_BIND=f"127.0.0.1:{web_port}")
            self.spawn(
                [
                    PY,
                    "-m",
                    "gunicorn",
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "--access-logfile",
                    "/dev/null",
                    "korkyt.config.wsgi:application",
                ],
                genv,
                f"web-{web_port}.log",
            )
        for web_port in web:
            wait_http(f"http://127.0.0.1:{web_port}/healthz")
        wait_http(f"http://127.0.0.1:{port}/healthz")
        return Site("production", port)

    def embedded(self) -> Site:
        home = self.tmp / "embedded"
        home.mkdir()
        env = base_env(home)
        subprocess.run([PY, "-m", "korkyt.cli", "setup"], env=env, cwd=ROOT, check=True, capture_output=True)
        port = free_port()
        self.spawn([PY, "-m", "korkyt.cli", "serve", "--port", str(port)], env, "embedded.log", group=True)
        wait_http(f"http://127.0.0.1:{port}/healthz")
        return Site("embedded", port)

    def stop(self) -> None:
        if self.nginx_pid and self.nginx_pid.exists():
            os.kill(int(self.nginx_pid.read_text().strip()), signal.SIGQUIT)
        for proc in self.procs:
            if proc.pid in self.groups:
                os.killpg(proc.pid, signal.SIGTERM)
            else:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self.groups:
            time.sleep(2)
            for pgid in self.groups:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, signal.SIGKILL)
        drop = f"DROP DATABASE IF EXISTS {self.args.db} WITH (FORCE)"
        subprocess.run(
            ["psql", f"{self.args.pg}/postgres", "-q", "-c", drop],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.tmp, ignore_errors=True)


def prepare(site: Site) -> None:
    """An API token for the writes (signed in through the form) and the films to ask for."""

    async def go() -> None:
        conn = Conn("127.0.0.1", site.port)
        status = await sign_in(conn)
        assert status == 302, f"{site.name}: sign-in answered {status}"
        payload = json.dumps({"name": "load", "expires_in_days": 1}).encode()
        status, _h, body = await conn.request(
            "POST",
            "/api/tokens",
            payload,
            {
                "Content-Type": "application/json",
                "X-CSRFToken": conn.cookies.get("csrftoken", ""),
                "Referer": f"http://127.0.0.1:{site.port}/",
            },
        )
        assert status == 201, f"{site.name}: token answered {status} {body[:200]!r}"
        site.token = json.loads(body)["token"]
        await conn.close()

    asyncio.run(go())
    site.films = [int(item["id"]) for item in api_get(site, "/api/films?limit=100")["items"]]
    assert site.films, f"{site.name}: no films"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--db", default="korkyt_load", help="database made (and dropped) for the run")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9", help="Redis db (flushed)")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=10, help="seconds of uncounted load per layout")
    parser.add_argument("--json", type=Path, help="also write the runs here")
    args = parser.parse_args()
    layouts = Layouts(args)
    runs: list[dict] = []
    try:
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; setting up both layouts…")
        sites = [layouts.production(), layouts.embedded()]
        for site in sites:
            prepare(site)
            if args.warmup:  # first requests load templates, translations, connections: not counted
                run(site, args.users, args.warmup, seed=999)
        for round_no in range(args.rounds):
            order = sites if round_no % 2 == 0 else sites[::-1]
            for site in order:
                result = run(site, args.users, args.duration, seed=round_no * 10 + (site.name == "embedded"))
                result["round"] = round_no + 1
                runs.append(result)
                r = result
                print(
                    f"round {round_no + 1} {site.name:10} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.1f}"
                    f"  p95 {r['p95_ms']:7.1f}  p99 {r['p99_ms']:7.1f} ms  5xx {r['server_errors']}"
                    f"  writes {r['writes']} lost {r['lost_writes']}  statuses {r['statuses']}"
                    f"  client CPU {r['client_cpu_s']:.1f} s  load {os.getloadavg()[0]:.1f}"
                )
                if result["client_errors"]:
                    print("   client errors:", result["client_errors"])
    finally:
        layouts.stop()
    for name in ("production", "embedded"):
        mine = [r for r in runs if r["layout"] == name]
        if mine:
            rps = [r["rps"] for r in mine]
            p95 = [r["p95_ms"] for r in mine]
            spread = f"{min(rps):.1f}–{max(rps):.1f}"
            print(
                f"{name:10} req/s median {statistics.median(rps):.1f} (min–max {spread}),"
                f" p95 {min(p95):.0f}–{max(p95):.0f} ms over {len(mine)} runs of {args.duration:.0f} s,"
                f" {args.users} users"
            )
    if args.json:
        args.json.write_text(json.dumps(runs, indent=2))
    bad = [r for r in runs if r["server_errors"] or r["lost_writes"] or r["unexpected_rows"]]
    if bad:
        print("FAILED: 5xx answers or lost writes in", [(r["layout"], r["round"]) for r in bad])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
