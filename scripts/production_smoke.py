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


def multipart(fields: dict[str, str], file_field: str, file_name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        "Content-Type: application/x-subrip\r\n\r\n".encode()
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
    print(f"  stale job {job.pk} swept by a worker: {swept[0]} | {swept[4]}")


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--home", required=True, type=Path)
    parser.add_argument("--web-ports", required=True)
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
        both_web_instances_answered(args.home, args.web_ports.split(","))
        print(f"  {client.seen} responses, every one through nginx; both gunicorn instances answered")
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
