"""Tasks of the stand-in app, for the task framework's tests: they behave as the test asks through the
ids they are given (no state outside the database)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from korkyt.core.jobs.task import Done, job_task
from korkyt.core.models import Job

from .models import FakeActivity


class Unreachable(ConnectionError):
    """An outside service that did not answer."""


def _renamed_on_failure(message: str, activity_id: int, **_ids: object) -> None:
    FakeActivity.objects.filter(pk=activity_id).update(name=f"failed: {message}"[:100])


@job_task("fakeapp.touch", retry_on=(Unreachable,), max_retries=3, on_failure=_renamed_on_failure)
def touch(job: Job, progress, activity_id: int, fail_times: int = 0, mode: str = "ok") -> Done:
    """Append a mark to the activity's name; fail ``fail_times`` attempts first (``mode`` says how)."""
    activity = FakeActivity.objects.get(pk=activity_id)
    if job.attempts <= fail_times:
        if mode == "invalid":
            raise ValidationError({"name": ["The name is not valid."]})
        if mode == "bug":
            raise ZeroDivisionError("division by zero in /srv/app/secret.py line 12")
        raise Unreachable("connection refused by mt.example.org")
    progress(1, total=1)
    activity.name += "+"
    activity.save()
    return Done(f"touched {activity.name}", {"name": activity.name})
