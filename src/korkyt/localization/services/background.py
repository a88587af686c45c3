"""Work a user asks for on a job that runs in the background: deliveries and whole-job checks.

A delivery renders the job's current target in one subtitle format and keeps the file to download; a
quality check runs the job's QA profile and the glossary over every cue and keeps a summary. Both are
rows with a ``core.Job`` (its subject) for progress; the task is queued by name, takes their ids and is
idempotent (a finished row is left alone), so a redelivered message does nothing twice.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor, saved_user
from korkyt.core.jobs import services as jobs
from korkyt.core.validation import require_perm
from korkyt.localization import selectors
from korkyt.localization.models import Delivery, QualityCheck, TranslationJob
from korkyt.subtitles import FORMATS

DELIVERY_KIND = "localization.delivery"
CHECK_KIND = "localization.check"


def _check_format(fmt: object) -> str:
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise ValidationError(
            {"format": [_("Unknown format; use one of: %(f)s.") % {"f": ", ".join(FORMATS)}]}
        )
    return fmt


@transaction.atomic
def delivery_request(*, actor: Actor, job: TranslationJob, fmt: str, enqueue: bool = True) -> Delivery:
    """Queue the export of ``job``'s target in ``fmt``; anyone who sees the job may ask for one."""
    require_perm(actor, "localization.view_job", job)
    fmt = _check_format(fmt)
    delivery = Delivery.objects.create(job=job, format=fmt, requested_by=saved_user(actor))
    jobs.job_start_for(
        delivery,
        kind=DELIVERY_KIND,
        total=2,
        task="localization.render_delivery",
        send=enqueue,
        delivery_id=delivery.pk,
    )
    return delivery


def delivery_render(*, delivery_id: int, progress: Any = None) -> Delivery:
    """Render and store the file of a delivery (does nothing if it already has one)."""
    from korkyt.localization import exports

    delivery = Delivery.objects.select_related("job", "job__film").get(pk=delivery_id)
    if delivery.file:
        return delivery
    name, text = exports.job_export(delivery.job, delivery.format)
    if progress:
        progress(1)
    delivery.keep(name, text.encode("utf-8"))
    if progress:
        progress(2)
    return delivery


@transaction.atomic
def check_request(*, actor: Actor, job: TranslationJob, enqueue: bool = True) -> QualityCheck:
    """Queue a check of every cue of ``job``; anyone who sees the job may ask for one."""
    require_perm(actor, "localization.view_job", job)
    check = QualityCheck.objects.create(job=job, requested_by=saved_user(actor))
    jobs.job_start_for(
        check,
        kind=CHECK_KIND,
        total=job.cues.count(),
        task="localization.run_check",
        send=enqueue,
        check_id=check.pk,
    )
    return check


def check_run(*, check_id: int, progress: Any = None) -> QualityCheck:
    """Check the whole job and store the summary (does nothing if the check already has one)."""
    check = QualityCheck.objects.select_related("job").get(pk=check_id)
    if check.summary:
        return check
    job = check.job
    cues = list(selectors.job_cues(job))
    report = selectors.job_report(job, cues, selectors.glossary_concepts())
    counted = [
        f for f in report.findings if f.cue is None or (f.cue < len(cues) and cues[f.cue].text.strip())
    ]
    severities = Counter(f.severity for f in counted)
    check.summary = {
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "infos": severities.get("info", 0),
        "cues": len({f.cue for f in counted if f.cue is not None}),
        "checked": sum(1 for c in cues if c.text.strip()),
        "codes": dict(Counter(f.code for f in counted).most_common()),
    }
    check.save(update_fields=["summary", "updated_at"])
    if progress:
        progress(len(cues))
    return check
