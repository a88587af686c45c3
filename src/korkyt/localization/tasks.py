"""Thin background tasks: each takes ids and calls a service; the Job row is kept by ``@job_task``.

Services queue them by name (``enqueue(job, "localization.render_delivery", delivery_id=…)``), so this
module imports the services and never the other way round. A row whose file a task makes keeps why the
task failed for good (``on_failure``, see korkyt.core.jobs.rows).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from korkyt.core.jobs.task import Done, Progress, job_task
from korkyt.core.models import Job
from korkyt.localization import services
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.findings import severity_counts
from korkyt.localization.models import Delivery, DubbingOutput


@job_task("localization.prepare_job")
def prepare_job(job: Job, progress: Progress, translation_job_id: int) -> Done:
    """Pre-translate (memory, then machine translation) or transliterate a job's empty cues."""
    stats = services.job_prepare(job_id=translation_job_id, progress=progress)
    return Done(
        _("exact %(exact)s · fuzzy %(fuzzy)s · MT %(mt)s · transliterated %(translit)s of %(todo)s") % stats
        + (f" · kept {stats['kept']} edited by a person" if stats.get("kept") else ""),
        stats,
    )


@job_task("localization.render_delivery", on_failure=Delivery.failure_hook("delivery_id"))
def render_delivery(job: Job, progress: Progress, delivery_id: int) -> Done:
    """Render a delivery's file (an export of the job's target in one format) and keep it."""
    delivery = services.delivery_render(delivery_id=delivery_id, progress=progress)
    return Done(delivery.name, {"delivery": delivery.pk, "size": delivery.size})


@job_task("localization.run_check")
def run_check(job: Job, progress: Progress, check_id: int) -> Done:
    """Check every cue of a job against its QA profile and the glossary; keep the summary."""
    summary = services.check_run(check_id=check_id, progress=progress).summary
    return Done(
        " · ".join(severity_counts(summary["errors"], summary["warnings"])),
        {"errors": summary["errors"], "warnings": summary["warnings"]},
    )


@job_task("localization.import_memory")
def import_memory(job: Job, progress: Progress, film_id: int | None = None) -> Done:
    """Add the units of the TMX file kept with the job to the translation memory, in committed batches
    (a run after an interruption resumes after the last committed batch)."""
    skipped: Counter[str] = Counter()
    added = services.memory_import_run(job=job, film_id=film_id, progress=progress, skipped=skipped)
    message = ngettext("%(n)s memory unit imported.", "%(n)s memory units imported.", added) % {"n": added}
    said = services.skipped_text(skipped)
    return Done(f"{message} {said}" if said else message, {"added": added, "skipped": dict(skipped)})


@job_task("localization.import_glossary")
def import_glossary(job: Job, progress: Progress) -> Done:
    """Add the concepts of the TBX file kept with the job to the glossary, or update those it has by their
    identifier, in committed batches."""
    skipped: Counter[str] = Counter()
    added, updated = services.glossary_import_run(job=job, progress=progress, skipped=skipped)
    message = ngettext(
        "%(n)s glossary concept added, %(updated)s updated.",
        "%(n)s glossary concepts added, %(updated)s updated.",
        added,
    ) % {"n": added, "updated": updated}
    said = services.skipped_text(skipped)
    result: dict[str, Any] = {"added": added, "updated": updated}
    if skipped:
        result["skipped"] = dict(skipped)
    return Done(f"{message} {said}" if said else message, result)


@job_task("localization.render_dubbing_output", on_failure=DubbingOutput.failure_hook("output_id"))
def render_dubbing_output(job: Job, progress: Progress, output_id: int) -> Done:
    """Render a dubbing job's output (script, isochrony report, temp track, MKV) and keep the file."""
    output = dubbing.output_render(output_id=output_id, progress=progress)
    return Done(output.name, {"output": output.pk, "size": output.size})
