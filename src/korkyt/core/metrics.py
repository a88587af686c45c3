"""Prometheus metrics: requests by view and status, latency, database queries per request, Celery task
outcomes, queue lengths and background jobs by status.

``GET /metrics`` answers only with ``Authorization: Bearer $KORKYT_METRICS_TOKEN`` (404 when the token is
unset or wrong, so the endpoint does not exist for anyone else). With several gunicorn workers set
``PROMETHEUS_MULTIPROC_DIR`` to an empty folder for each start (deploy/ does): every process writes its
values there and the scrape adds them up; without it each process reports its own. The Celery workers
count task outcomes in their own folders: list those in ``KORKYT_METRICS_DIRS`` and the web's scrape adds
them too (one machine, or a shared folder).
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter("korkyt_http_requests", "HTTP requests answered", ["view", "method", "status"])
LATENCY = Histogram(
    "korkyt_http_request_duration_seconds",
    "Time to answer a request",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
QUERIES = Histogram(
    "korkyt_db_queries_per_request",
    "Database statements run to answer a request",
    ["view"],
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200, 500),
)
TASKS = Counter("korkyt_celery_tasks", "Background tasks finished, by outcome", ["task", "outcome"])


def _view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unresolved>"
    return str(match.view_name or match.route or "<unnamed>")


class MetricsMiddleware:
    """Counts each request by view (the URL pattern's name, never the raw path), method and status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = [0]

        def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            count[0] += 1
            return execute(sql, params, many, context)

        start = time.perf_counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        view = _view_name(request)
        LATENCY.labels(view).observe(time.perf_counter() - start)
        QUERIES.labels(view).observe(count[0])
        REQUESTS.labels(view, request.method or "", str(response.status_code)).inc()
        return response


def task_finished(outcome: str) -> Callable[..., None]:
    def receiver(sender: Any = None, **_kwargs: Any) -> None:
        name = getattr(sender, "name", None) or str(getattr(_kwargs.get("request"), "task", "") or "unknown")
        TASKS.labels(name, outcome).inc()

    return receiver


def connect_task_signals() -> None:
    """Count task outcomes in worker processes (called by the Celery app)."""
    from celery.signals import task_failure, task_rejected, task_retry, task_revoked, task_success

    for signal, outcome in (
        (task_success, "success"),
        (task_failure, "failure"),
        (task_retry, "retry"),
        (task_revoked, "revoked"),
        (task_rejected, "rejected"),
    ):
        signal.connect(task_finished(outcome), weak=False, dispatch_uid=f"korkyt.metrics.{outcome}")


def queue_lengths() -> dict[str, int]:
    """Messages waiting in each queue of the broker (Redis lists, or the filesystem broker's files)."""
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
        lengths: dict[str, int] = {}
        # Kombu keeps one list per queue and priority step: "celery", "celery\x06\x163", ...
        for key in client.scan_iter(match="celery*", count=100):
            if client.type(key) != b"list":
                continue
            queue = key.decode(errors="replace").split("\x06", 1)[0]
            lengths[queue] = lengths.get(queue, 0) + int(client.llen(key))
        lengths.setdefault("celery", 0)
        return lengths
    folder = Path(str(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]))
    waiting = sum(1 for p in folder.glob("*.msg")) if folder.is_dir() else 0
    return {"celery": waiting}


class StateCollector(Collector):
    """Values read at scrape time: queue lengths and background jobs by status."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        queues = GaugeMetricFamily(
            "korkyt_celery_queue_length", "Messages waiting in a queue", labels=["queue"]
        )
        try:
            for queue, length in sorted(queue_lengths().items()):
                queues.add_metric([queue], length)
        except Exception:  # noqa: S110 - a broker that does not answer shows as a missing series
            pass
        yield queues
        from django.db.models import Count

        from korkyt.core.models import Job

        jobs = GaugeMetricFamily("korkyt_jobs", "Background job rows by status", labels=["status"])
        for row in Job.objects.values("status").annotate(n=Count("pk")).order_by("status"):
            jobs.add_metric([row["status"]], row["n"])
        yield jobs


class MergedFolders(Collector):
    """Multiprocess mode: the values every process wrote into this instance's folder and into
    ``KORKYT_METRICS_DIRS`` (the Celery workers' folders on the same machine), added up."""

    def __init__(self, folders: list[str]) -> None:
        self.folders = folders

    def collect(self) -> Iterator[Any]:
        from prometheus_client.multiprocess import MultiProcessCollector

        files = sorted(str(f) for folder in self.folders for f in Path(folder).glob("*.db"))
        return iter(MultiProcessCollector.merge(files, accumulate=True))


def render() -> bytes:
    registry = CollectorRegistry()
    own = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if own:
        registry.register(MergedFolders([own, *getattr(settings, "KORKYT_METRICS_DIRS", [])]))
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY
        data = generate_latest(registry)
        state = CollectorRegistry()
        state.register(StateCollector())
        return data + generate_latest(state)
    registry.register(StateCollector())
    return generate_latest(registry)


def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.KORKYT_METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        raise Http404
    return HttpResponse(render(), content_type=CONTENT_TYPE_LATEST)
