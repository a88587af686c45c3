"""Where a change comes from: the request (its id, its user) or the background task (its id and name).

One context variable holds it; :class:`korkyt.core.middleware.RequestIdMiddleware` sets it for a request and
the Celery signals connected here set it for a task, so every audit entry written meanwhile (by
django-auditlog's signals or by :func:`korkyt.core.audit.audit_log`) records its origin without the services
passing it along. Nested scopes restore the outer one on exit (a task run eagerly inside a request keeps the
request id and adds its task id).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, replace
from typing import Any

REQUEST_ID_HEADER = "X-Request-ID"
#: The Celery message header carrying the id of the request that queued a task.
TASK_HEADER = "korkyt_request_id"
_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True, slots=True)
class Origin:
    """The origin of the changes made now: a request, a task, or neither (a command, a shell)."""

    request_id: str = ""
    task_id: str = ""
    task_name: str = ""
    #: returns the signed-in user of the request (read when an entry is written: authentication happens
    #: after the middleware); None in tasks and commands, which act as the platform itself.
    user: Callable[[], Any] | None = None

    def current_user(self) -> Any:
        user = self.user() if self.user is not None else None
        if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None):
            return None
        return user


_origin: ContextVar[Origin] = ContextVar("korkyt_audit_origin", default=Origin())  # noqa: B039


def current_origin() -> Origin:
    return _origin.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


def valid_id(value: Any) -> str:
    """``value`` if it is a usable id (letters, digits, ``._:-``, at most 64), else ``""``."""
    return value if isinstance(value, str) and _ID.match(value) else ""


@contextmanager
def origin_scope(**changes: Any) -> Iterator[Origin]:
    """Run the block with the current origin changed (``request_id=``, ``task_id=``, ``user=`` …)."""
    token = _origin.set(replace(_origin.get(), **changes))
    try:
        yield _origin.get()
    finally:
        _origin.reset(token)


@contextmanager
def recorded_as(user: Any) -> Iterator[None]:
    """Record the field changes made in the block as ``user``'s (a saved user), as a request records its
    signed-in user's: for a service that acts as ``SYSTEM`` on behalf of someone whose right to it its caller
    checked (staff appointing a juror grant the juror role). None: the origin's user, as it is."""
    if user is None:
        yield
        return
    with origin_scope(user=lambda: user):
        yield


# Celery: a task's entries carry its id and name, and the id of the request that queued it -------------

_task_tokens: dict[str, Token[Origin]] = {}


def _task_started(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    if not task_id:
        return
    outer = _origin.get()
    request = getattr(task, "request", None)
    queued_by = valid_id(getattr(request, TASK_HEADER, None) or "") if request is not None else ""
    origin = Origin(
        request_id=outer.request_id or queued_by,
        task_id=valid_id(task_id) or task_id[:64],
        task_name=str(getattr(task, "name", "") or "")[:200],
        user=None,
    )
    _task_tokens[task_id] = _origin.set(origin)


def _task_finished(task_id: str | None = None, **_: Any) -> None:
    token = _task_tokens.pop(task_id or "", None)
    if token is not None:
        try:
            _origin.reset(token)
        except ValueError:  # finished in another context than it started: nothing to restore there
            _origin.set(Origin())


def _before_publish(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = _origin.get().request_id
    if request_id and headers is not None:
        headers.setdefault(TASK_HEADER, request_id)


def connect_task_signals() -> None:
    """Called once from the core app's ready()."""
    from celery import signals

    signals.task_prerun.connect(_task_started, weak=False, dispatch_uid="korkyt.audit.task_started")
    signals.task_postrun.connect(_task_finished, weak=False, dispatch_uid="korkyt.audit.task_finished")
    signals.before_task_publish.connect(
        _before_publish, weak=False, dispatch_uid="korkyt.audit.before_publish"
    )
