"""Workbench pages: tracks, ordering, the side-by-side editor with autosave and review, exports, coverage."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from korkyt.catalogue.selectors import film_visible
from korkyt.core import once
from korkyt.core.concurrency import StaleError
from korkyt.core.feedback import error_page, flash_refusal
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404
from korkyt.core.jobs import selectors as jobs_selectors
from korkyt.core.labels import language_label
from korkyt.core.languages import DEFAULT_TAG, language_of, request_language
from korkyt.core.uploads import max_upload_bytes
from korkyt.core.workflow import transitions_available
from korkyt.institutions.selectors import memorandum_recordable
from korkyt.localization import background_views, editor, exports, selectors, services
from korkyt.localization.coverage_views import (  # noqa: F401 (the coverage page, served from here)
    HEATMAP_STEPS,
    _heatmap,
    _heatmap_step,
    coverage,
)
from korkyt.localization.findings import localized, summary_labels
from korkyt.localization.forms import FileImportForm, JobOrderForm, TrackUploadForm
from korkyt.localization.labels import _film_label
from korkyt.localization.models import (
    JobKind,
    TargetCue,
    TrackState,
    TranslationJob,
)
from korkyt.subtitles import FORMATS

SEVERITY_ORDER = editor.SEVERITY_ORDER


# Lists and tracks --------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # each row is named by its film's title
    jobs = list(selectors.job_list(user=request.user).prefetch_related("film__titles")[:200])
    tracks = list(selectors.track_list(user=request.user).prefetch_related("film__titles")[:100])
    return render(
        request,
        "localization/home.html",
        {
            "jobs": [
                {"obj": j, "film": _film_label(j.film), "target": language_label(j.target_language)}
                for j in jobs
            ],
            "tracks": [
                {"obj": t, "film": _film_label(t.film), "language": language_label(t.language)}
                for t in tracks
            ],
            "can_upload": selectors.orderable_films(user=request.user).exists(),
            "can_manage_memory": request.user.has_perm("localization.manage_memory"),
        },
    )


@login_required
def track_upload(request: HttpRequest) -> HttpResponse:
    films = selectors.orderable_films(user=request.user)
    if not films.exists():
        raise Http404
    # the reader's language is the likeliest one of the subtitles they upload (not the list's first)
    initial = {"film": request.GET.get("film"), "language": DEFAULT_TAG.get(request_language(), "en")}
    form = TrackUploadForm(request.POST or None, request.FILES or None, films=films, initial=initial)
    if request.method == "POST" and form.is_valid():
        film = form.cleaned_data["film"]  # checked against every film the user may upload for
        upload = form.cleaned_data["file"]
        try:
            track = services.track_upload(
                actor=request.user,
                film=film,
                language=form.cleaned_data["language"],
                data=upload.read(max_upload_bytes() + 1),
                file_name=upload.name or "",
                video_url=form.cleaned_data.get("video_url") or "",
                fps=form.cleaned_data.get("fps") or "",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if track.state == TrackState.HELD:
                messages.error(
                    request,
                    _(
                        "The track has errors: it is held and the public does not see it. Fix the errors and "
                        "upload the file again, or accept them knowingly below."
                    ),
                )
            else:
                messages.success(request, _("The track was uploaded and checked; it is the current version."))
            return redirect("localization:track_detail", pk=track.pk)
    return render(request, "localization/track_upload.html", {"form": form})


@login_required
def track_detail(request: HttpRequest, pk: int) -> HttpResponse:
    track = get_visible_or_404(selectors.track_list(user=request.user), pk=pk)
    can_order = request.user.has_perm("localization.order_job", track.film)
    if request.method == "POST" and "video_url" in request.POST:
        try:
            services.track_update(
                actor=request.user, track=track, video_url=request.POST["video_url"].strip()
            )
        except ValidationError as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, _("The video address was saved."))
        return redirect("localization:track_detail", pk=track.pk)
    form = None
    if can_order:
        memoranda = memorandum_recordable(request.user).filter(areas__code=services.AREA).distinct()
        initial = {"target_language": request.GET.get("target") or ""}
        form = JobOrderForm(request.POST or None, memoranda=memoranda, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data

            def make() -> str:
                job = services.job_order(
                    actor=request.user,
                    source=track,
                    target_language=data["target_language"],
                    assignee=data.get("assignee"),
                    reviewer=data.get("reviewer"),
                    deadline=data.get("deadline"),
                    qa_profile=data.get("qa_profile") or "",
                    memorandum=data.get("memorandum"),
                )
                return reverse("localization:job_editor", args=[job.pk])

            try:
                location, made = once.run_once(request, data.get(once.FIELD), make)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if made:
                    messages.success(request, _("The job was ordered; its cues are being prepared."))
                else:
                    messages.info(request, once.already_sent_message())
                return redirect(location)
    elif request.method == "POST":
        raise PermissionDenied
    findings = sorted(
        track.findings, key=lambda f: (SEVERITY_ORDER.get(f.get("severity"), 3), f.get("cue") or 0)
    )
    findings = localized(findings)
    errors = [f for f in findings if f.get("severity") == "error"]
    others = [f for f in findings if f.get("severity") != "error"]
    versions = selectors.track_list(user=request.user, film=track.film).filter(language=track.language)
    return render(
        request,
        "localization/track_detail.html",
        {
            "track": track,
            "errors": errors[:300],
            "others": others[:300],
            "others_total": len(others),
            "summary": summary_labels(track.summary or {}),
            "versions": versions.select_related("uploaded_by", "accepted_by").order_by("-version"),
            "current": versions.filter(state=TrackState.CURRENT).first(),
            "can_manage": request.user.has_perm("localization.upload_track", track.film),
            "film": _film_label(track.film),
            "language": language_label(track.language),
            "jobs": selectors.job_list(user=request.user).filter(source=track),
            "form": form,
            "formats": FORMATS,
            "transliterations": [t for (s, t) in services.TRANSLITERATIONS if s == track.language],
        },
    )


@login_required
@require_POST
def track_make_current(request: HttpRequest, pk: int) -> HttpResponse:
    """Make this version the current one (accepting its errors knowingly when it has some)."""
    track = get_visible_or_404(selectors.track_list(user=request.user), pk=pk)
    try:
        services.track_make_current(
            actor=request.user, track=track, accept_errors=request.POST.get("accept_errors") == "1"
        )
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("This version is now the one the catalogue uses."))
    return redirect("localization:track_detail", pk=track.pk)


@login_required
@require_GET
def track_export(request: HttpRequest, pk: int) -> HttpResponse:
    track = get_visible_or_404(selectors.track_list(user=request.user), pk=pk)
    return _export_or_400(lambda fmt: exports.track_export(track, fmt), request)


# The editor --------------------------------------------------------------------------------------


@login_required
def job_editor(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    if job.kind == JobKind.ADAPTATION:  # the same editor, with the dubbing columns
        return redirect("localization:dubbing_adaptation", pk=job.dubbing.pk)
    return _editor_page(request, job)


def _editor_page(
    request: HttpRequest, job: TranslationJob, kept: editor.Kept | None = None, status: int = 200
) -> HttpResponse:
    """The editor of a subtitle job; ``kept``: a review refused on a page sent without JavaScript, shown at
    its row with the comment typed (``status`` 400)."""
    cues = list(selectors.job_cues(job))
    page = editor.job_editor(request.user, job, cues, csrf_token=get_token(request), kept=kept)
    source_lang, target_lang = job.source_language, job.target_language
    background = job.background
    preparing = background is not None and background.active
    return render(
        request,
        "localization/editor.html",
        {
            "job": job,
            "film": _film_label(job.film),
            "source_label": language_label(source_lang),
            "target_label": language_label(target_lang),
            "target_dir": "ltr",
            "rows": page.rows,
            "counts": selectors.job_counts(job),
            "can_translate": page.can_translate,
            "can_submit": page.can_submit,
            "can_review": page.can_review,
            "shown": page.shown,
            # the workflow says which transitions this user may take now (korkyt.core.workflow)
            "can_approve": any(
                t.name == "approve" for t in transitions_available(actor=request.user, obj=job)
            ),
            "preparing": preparing,
            **background_views.panel_context(job),
            "source_script_lang": language_of(source_lang),
            "target_script_lang": language_of(target_lang),
        },
        status=status,
    )


@login_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    return render(request, "localization/_progress.html", {"job": job, "background": job.background})


def _cue_response(
    request: HttpRequest,
    cue: TargetCue,
    refused: ValidationError | None = None,
    *,
    typed: bool = False,
    review: bool = False,
) -> HttpResponse:
    """The status cell of the cue saved or reviewed, with the row's new version (out of band); when refused,
    the reason, and when the cue changed since the page read it the cue as it is now (``typed``: the request
    carried the user's text, which they may keep). A ``review``'s refusal of its comment is said under the
    comment field instead (out of band, the field keeping what was typed), and emptied once a review is
    done."""
    job = cue.job
    error = " ".join(refused.messages) if refused is not None else ""
    comment_error = ""
    if review and isinstance(refused, ValidationError) and hasattr(refused, "error_dict"):
        comment_error = " ".join(refused.message_dict.get("comment", []))
    if getattr(request, "htmx", False):
        # Only this cue and its neighbours are checked; the glossary is kept while it does not change.
        findings = selectors.cue_findings(job, cue, selectors.glossary_concepts())
        html = editor.status_html(cue, findings)
        if isinstance(refused, StaleError):  # the row keeps the version it had until the user chooses
            html += editor.stale_html(cue, keep=typed)
        elif comment_error:
            html += editor.comment_error_html(cue.pk, comment_error)
        elif error:
            html += format_html('<p class="error" role="alert">{}</p>', error)
        else:
            html += editor.version_html(cue)
        if review and not comment_error:
            html += editor.comment_error_html(cue.pk)
        # The state counts at the top of the editor follow every save (htmx out-of-band swap).
        html += render_to_string(
            "localization/_counts.html", {"counts": selectors.job_counts(job), "oob": True}, request
        )
        response = HttpResponse(html)
        response["HX-Trigger"] = "cue-saved"
        return response
    if error:
        messages.error(request, error)
    return redirect(reverse("localization:job_editor", args=[job.pk]) + f"#cue-{cue.pk}")


@login_required
@require_POST
def cue_save(request: HttpRequest, pk: int) -> HttpResponse:
    cue = get_visible_or_404(selectors.cue_visible(request.user), pk=pk)
    refused = None
    try:
        services.cue_save(
            actor=request.user,
            cue=cue,
            text=request.POST.get("text", ""),
            submit=bool(request.POST.get("submit")),
            version=request.POST.get("version"),
        )
    except ValidationError as exc:
        refused = exc
        cue.refresh_from_db()
    return _cue_response(request, cue, refused, typed=True)


@login_required
@require_POST
def cue_review(request: HttpRequest, pk: int) -> HttpResponse:
    cue = get_visible_or_404(selectors.cue_visible(request.user), pk=pk)
    refused = None
    comment = request.POST.get("comment", "")
    try:
        services.cue_review(
            actor=request.user,
            cue=cue,
            approve=request.POST.get("decision") == "approve",
            comment=comment,
            version=request.POST.get("version"),
        )
    except ValidationError as exc:
        refused = exc
        cue.refresh_from_db()
    if refused is not None and not getattr(request, "htmx", False):
        # sent without JavaScript: the editor again, the refusal under the row's comment field, which keeps
        # what was typed (a redirect would drop it)
        kept = editor.comment_kept(cue.pk, comment, " ".join(refused.messages))
        if cue.job.kind == JobKind.ADAPTATION:
            from korkyt.localization.dubbing.views import adaptation_page

            return adaptation_page(request, cue.job.dubbing.pk, kept=kept, status=400)
        return _editor_page(request, cue.job, kept, status=400)
    return _cue_response(request, cue, refused, review=True)


@login_required
@require_POST
def job_approve(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    try:
        if request.POST.get("waiting"):
            # only the cues at the versions the page showed (none when it sent none)
            shown = editor.shown_from(request.POST.get("shown", ""))
            result = services.job_approve_waiting(actor=request.user, job=job, shown=shown)
            approved = ngettext("%(n)s cue approved.", "%(n)s cues approved.", result.approved)
            messages.success(request, approved % {"n": result.approved})
            if result.skipped:
                messages.warning(
                    request,
                    ngettext(
                        "%(n)s cue changed after the page was loaded and was not approved: read it again "
                        "before you approve it.",
                        "%(n)s cues changed after the page was loaded and were not approved: read them "
                        "again before you approve them.",
                        result.skipped,
                    )
                    % {"n": result.skipped},
                )
        else:
            services.job_approve(actor=request.user, job=job)
            messages.success(request, _("The job is approved; the track is available in the catalogue."))
    except ValidationError as exc:
        flash_refusal(request, exc)
    return redirect("localization:job_editor", pk=job.pk)


def _export_or_400(build: Any, request: HttpRequest) -> HttpResponse:
    """The download of ``build(fmt)`` for the ``format`` asked for (SRT by default); a format the platform
    does not write, or a document it cannot write in it, is a 400 on the site's error page saying why (the
    formats it writes), as the API's 422 does."""
    fmt = request.GET.get("format", "srt")
    try:
        name, text = build(fmt)
    except ValidationError as exc:
        return error_page(request, 400, " ".join(exc.messages))
    return _download(name, text, exports.CONTENT_TYPE.get(fmt, "text/plain"))


def _download(name: str, text: str, content_type: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=f"{content_type}; charset=utf-8")
    safe = re.sub(r"[^\w.\-]+", "_", name)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=safe) or ""
    return response


@login_required
@require_GET
def job_export(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    return _export_or_400(lambda fmt: exports.job_export(job, fmt), request)


@login_required
@require_GET
def job_vtt(request: HttpRequest, pk: int) -> HttpResponse:
    """The current target as WebVTT, for the editor's video preview."""
    job = get_visible_or_404(selectors.job_visible(request.user), pk=pk)
    _name, text = exports.job_export(job, "vtt")
    response = HttpResponse(text.encode("utf-8"), content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


# Coverage, memory and glossary -------------------------------------------------------------------


def film_tracks(request: HttpRequest, pk: int) -> HttpResponse:
    film = get_visible_or_404(film_visible(request.user), pk=pk)
    from korkyt.catalogue.selectors import track_list

    return render(
        request,
        "localization/film_tracks.html",
        {
            "film": film,
            "title": _film_label(film),
            "tracks": [(t, language_label(t.language)) for t in track_list(user=request.user, film=film)],
            "sources": selectors.track_list(user=request.user, film=film),
            "jobs": selectors.job_list(user=request.user, film=film),
            "can_upload": request.user.has_perm("localization.upload_track", film),
        },
    )


IMPORTS_SHOWN = 10


def _imports(request: HttpRequest) -> list[Any]:
    kinds = (services.MEMORY_IMPORT, services.GLOSSARY_IMPORT)
    return list(jobs_selectors.jobs_started_by(user=request.user, kinds=kinds)[:IMPORTS_SHOWN])


@login_required
def memory(request: HttpRequest) -> HttpResponse:
    """Memory and glossary: counts, exports, and imports of TMX/TBX files (read by the background worker;
    the list of imports follows them)."""
    if not request.user.has_perm("localization.manage_memory"):
        raise Http404
    tmx_form = FileImportForm(prefix="tmx")
    tbx_form = FileImportForm(prefix="tbx")
    if request.method == "POST":
        kind = request.POST.get("kind")
        form = FileImportForm(request.POST, request.FILES, prefix=kind if kind in ("tmx", "tbx") else "tmx")
        if form.is_valid():
            try:
                services.memory_import_request(
                    actor=request.user, file=form.cleaned_data["file"], kind=kind or "tmx"
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The file is being imported; follow it below."))
                return redirect(reverse("localization:memory") + "#imports")
        if kind == "tbx":
            tbx_form = form
        else:
            tmx_form = form
    from django.db.models import Count

    from korkyt.localization.models import GlossaryConcept, MemoryUnit

    pairs = (
        MemoryUnit.objects.values("source_language", "target_language")
        .annotate(n=Count("pk"))
        .order_by("source_language", "target_language")
    )
    imports = _imports(request)
    return render(
        request,
        "localization/memory.html",
        {
            "pairs": pairs,
            "concepts": GlossaryConcept.objects.count(),
            "tmx_form": tmx_form,
            "tbx_form": tbx_form,
            "imports": imports,
            "importing": any(j.active for j in imports),
        },
    )


@login_required
@require_GET
def memory_imports(request: HttpRequest) -> HttpResponse:
    """The list of imports alone (polled by the memory page while one is queued or running)."""
    if not request.user.has_perm("localization.manage_memory"):
        raise Http404
    imports = _imports(request)
    return render(
        request,
        "localization/_imports.html",
        {"imports": imports, "importing": any(j.active for j in imports)},
    )


@login_required
@require_GET
def memory_export(request: HttpRequest) -> HttpResponseBase:
    """The glossary as TBX (``?kind=tbx``) or the memory as TMX, streamed as they are written."""
    if not request.user.has_perm("localization.manage_memory"):
        raise Http404
    if request.GET.get("kind") == "tbx":
        from korkyt.mt.memory import tbx_chunks

        chunks = tbx_chunks(selectors.glossary_concepts())
        name, content_type = "korkyt-glossary.tbx", "application/x-tbx+xml"
    else:  # the memory grows without limit: its units are read as they are written
        chunks = selectors.memory_tmx_chunks()
        name, content_type = "korkyt-memory.tmx", "application/x-tmx+xml"
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
