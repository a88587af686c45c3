"""Where audit entries come from (korkyt.core.audit.context): nested scopes restore the outer one; a task
run by a worker records its id and name, and the id of the request that queued it (a message header)."""

from __future__ import annotations

from types import SimpleNamespace

from korkyt.core.audit.context import (
    TASK_HEADER,
    _before_publish,
    _task_finished,
    _task_started,
    current_origin,
    origin_scope,
    valid_id,
)


def test_nested_scopes_restore_the_outer_origin():
    assert current_origin().request_id == ""
    with origin_scope(request_id="outer"):
        with origin_scope(task_id="t1", task_name="x"):
            assert (current_origin().request_id, current_origin().task_id) == ("outer", "t1")
        assert (current_origin().request_id, current_origin().task_id) == ("outer", "")
    assert current_origin().request_id == ""


def test_a_queued_task_carries_the_request_id_in_its_message_headers():
    headers: dict[str, str] = {}
    _before_publish(headers=headers)
    assert headers == {}  # no request: nothing to carry
    with origin_scope(request_id="abc123"):
        _before_publish(headers=headers)
    assert headers == {TASK_HEADER: "abc123"}


def test_a_task_run_by_a_worker_records_its_id_name_and_the_request_that_queued_it():
    task = SimpleNamespace(
        name="localization.prepare_job", request=SimpleNamespace(**{TASK_HEADER: "abc123"})
    )
    _task_started(task_id="0f0e-task", task=task)
    try:
        origin = current_origin()
        assert (origin.task_id, origin.task_name, origin.request_id) == (
            "0f0e-task",
            "localization.prepare_job",
            "abc123",
        )
        assert origin.current_user() is None  # a task acts as the platform
    finally:
        _task_finished(task_id="0f0e-task")
    assert current_origin().task_id == ""
    task.request = SimpleNamespace(**{TASK_HEADER: "=bad id"})
    _task_started(task_id="t2", task=task)
    assert current_origin().request_id == ""  # an id that is not one is not recorded
    _task_finished(task_id="t2")


def test_ids_are_letters_digits_and_a_few_marks():
    assert valid_id("3f2a-b_c.d:e") == "3f2a-b_c.d:e"
    assert valid_id("=cmd") == valid_id("a" * 65) == valid_id(None) == ""
