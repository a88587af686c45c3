"""/metrics (Prometheus) and the JSON log lines carrying the request id into tasks."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from korkyt.core.audit.context import origin_scope
from korkyt.core.logs import JsonFormatter
from korkyt.core.metrics import TASKS, task_finished


def sample(text: str, name: str, **labels: str) -> float:
    from prometheus_client.parser import text_string_to_metric_families

    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


@pytest.mark.django_db
def test_metrics_need_the_token_and_count_requests_by_view_and_status(client: Any, settings: Any) -> None:
    settings.KORKYT_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404

    auth = {"Authorization": "Bearer s3cret-token"}
    before = client.get("/metrics", headers=auth).content.decode()
    client.get("/healthz")
    client.get("/healthz")
    client.get("/en/no-such-page")
    after = client.get("/metrics", headers=auth)

    assert after.status_code == 200 and after["Content-Type"].startswith("text/plain")
    text = after.content.decode()
    name = "korkyt_http_requests_total"
    assert (
        sample(text, name, view="healthz", status="200") - sample(before, name, view="healthz", status="200")
        == 2
    )
    assert sample(text, name, view="<unresolved>", status="404") >= 1
    assert sample(text, "korkyt_db_queries_per_request_count", view="healthz") >= 2
    assert sample(text, "korkyt_http_request_duration_seconds_count", view="healthz") >= 2
    assert "korkyt_celery_queue_length" in text
    assert "korkyt_jobs" in text


def test_metrics_are_unavailable_without_a_token(client: Any, settings: Any) -> None:
    settings.KORKYT_METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_task_outcomes_are_counted() -> None:
    class Task:
        name = "core.ping"

    before = TASKS.labels("core.ping", "failure")._value.get()
    task_finished("failure")(sender=Task())
    assert TASKS.labels("core.ping", "failure")._value.get() == before + 1


def test_json_log_lines_carry_the_request_and_task_ids() -> None:
    record = logging.LogRecord("korkyt.test", logging.INFO, __file__, 1, "rendered %s", ("delivery",), None)
    record.job_id = 42
    with origin_scope(
        request_id="req-1", task_id="task-9", task_name="localization.render_delivery", user=None
    ):
        line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "rendered delivery"
    assert entry["request_id"] == "req-1"
    assert entry["task_id"] == "task-9" and entry["task"] == "localization.render_delivery"
    assert entry["job_id"] == 42 and entry["level"] == "INFO"


@pytest.mark.django_db
def test_queue_lengths_count_the_messages_waiting_in_the_filesystem_broker(
    client: Any, settings: Any, tmp_path: Any
) -> None:
    settings.KORKYT_METRICS_TOKEN = "s3cret-token"
    settings.REDIS_URL = ""
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path)}
    for n in range(3):
        (tmp_path / f"{n}_message.msg").write_text("{}")
    (tmp_path / "not-a-message.tmp").write_text("")
    text = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"}).content.decode()
    assert sample(text, "korkyt_celery_queue_length", queue="celery") == 3


@pytest.mark.redis
@pytest.mark.django_db
def test_queue_lengths_add_up_the_priority_lists_of_each_redis_queue(
    client: Any, settings: Any, redis_url: str
) -> None:
    import redis

    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    server.lpush("celery", "a", "b")
    server.lpush("celery\x06\x163", "c")  # Kombu's list for a priority step of the same queue
    server.lpush("mail", "d")  # another queue: not counted unless its name starts the Celery way
    settings.KORKYT_METRICS_TOKEN = "s3cret-token"
    settings.REDIS_URL = redis_url
    try:
        text = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"}).content.decode()
    finally:
        server.flushdb()
    assert sample(text, "korkyt_celery_queue_length", queue="celery") == 3
