"""The film's video on a dubbing job: uploaded by who casts (the director, the studio), streamed to who sees
the job, and the preview, which plays it with its own sound ducked under the temp voice track."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from korkyt.core.feedback import flash_refusal, section_tag
from korkyt.core.http import private_download
from korkyt.core.labels import language_label
from korkyt.localization.dubbing import selectors, services
from korkyt.localization.dubbing.models import OutputKind
from korkyt.localization.dubbing.views import _film_label, _job

VIDEO_TYPES = {
    ".mkv": "video/x-matroska",
    ".mp4": "video/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
}


@login_required
@require_POST
def video_upload(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    upload = request.FILES.get("video")
    try:
        if upload is None:
            raise ValidationError({"video": [_("Choose a video file to upload.")]})
        services.video_attach(actor=request.user, job=job, upload=upload)
    except ValidationError as exc:
        flash_refusal(request, exc)  # said above the page: the page's top, or it is scrolled out of view
        return redirect("localization:dubbing_detail", pk=job.pk)
    messages.success(  # said in the outputs, where the film with the temp track is made
        request,
        _("The video was kept: the film with the temp track can now be made."),
        extra_tags=section_tag("outputs"),
    )
    return redirect(reverse("localization:dubbing_detail", args=[job.pk]) + "#outputs")


@login_required
@require_GET
def video_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The video, inline and in byte ranges (the preview's player seeks), to who sees the job."""
    job = _job(request, pk)
    if not job.video:
        raise Http404
    try:
        handle = job.video.open("rb")
    except OSError as exc:
        raise Http404(_("This file is no longer stored.")) from exc
    suffix = "." + job.video.name.rsplit(".", 1)[-1].lower()
    return private_download(
        handle,
        job.video.name.rsplit("/", 1)[-1],
        VIDEO_TYPES.get(suffix, "application/octet-stream"),
        request=request,
        inline=True,
    )


# Preview -----------------------------------------------------------------------------------------


def _speaker(cue: Any) -> str:
    return selectors.line_of(cue).speaker


@login_required
def dubbing_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The film's video (or its original audio) with the latest temp track and the adapted lines under it,
    the line being spoken highlighted."""
    job = _job(request, pk)
    track = job.outputs.filter(kind=OutputKind.TEMP_TRACK).exclude(file="").first()
    cues = list(selectors.adaptation_cues(job))
    lines = [
        {
            "start": c.start_ms,
            "end": c.end_ms,
            "text": c.text,
            "original": c.source.text,
            "speaker": _speaker(c),
        }
        for c in cues
    ]
    return render(
        request,
        "localization/dubbing/preview.html",
        {
            "job": job,
            "film": _film_label(job.film),
            "target_label": language_label(job.target_language),
            "track": track,
            "video_url": reverse("localization:dubbing_video", args=[job.pk])
            if job.video
            else job.adaptation.source.video_url,
            "lines": lines,
            "lines_json": json.dumps([[line["start"], line["end"]] for line in lines]),
        },
    )
