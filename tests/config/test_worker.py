"""The background worker really consumes queued work: a real ``celery worker`` process (solo pool) beside
this one, both pointed at the same SQLite file, through the embedded filesystem broker (no server) and
through Redis (``KORKYT_TEST_REDIS_URL``; marked ``redis``). Work is queued by the services as the web app
queues it: a pre-translation (memory and transliteration) and a delivery; a job left queued with no
worker is swept to failed, retried, and done by the worker that starts later."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SETUP = """
import django, json
django.setup()
from django.db import transaction
from django.contrib.contenttypes.models import ContentType
from korkyt.accounts.models import Role, RoleAssignment, User
from korkyt.catalogue.models import Film, FilmTitle
from korkyt.core.permissions import SYSTEM
from korkyt.institutions.models import Institution
from korkyt.localization import services
from korkyt.localization.models import MemoryUnit
from korkyt.mt.memory import normalise

SRT = "1\\n00:00:01,000 --> 00:00:03,500\\nСәлем, досым!\\n\\n2\\n00:00:04,000 --> 00:00:06,500\\nБүгін күн жылы.\\n"
owner = Institution.objects.create(code="KZ-W", kind="national_agency", country="KZ", native_language="kk-Cyrl")
film = Film.objects.create(owner=owner, status="published", year=2024)
FilmTitle.objects.create(film=film, text="Дала", language="kk-Cyrl")
translator = User.objects.create_user(username="t", password="x")
reviewer = User.objects.create_user(username="r", password="x")
RoleAssignment.objects.create(user=translator, role=Role.TRANSLATOR, content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk)
RoleAssignment.objects.create(user=reviewer, role=Role.REVIEWER, content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk)
MemoryUnit.objects.create(source_language="kk-Cyrl", target_language="tr", source_text="Сәлем, досым!",
                          source_key=normalise("Сәлем, досым!"), target_text="Merhaba dostum!")
track = services.track_upload(actor=SYSTEM, film=film, language="kk-Cyrl", data=SRT.encode(), file_name="w.srt")
with transaction.atomic():
    translation = services.job_order(actor=SYSTEM, source=track, target_language="tr", assignee=translator,
                                     reviewer=reviewer)
    translit = services.job_order(actor=SYSTEM, source=track, target_language="kk-Latn", reviewer=reviewer)
    delivery = services.delivery_request(actor=SYSTEM, job=translation, fmt="vtt")
print(json.dumps({"translation": translation.pk, "translit": translit.pk, "delivery": delivery.pk,
                  "jobs": [translation.background_id, translit.background_id, delivery.background_id]}))
"""

PING = """
import django
django.setup()
from django.db import transaction
from korkyt.core.jobs import services
with transaction.atomic():
    job = services.job_create(kind="ping")
    services.enqueue(job, "core.ping")
print(job.pk)
"""

SWEEP_AND_RETRY = """
import django, sys
django.setup()
from django.db import transaction
from korkyt.core.jobs import services
from korkyt.core.models import Job
from korkyt.core.permissions import SYSTEM
from django.utils import timezone
import datetime as dt
# no worker: the sweep runs as if the job had been queued longer than KORKYT_JOB_QUEUED_MINUTES
print(services.jobs_sweep_stale(now=timezone.now() + dt.timedelta(minutes=int(sys.argv[2]))))
job = Job.objects.get(pk=int(sys.argv[1]))
print(job.status, job.failure)
with transaction.atomic():
    services.job_retry(actor=SYSTEM, job=job)
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "KORKYT_CELERY_EAGER"}
    }
    src = str(Path(__file__).resolve().parents[2] / "src")
    env.update(
        KORKYT_HOME=str(home),
        DJANGO_SETTINGS_MODULE="korkyt.config.settings",
        PYTHONPATH=os.pathsep.join([src, env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        **{"KORKYT_LOG_LEVEL": "WARNING", **extra},
    )
    return env


def _python(code: str, env: dict[str, str], home: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=home, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database, made once and copied for each test."""
    home = tmp_path_factory.mktemp("migrated")
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"],
        env=_env(home),
        cwd=home,
        check=True,
        timeout=300,
    )
    return home / "var" / "korkyt.sqlite3"


@pytest.fixture
def home(tmp_path: Path, migrated: Path) -> Path:
    (tmp_path / "var").mkdir()
    shutil.copy(migrated, tmp_path / "var" / "korkyt.sqlite3")
    return tmp_path


class Worker:
    def __init__(self, home: Path, env: dict[str, str]) -> None:
        self.home = home
        self.log = (home / "worker.log").open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "korkyt.config.celery",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env=env,
            cwd=home,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def start_worker() -> Iterator[object]:
    workers: list[Worker] = []

    def start(home: Path, env: dict[str, str]) -> Worker:
        workers.append(Worker(home, env))
        return workers[-1]

    yield start
    for worker in workers:
        worker.stop()


def _query(home: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(home / "var" / "korkyt.sqlite3", timeout=20) as db:
        return db.execute(sql, params).fetchall()


def _wait_finished(home: Path, job_ids: list[int], worker: Worker, timeout: float = 120) -> dict[int, str]:
    marks = ",".join("?" * len(job_ids))
    deadline = time.monotonic() + timeout
    statuses: dict[int, str] = {}
    while time.monotonic() < deadline:
        statuses = dict(_query(home, f"SELECT id, status FROM core_job WHERE id IN ({marks})", *job_ids))
        if all(s in ("done", "failed") for s in statuses.values()) or worker.proc.poll() is not None:
            break
        time.sleep(0.5)
    log = (worker.home / "worker.log").read_text(errors="replace")[-3000:]
    assert all(s in ("done", "failed") for s in statuses.values()), f"still {statuses}; worker log:\n{log}"
    return statuses


def _pretranslation_and_delivery(home: Path, env: dict[str, str], start_worker) -> None:
    ids = json.loads(_python(SETUP, env, home).splitlines()[-1])
    queued = _query(home, "SELECT status, task FROM core_job WHERE id = ?", ids["jobs"][0])
    assert queued == [("queued", "localization.prepare_job")]  # nothing runs in the requesting process
    worker = start_worker(home, env)
    statuses = _wait_finished(home, ids["jobs"], worker)
    assert set(statuses.values()) == {"done"}, _query(home, "SELECT id, status, message FROM core_job")
    cues = _query(
        home,
        "SELECT text, origin FROM localization_targetcue WHERE job_id = ? ORDER BY position",
        ids["translation"],
    )
    assert cues == [("Merhaba dostum!", "tm_exact"), ("", "")]  # memory hit; no MT engine for the other
    latin = _query(
        home, "SELECT text FROM localization_targetcue WHERE job_id = ? ORDER BY position", ids["translit"]
    )
    assert latin == [("Sälem, dosym!",), ("Bügın kün jyly.",)]
    ((name, path, size, error),) = _query(
        home, "SELECT name, file, size, error FROM localization_delivery WHERE id = ?", ids["delivery"]
    )
    text = (home / "var" / "media" / path).read_text(encoding="utf-8")
    assert name.endswith(".tr.vtt") and size == len(text.encode()) and not error and text.startswith("WEBVTT")
    ((attempts, started, heartbeat),) = _query(
        home, "SELECT attempts, started_at, heartbeat_at FROM core_job WHERE id = ?", ids["jobs"][0]
    )
    assert attempts == 1 and started and heartbeat


def _swept_then_retried(home: Path, env: dict[str, str], start_worker) -> None:
    job_id = int(_python(PING, env, home))
    sweep_env = {**env, "KORKYT_JOB_QUEUED_MINUTES": "1"}
    out = _python(SWEEP_AND_RETRY, sweep_env, home, str(job_id), "2").splitlines()
    assert out == ["1", "failed The background worker did not pick this up; retry."]
    assert _query(home, "SELECT status FROM core_job WHERE id = ?", job_id) == [("queued",)]
    worker = start_worker(home, env)  # gets the first message (earlier token: nothing) and the retry
    assert _wait_finished(home, [job_id], worker) == {job_id: "done"}
    assert _query(home, "SELECT attempts, message FROM core_job WHERE id = ?", job_id) == [(1, "pong")]


def test_embedded_broker_worker_pretranslates_and_renders_a_delivery(home: Path, start_worker):
    _pretranslation_and_delivery(home, _env(home), start_worker)
    assert (home / "var" / "broker" / "control").is_dir()  # the exchange table under var/, not the cwd
    assert not (home / "control").exists() and not (Path.cwd() / "control").exists()


def test_embedded_broker_a_job_no_worker_picked_up_is_swept_retried_and_done(home: Path, start_worker):
    _swept_then_retried(home, _env(home), start_worker)


@pytest.fixture
def redis_env(redis_url: str) -> str:
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    return redis_url


@pytest.mark.redis
def test_redis_broker_worker_pretranslates_and_renders_a_delivery(home: Path, start_worker, redis_env: str):
    _pretranslation_and_delivery(home, _env(home, REDIS_URL=redis_env), start_worker)


@pytest.mark.redis
def test_redis_broker_a_job_no_worker_picked_up_is_swept_retried_and_done(
    home: Path, start_worker, redis_env: str
):
    _swept_then_retried(home, _env(home, REDIS_URL=redis_env), start_worker)


PING_FROM_A_REQUEST = """
import django
django.setup()
from django.db import transaction
from korkyt.core.audit.context import origin_scope
from korkyt.core.jobs import services
with origin_scope(request_id="req-from-the-web", user=None), transaction.atomic():
    job = services.job_create(kind="ping")
    services.enqueue(job, "core.ping")
print(job.pk)
"""


def test_worker_logs_json_lines_with_the_task_and_the_request_that_queued_it(home: Path, start_worker):
    env = _env(home, KORKYT_LOG_FORMAT="json", KORKYT_LOG_LEVEL="INFO")
    job_id = int(_python(PING_FROM_A_REQUEST, env, home))
    worker = start_worker(home, env)
    assert _wait_finished(home, [job_id], worker) == {job_id: "done"}
    worker.stop()
    lines = [line for line in (home / "worker.log").read_text().splitlines() if line.strip()]
    entries = []
    for line in lines:
        if line.startswith((" ", "-", "[")) or not line.startswith("{"):
            continue  # Celery's start-up banner is printed, not logged
        entries.append(json.loads(line))
    started = [e for e in entries if e["message"] == f"job {job_id} (core.ping) started, attempt 1"]
    assert len(started) == 1, lines
    assert started[0]["request_id"] == "req-from-the-web"
    assert started[0]["task"] == "core.ping" and started[0]["task_id"]
    assert any("succeeded" in e["message"] for e in entries), lines  # Celery's own lines are JSON too


def test_korkyt_serve_starts_the_worker_and_beat_with_its_schedule_under_var(home: Path):
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = _env(home)
    elsewhere = home / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "korkyt.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        cwd=elsewhere,  # KORKYT_HOME decides where var/ is, not the working directory
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        schedule = home / "var" / "celerybeat-schedule"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not list(schedule.parent.glob("celerybeat-schedule*")):
            time.sleep(0.5)
        assert list(schedule.parent.glob("celerybeat-schedule*")), "beat did not start"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.status == 200
        job_id = int(_python(PING, env, home))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if _query(home, "SELECT status FROM core_job WHERE id = ?", job_id) == [("done",)]:
                break
            time.sleep(0.5)
        assert _query(home, "SELECT status FROM core_job WHERE id = ?", job_id) == [("done",)]
        assert not list(elsewhere.iterdir())  # nothing written in the working directory
    finally:
        proc.terminate()
        proc.wait(timeout=40)
