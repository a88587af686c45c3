"""Workbench pages for background work on a job: deliveries (exports kept to download) and whole-job
checks. Asking answers at once; the editor's panel polls (htmx) until the work is done."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from korkyt.core.feedback import flash_refusal
from korkyt.core.http import get_visible_or_404
from korkyt.core.jobs.rows import FileNotKept
from korkyt.localization import exports, selectors, services
from korkyt.localization.findings import check_code_counts, check_summary_text
from korkyt.localization.models import Delivery, QualityCheck, TranslationJob
from korkyt.subtitles import FORMATS

RECENT = 5  # deliveries listed in the panel


def panel_context(job: TranslationJob) -> dict[str, Any]:
    """What the editor's "Deliveries and checks" panel shows."""
    deliveries = list(Delivery.objects.filter(job=job).select_related("background")[:RECENT])
    check = QualityCheck.objects.filter(job=job).select_related("background").first()
    busy = any(d.busy for d in deliveries) or (check is not None and check.busy)
    summary = check.summary if check is not None and check.summary else None
    return {
        "job": job,
        "deliveries": deliveries,
        "check": check,
        "check_text": check_summary_text(summary) if summary else "",
        "check_codes": check_code_counts(summary) if summary else [],
        "busy": busy,
        "formats": FORMATS,
    }


def _back(request: HttpRequest, job: TranslationJob) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return render(request, "localization/_background.html", panel_context(job))
    return redirect(reverse("localization:job_editor", args=[job.pk]) + "#background-work")


@login_required
@require_POST
def delivery_create(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    try:
        services.delivery_request(actor=request.user, job=job, fmt=request.POST.get("format", ""))
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("The export is queued; its file appears below when it is ready."))
    return _back(request, job)


@login_required
@require_GET
def delivery_download(request: HttpRequest, pk: int) -> FileResponse:
    delivery = get_visible_or_404(selectors.delivery_visible(request.user), pk=pk)
    try:
        handle = delivery.open_file()
    except FileNotKept as exc:
        raise Http404(exc.message) from exc
    content_type = exports.CONTENT_TYPE.get(delivery.format, "text/plain")
    safe = re.sub(r"[^\w.\-]+", "_", delivery.name) or "subtitles.txt"
    return FileResponse(
        handle, as_attachment=True, filename=safe, content_type=f"{content_type}; charset=utf-8"
    )


@login_required
@require_POST
def check_create(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    services.check_request(actor=request.user, job=job)
    messages.success(request, _("The check of every cue is queued."))
    return _back(request, job)


@login_required
@require_GET
def job_background(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    return render(request, "localization/_background.html", panel_context(job))
