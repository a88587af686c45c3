"""The background worker really consumes queued work: a real Celery worker process, the embedded filesystem
broker (no server), and a SQLite file; then the same with Redis as the broker when Redis answers."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ENQUEUE = """
import django
django.setup()
from django.db import transaction
from korkyt.core import services
from korkyt.core.tasks import ping
with transaction.atomic():
    job = services.job_create(kind="ping")
    services.job_enqueue(job=job, task=ping)
print(job.pk)
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(KORKYT_HOME=str(home), DJANGO_SETTINGS_MODULE="korkyt.config.settings", **extra)
    return env


def _run_job_through_worker(home: Path, env: dict[str, str]) -> str:
    py = sys.executable
    subprocess.run(
        [py, "-m", "django", "migrate", "--no-input", "-v", "0"], env=env, cwd=home, check=True, timeout=120
    )
    job_id = int(
        subprocess.run(
            [py, "-c", ENQUEUE], env=env, cwd=home, check=True, capture_output=True, text=True, timeout=60
        ).stdout.strip()
    )
    (home / "var" / "broker" / "processed").mkdir(parents=True, exist_ok=True)
    worker = subprocess.Popen(
        [
            py,
            "-m",
            "celery",
            "-A",
            "korkyt.config.celery",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    status = "queued"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with sqlite3.connect(home / "var" / "korkyt.sqlite3") as db:
                status = db.execute("SELECT status FROM core_job WHERE id = ?", (job_id,)).fetchone()[0]
            if status in ("done", "failed"):
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    return status


@pytest.mark.slow
def test_embedded_broker_and_worker_complete_a_queued_job(tmp_path: Path):
    assert _run_job_through_worker(tmp_path, _env(tmp_path)) == "done"


@pytest.mark.slow
@pytest.mark.redis
def test_redis_broker_and_worker_complete_a_queued_job(tmp_path: Path, redis_url: str):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    assert _run_job_through_worker(tmp_path, _env(tmp_path, REDIS_URL=redis_url)) == "done"
