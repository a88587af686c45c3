"""Prometheus multiprocess mode (several gunicorn workers): /metrics adds up what every process counted,
and a new start of gunicorn does not add the previous start's values (deploy/gunicorn.conf.py)."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.core.test_metrics import sample

ROOT = Path(__file__).resolve().parents[2]

COUNT = """
import sys
from korkyt.core import metrics
metrics.REQUESTS.labels("web:home", "GET", "200").inc(int(sys.argv[1]))
metrics.LATENCY.labels("web:home").observe(0.02)
metrics.TASKS.labels("core.drill", "success").inc(int(sys.argv[1]))
"""


def _process_counts(folder: Path, n: int) -> None:
    folder.mkdir(exist_ok=True)
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder), "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", COUNT, str(n)], env=env, check=True, timeout=120)


@pytest.mark.django_db
def test_metrics_of_several_processes_are_summed(
    tmp_path: Path, client: Any, settings: Any, monkeypatch
) -> None:
    web, worker = tmp_path / "web", tmp_path / "worker"
    _process_counts(web, 3)
    _process_counts(web, 4)
    _process_counts(worker, 5)  # a Celery pool process, in the worker's own folder
    assert len(list(web.glob("counter_*.db"))) == 2  # one file per process
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(web))
    settings.KORKYT_METRICS_TOKEN = "t0ken"
    text = client.get("/metrics", headers={"Authorization": "Bearer t0ken"}).content.decode()
    assert sample(text, "korkyt_http_requests_total", view="web:home", method="GET", status="200") == 7
    assert sample(text, "korkyt_http_request_duration_seconds_count", view="web:home") == 2
    assert sample(text, "korkyt_celery_tasks_total", task="core.drill", outcome="success") == 7
    settings.KORKYT_METRICS_DIRS = [str(worker)]  # the workers' folder added: their tasks too
    text = client.get("/metrics", headers={"Authorization": "Bearer t0ken"}).content.decode()
    assert sample(text, "korkyt_http_requests_total", view="web:home", method="GET", status="200") == 12
    assert sample(text, "korkyt_celery_tasks_total", task="core.drill", outcome="success") == 12
    settings.KORKYT_METRICS_DIRS = []
    assert "korkyt_jobs" in text  # the values read at scrape time are there too

    # gunicorn's on_starting hook empties the folder: a restart does not count the last start's requests
    hooks = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    hooks["on_starting"](None)
    assert not list(web.glob("*.db"))
    text = client.get("/metrics", headers={"Authorization": "Bearer t0ken"}).content.decode()
    assert sample(text, "korkyt_http_requests_total", view="web:home", method="GET", status="200") == 0
