"""The checks of scripts/production-smoke.sh, through nginx, against the running production layout.

Exits non-zero with a message at the first check that fails. Standard library only, plus the project for
the few steps done beside HTTP: queueing the drill and ageing a job row (through the ORM, in this process),
sweeping (`celery call`) and the backup round trip (`korkyt backup` / `restore`).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

SRT = (
    "1\n00:00:01,000 --> 00:00:03,500\nСәлем, досым!\n\n"
    "2\n00:00:04,000 --> 00:00:06,500\nБүгін күн жылы.\n\n"
    "3\n00:00:07,000 --> 00:00:09,000\nҚорқыт ата.\n"
)


#: The drill holds a worker this many seconds (one sign of life a second); it is killed after the first.
DRILL_SECONDS = 10


class Failed(Exception):
    pass


def check(condition: object, message: str) -> None:
    if not condition:
        raise Failed(message)


class Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = ""
        self.seen = 0

    def request(
        self,
        method: str,
        path: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
    ) -> tuple[int, dict[str, str], bytes]:
        all_headers = {"Accept-Language": "en", **(headers or {})}
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        url = self.base + path  # the smoke's own http:// address
        req = urllib.request.Request(url, data=data, method=method, headers=all_headers)  # noqa: S310
        try:
            with self.opener.open(req, timeout=30) as response:
                status, head, body = response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            status, head, body = exc.code, dict(exc.headers), exc.read()
        check(status in expect, f"{method} {path}: {status}, expected {expect}: {body[:300]!r}")
        check(head.get("X-Served-By") == "nginx", f"{method} {path} did not come through nginx: {head}")
        self.seen += 1
        return status, head, body

    def json(self, method: str, path: str, payload: Any = None, expect: tuple[int, ...] = (200,)) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        csrf = self.cookie("csrftoken")
        if csrf and not self.token:
            headers["X-CSRFToken"] = csrf
            headers["Referer"] = self.base + "/"
        return json.loads(self.request(method, path, data=data, headers=headers, expect=expect)[2] or b"null")

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")


def multipart(
    fields: dict[str, str],
    file_field: str,
    file_name: str,
    content: bytes,
    content_type: str = "application/x-subrip",
) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wait_for(what: str, probe: Any, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.5)
    raise Failed(f"timed out waiting for {what}")


def orm() -> Any:
    """The project's models, in this process (set up once: polling a job's row costs a query, not a Python
    start-up with Django each time)."""
    import django

    django.setup()
    from korkyt.core import models

    return models


def job_state(pk: int) -> tuple[str, int, int, str, str]:
    """(status, attempts, progress, message, failure) of job ``pk``, read now."""
    job = orm().Job.objects.get(pk=pk)
    return job.status, job.attempts, job.progress, job.message, job.failure


def sign_in(client: Client, password: str) -> None:
    _status, _head, page = client.request("GET", "/en/accounts/login/")
    html = page.decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    check(match, "the sign-in page has no CSRF token")
    assert match is not None
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": match.group(1), "username": "admin", "password": password}
    ).encode()
    client.request(
        "POST",
        "/en/accounts/login/",
        data=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": client.base + "/en/accounts/login/",
        },
        expect=(200, 302),
    )
    check(client.cookie("sessionid"), "signing in set no session cookie")
    me = client.json("GET", "/api/me")
    check(me.get("username") == "admin", f"/api/me after sign-in: {me}")
    created = client.json("POST", "/api/tokens", {"name": "smoke", "expires_in_days": 1}, expect=(201,))
    client.token = created["token"]


def static_by_nginx(client: Client) -> None:
    _status, _head, page = client.request("GET", "/en/")
    match = re.search(r'(/static/[^"\'?#]+\.(?:css|js))', page.decode())
    check(match, "the home page links no static file")
    assert match is not None
    _status, head, body = client.request("GET", match.group(1))
    check(body, f"{match.group(1)} is empty")
    check("X-Request-ID" not in head, f"{match.group(1)} was answered by Django, not by nginx")
    check(
        head.get("Expires") or "max-age=31536000" in head.get("Cache-Control", ""),
        f"{match.group(1)}: no cache header",
    )
    print(f"  static file {match.group(1)} served by nginx")


def localization_flow(client: Client) -> None:
    films = client.json("GET", "/api/films?limit=50")
    items = films["items"] if isinstance(films, dict) else films
    check(items, "no films in the catalogue")
    film = items[0]["id"]
    body, content_type = multipart(
        {"film": str(film), "language": "kk-Cyrl"}, "file", "smoke.srt", SRT.encode()
    )
    track = json.loads(
        client.request(
            "POST",
            "/api/localization/tracks",
            data=body,
            headers={"Content-Type": content_type},
            expect=(201,),
        )[2]
    )
    job = client.json(
        "POST",
        "/api/localization/jobs",
        {"source_track": track["id"], "target_language": "kk-Latn", "reviewer": "admin"},
        expect=(201,),
    )
    prepared = wait_for(
        "the pre-translation",
        lambda: (
            (j := client.json("GET", f"/api/localization/jobs/{job['id']}"))["status"] != "preparing" and j
        ),
    )
    check(prepared["status"] == "in_progress", f"pre-translation ended as {prepared['status']}")
    delivery = client.json(
        "POST", f"/api/localization/jobs/{job['id']}/deliveries", {"format": "vtt"}, expect=(202,)
    )
    done = wait_for(
        "the delivery",
        lambda: (
            (d := client.json("GET", f"/api/localization/deliveries/{delivery['id']}"))["status"]
            in ("done", "failed")
            and d
        ),
    )
    check(done["status"] == "done" and done["size"] > 0, f"delivery: {done}")
    _s, _h, file = client.request("GET", f"/api/localization/deliveries/{delivery['id']}/file")
    text = json.loads(file).get("text", "")
    check(text.startswith("WEBVTT") and "-->" in text, f"delivery file: {file[:200]!r}")
    print(
        f"  track {track['id']} uploaded, job {job['id']} pre-translated, "
        f"delivery {done['file_name']} rendered"
    )


def search(client: Client) -> None:
    films = client.json("GET", "/api/films?limit=1")
    items = films["items"] if isinstance(films, dict) else films
    title = items[0].get("title") or ""
    word = (title.split() or ["film"])[0]
    found = client.json("GET", "/api/search?" + urllib.parse.urlencode({"q": word}))
    results = found.get("results") if isinstance(found, dict) else found
    check(results, f"searching {word!r} found nothing: {found}")
    client.request("GET", "/en/search/?" + urllib.parse.urlencode({"q": word}))
    print(f"  search for {word!r}: {len(results)} results")


def poster_thumbnail(client: Client) -> None:
    """A poster sent through the API gets thumbnails (sorl-thumbnail's thumbs/xx/yy/<hash>.jpg) that nginx
    serves from var/media/thumbs (the rest of /media/ stays closed)."""
    import io

    from PIL import Image

    jpeg = io.BytesIO()
    Image.new("RGB", (300, 450), (120, 30, 30)).save(jpeg, "JPEG")
    films = client.json("GET", "/api/films?limit=1")
    film = (films["items"] if isinstance(films, dict) else films)[0]["id"]
    body, content_type = multipart({"kind": "poster"}, "file", "poster.jpg", jpeg.getvalue(), "image/jpeg")
    image = json.loads(
        client.request(
            "POST",
            f"/api/films/{film}/images",
            data=body,
            headers={"Content-Type": content_type},
            expect=(201,),
        )[2]
    )
    thumb = next(iter(image["thumbnails"].values()))
    check(
        re.fullmatch(r"/media/thumbs/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\.jpg", thumb) is not None,
        f"thumbnail address: {image['thumbnails']}",
    )
    _s, head, data = client.request("GET", thumb)
    check(data.startswith(b"\xff\xd8") and "X-Request-ID" not in head, f"thumbnail not from nginx: {head}")
    client.request("GET", "/media/thumbs/00/00/" + "0" * 32 + ".jpg", expect=(404,))  # unknown: Django's 404
    print(f"  poster on film {film}: thumbnail {thumb} served by nginx from disk")


def both_web_instances_answered(home: Path, ports: list[str]) -> None:
    for port in ports:
        log = (home / f"web-{port}.log").read_text(errors="replace")
        check('"GET ' in log or "GET /" in log, f"gunicorn on {port} answered no request")


def kill_a_worker_mid_task(home: Path) -> None:
    orm()
    from django.db import transaction

    from korkyt.core.jobs import services

    with transaction.atomic():
        job = services.job_create(kind="drill")
        services.enqueue(job, "core.drill", seconds=DRILL_SECONDS)
    running_on = wait_for(
        "a worker to start the drill",
        lambda: next(
            (
                n
                for n in (1, 2)
                if "Task core.drill[" in (home / f"worker{n}.log").read_text(errors="replace")
            ),
            None,
        ),
        timeout=60,
    )
    # In the middle of the task: it has reported its first second of work, and has more to do.
    wait_for("the drill's first sign of life", lambda: job_state(job.pk)[2] > 0, timeout=60)
    parent = int((home / f"worker{running_on}.pid").read_text())
    children = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True, check=False)
    child = int(children.stdout.split()[0])
    os.kill(child, signal.SIGKILL)  # the process executing the task dies mid-way
    os.kill(parent, signal.SIGTERM)  # and its worker leaves: the task must go to the other one
    print(f"  killed worker{running_on}'s process {child} (SIGKILL) mid-drill; worker{running_on} stopped")
    final = wait_for(
        "the drill to finish after the kill",
        lambda: (s := job_state(job.pk))[0] in ("done", "failed") and s,
        timeout=90,
    )
    other = 2 if running_on == 1 else 1
    check(final[0] == "done", f"drill after the kill: {final}")
    check(final[3] == f"drill finished by worker{other}@smoke", f"drill finished elsewhere: {final}")
    check(final[1] == 2, f"drill ran {final[1]} times (expected the killed attempt and one more)")
    other_log = (home / f"worker{other}.log").read_text(errors="replace")
    check(re.search(r"Task core\.drill\[[^]]+\] succeeded", other_log), "no success on the other worker")
    print(f"  the drill finished once, on worker{other}, attempt {final[1]}")


def stale_job_swept() -> None:
    import datetime as dt

    from django.utils import timezone

    old = timezone.now() - dt.timedelta(hours=2)
    job = orm().Job.objects.create(
        kind="smoke-stale",
        task="core.ping",
        status="running",
        started_at=old,
        heartbeat_at=old,
        queued_at=old,
    )
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "korkyt.config.celery", "call", "core.sweep_stale_jobs"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    swept = wait_for("the stale job to be swept", lambda: (s := job_state(job.pk))[0] == "failed" and s)
    check("retry" in swept[4], f"the swept job does not offer a retry: {swept}")
    from django.db import transaction

    from korkyt.core.jobs import services
    from korkyt.core.permissions import SYSTEM

    with transaction.atomic():
        services.job_retry(actor=SYSTEM, job=orm().Job.objects.get(pk=job.pk))
    retried = wait_for("the retried job", lambda: (s := job_state(job.pk))[0] in ("done", "failed") and s)
    check(retried[0] == "done", f"the retried job: {retried}")
    print(f"  stale job {job.pk} swept by a worker: {swept[0]} | {swept[4]}; retried: {retried[0]}")


def backup_round_trip(home: Path) -> None:
    from django.db import connections

    connections.close_all()  # this process's connection is not left open across the restore
    archive = home / "smoke-backup.tar"
    for args in (["backup", str(archive)], ["restore", str(archive), "--check"]):
        done = subprocess.run(
            [sys.executable, "-m", "korkyt.cli", *args], capture_output=True, text=True, check=False
        )
        check(done.returncode == 0, f"korkyt {args[0]}: {done.stderr[-1000:]}")
    print(f"  backup written and checked ({archive.stat().st_size // 1024} KB)")


def tls_and_body_limit(base: str, tls: str, ca: Path) -> None:
    """nginx terminates TLS (deploy/'s protocols) and refuses a body over client_max_body_size with 413
    before any of it reaches gunicorn."""
    import http.client
    import ssl

    context = ssl.create_default_context(cafile=str(ca))
    with urllib.request.urlopen(tls + "/readyz", timeout=30, context=context) as answer:  # noqa: S310
        check(answer.status == 200 and answer.headers.get("X-Served-By") == "nginx", "/readyz over TLS")
    host, port = urllib.parse.urlsplit(tls).hostname, urllib.parse.urlsplit(tls).port
    conn = http.client.HTTPSConnection(str(host), port, context=context, timeout=30)
    conn.connect()
    version = conn.sock.version() if conn.sock else None  # type: ignore[union-attr]
    conn.close()
    check(version in ("TLSv1.2", "TLSv1.3"), f"TLS version {version}")
    parts = urllib.parse.urlsplit(base)
    plain = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=30)
    plain.putrequest("POST", "/api/localization/tracks")
    plain.putheader("Content-Type", "application/octet-stream")
    plain.putheader("Content-Length", str(22 * 1024 * 1024))  # over 21m: nginx answers before the body
    plain.endheaders()
    answer = plain.getresponse()
    answer.read()
    check(answer.status == 413, f"a 22 MB body: {answer.status}, expected nginx's 413")
    check("X-Request-ID" not in answer.headers, "the 413 came from Django, not nginx")
    plain.close()
    print(f"  TLS through nginx ({version}); a 22 MB body refused by nginx with 413")


def metrics_summed(ports: list[str]) -> None:
    """Each gunicorn instance's /metrics (multiprocess mode) adds up its worker processes' counts."""
    from concurrent.futures import ThreadPoolExecutor

    from prometheus_client.parser import text_string_to_metric_families

    for port in ports:
        base = f"http://127.0.0.1:{port}"

        def healthz_count(base: str = base) -> float:
            token = os.environ["KORKYT_METRICS_TOKEN"]
            headers = {"Authorization": f"Bearer {token}"}
            request = urllib.request.Request(base + "/metrics", headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                text = answer.read().decode()
            return sum(
                s.value
                for family in text_string_to_metric_families(text)
                for s in family.samples
                if s.name == "korkyt_http_requests_total" and s.labels.get("view") == "healthz"
            )

        def hit(_n: int, base: str = base) -> None:
            with urllib.request.urlopen(base + "/healthz", timeout=30) as answer:  # noqa: S310
                answer.read()

        before = healthz_count()
        # 30 requests, 10 at a time on new connections: both of gunicorn's workers take some
        with ThreadPoolExecutor(10) as pool:
            list(pool.map(hit, range(30)))
        after = healthz_count()
        check(after - before == 30, f"gunicorn :{port}: /metrics counted {after - before} of 30 /healthz")
        folder = Path(os.environ["KORKYT_HOME"]) / f"metrics-{port}"
        pids = {p.stem.rsplit("_", 1)[-1] for p in folder.glob("counter_*.db")}
        check(len(pids) >= 2, f"gunicorn :{port}: counts from {len(pids)} worker process(es), expected 2")
    print("  /metrics of each gunicorn instance sums its 2 worker processes (30 of 30 requests counted)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--home", required=True, type=Path)
    parser.add_argument("--web-ports", required=True)
    parser.add_argument("--tls", help="nginx's TLS address (checked with --tls-ca)")
    parser.add_argument("--tls-ca", type=Path)
    args = parser.parse_args()
    client = Client(args.base)
    started = time.monotonic()
    try:
        wait_for("nginx and gunicorn", lambda: _ready(client), timeout=180)
        ready = client.json("GET", "/readyz")
        check(ready["status"] == "ready", f"/readyz: {ready}")
        print(f"  /readyz through nginx: {ready['checks']}")
        static_by_nginx(client)
        sign_in(client, os.environ["KORKYT_ADMIN_PASSWORD"])
        localization_flow(client)
        search(client)
        poster_thumbnail(client)
        both_web_instances_answered(args.home, args.web_ports.split(","))
        print(f"  {client.seen} responses, every one through nginx; both gunicorn instances answered")
        if args.tls and args.tls_ca:
            tls_and_body_limit(args.base, args.tls, args.tls_ca)
        if os.environ.get("KORKYT_METRICS_TOKEN"):
            metrics_summed(args.web_ports.split(","))
        kill_a_worker_mid_task(args.home)
        stale_job_swept()
        backup_round_trip(args.home)
    except Failed as exc:
        print(f"!! {exc}", file=sys.stderr)
        return 1
    print(f"  checks took {time.monotonic() - started:.0f} s")
    return 0


def _ready(client: Client) -> bool:
    try:
        client.request("GET", "/healthz")
        return True
    except (Failed, OSError):
        return False


if __name__ == "__main__":
    sys.exit(main())
