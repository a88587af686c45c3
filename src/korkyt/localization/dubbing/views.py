"""Dubbing pages of the workbench: ordering, the job (characters, casting, recording plan, outputs), the
adaptation editor (the workbench's one cue editor with the dubbing columns); the preview is in video_views."""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from korkyt.catalogue.models import Person
from korkyt.core import once
from korkyt.core.feedback import flash_refusal, refusal_messages, section_tag
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, id_from, local_next, private_download, whole_number
from korkyt.core.jobs.rows import FileNotKept
from korkyt.core.labels import language_label
from korkyt.core.numbers import decimal
from korkyt.core.spreadsheet import SafeWriter
from korkyt.core.workflow import transitions_available
from korkyt.institutions.selectors import memorandum_recordable
from korkyt.localization import editor
from korkyt.localization import selectors as l10n
from korkyt.localization.dubbing import fits, selectors, services
from korkyt.localization.dubbing.forms import DubbingOrderForm
from korkyt.localization.dubbing.models import (
    OUTPUT_FORMATS,
    TIMECODE_RATES,
    DubbingJob,
    DubbingStatus,
    OutputKind,
)
from korkyt.localization.models import JobKind, JobStatus, TrackState
from korkyt.localization.services import AREA
from korkyt.localization.views import _film_label

RECENT = 8
#: Jobs per page of the list of dubbing jobs.
PAGE_SIZE = 50
DAY_MINUTES = (120, 240, 360, 480)


def _fit_labels() -> dict[str, str]:
    return {
        "fits": _("fits"),
        "tight": _("tight"),
        "too long": _("too long"),
        "too short": _("too short"),
        "no slot": _("no slot"),
        "": "",
    }


def _job(request: HttpRequest, pk: int) -> DubbingJob:
    return get_visible_or_404(selectors.dubbing_visible(request.user), pk=pk)


# List and ordering -------------------------------------------------------------------------------


@login_required
def dubbing_home(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.dubbing_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "localization/dubbing/home.html",
        {
            "page": page,
            "jobs": [
                {"obj": j, "film": _film_label(j.film), "target": language_label(j.target_language)}
                for j in page.object_list
            ],
            "can_order": l10n.orderable_films(user=request.user).exists(),
        },
    )


def _sources(request: HttpRequest, film: Any) -> dict[str, Any]:
    """The film's approved translations and uploaded tracks the user may start a dub from."""
    out: dict[str, Any] = {}
    for job in l10n.job_list(user=request.user, film=film, status=JobStatus.APPROVED).exclude(
        kind=JobKind.ADAPTATION
    ):
        out[f"job:{job.pk}"] = (
            job,
            _("Approved translation: %(lang)s") % {"lang": language_label(job.target_language)},
        )
    tracks = l10n.track_list(user=request.user, film=film).exclude(format="korkyt")
    for track in tracks.filter(state=TrackState.CURRENT).order_by("language"):  # check_source_version's rule
        names = {"lang": language_label(track.language), "file": track.file_name}
        label = _("Uploaded track: %(lang)s (%(file)s)") % names
        out[f"track:{track.pk}"] = (track, label)
    return out


@login_required
def dubbing_order(request: HttpRequest) -> HttpResponse:
    films = l10n.orderable_films(user=request.user)
    if not films.exists():
        raise Http404
    film_id = request.GET.get("film") or request.POST.get("film") or ""
    pk = id_from(film_id)
    film = films.filter(pk=pk).first() if pk is not None else None
    if film is None:
        listed = [(f, _film_label(f)) for f in films.prefetch_related("titles").order_by("-year", "pk")[:500]]
        return render(request, "localization/dubbing/order.html", {"films": listed, "form": None})
    sources = _sources(request, film)
    memoranda = memorandum_recordable(request.user).filter(areas__code=AREA).distinct()
    initial = {"source": request.GET.get("source", ""), "target_language": request.GET.get("target", "")}
    form = DubbingOrderForm(
        request.POST or None,
        sources=[(key, label) for key, (_obj, label) in sources.items()],
        memoranda=memoranda,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = sources[data["source"]][0]

        def make() -> str:
            job = services.dubbing_order(
                actor=request.user,
                film=film,
                target_language=data["target_language"],
                source_job=source if data["source"].startswith("job:") else None,
                source_track=source if data["source"].startswith("track:") else None,
                voice_script=data.get("voice_script") or "",
                studio_institution=data.get("studio_institution"),
                studio_company=data.get("studio_company"),
                adapter=data["adapter"],
                director=data["director"],
                deadline=data.get("deadline"),
                memorandum=data.get("memorandum"),
            )
            return reverse("localization:dubbing_detail", args=[job.pk])

        try:
            location, made = once.run_once(request, data.get(once.FIELD), make)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if made:
                messages.success(request, _("The dubbing job was ordered; its characters were detected."))
            else:
                messages.info(request, once.already_sent_message())
            return redirect(location)
    return render(
        request,
        "localization/dubbing/order.html",
        {"film": film, "title": _film_label(film), "form": form, "has_sources": bool(sources)},
    )


# The job -----------------------------------------------------------------------------------------


def _plan_day(request: HttpRequest) -> int:
    minutes = whole_number(request.GET.get("day", ""))
    return minutes if minutes in DAY_MINUTES else 360


def _outputs_context(job: DubbingJob) -> dict[str, Any]:
    outputs = list(job.outputs.select_related("background")[:RECENT])
    return {
        "job": job,
        "outputs": outputs,
        "busy": any(o.busy for o in outputs),
        "kinds": [(kind, label, OUTPUT_FORMATS[kind]) for kind, label in OutputKind.choices],
        "has_video": bool(services.film_video(job)),
        "timecode_rates": TIMECODE_RATES,
        "default_rate": services.default_timecode_rate(job),
    }


@login_required
def dubbing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    characters = selectors.character_stats(job)
    actors = selectors.actor_stats(job, characters)
    day = _plan_day(request)
    plan, names = selectors.recording_plan(job, day_minutes=day)
    langs = {str(a.actor.pk): a.lang for a in actors}  # each name's tag, for its lang attribute
    counts = l10n.job_counts(job.adaptation)
    chosen_pk = id_from(request.GET.get("character"))  # a row's "Cast" link chooses it in the forms
    chosen = next(
        (row.character for row in characters if row.character.pk == chosen_pk),
        characters[0].character if characters else None,  # else the first, with its voice actor chosen
    )
    # the merge form's "Merge into" starts on another character: merging one into itself is refused
    merge_into = next((row.character for row in characters if row.character != chosen), None)
    return render(
        request,
        "localization/dubbing/detail.html",
        {
            "job": job,
            "film": _film_label(job.film),
            "target_label": language_label(job.target_language),
            "source_label": language_label(job.adaptation.source_language),
            "characters": characters,
            "chosen": chosen,
            "merge_into": merge_into,
            "actors": actors,
            "plan": plan,
            "plan_rows": [
                {**row, "actor": names.get(row["actor"], row["actor"]), "lang": langs.get(row["actor"], "")}
                for row in plan.rows()
            ],
            "plan_days": plan.actor_days(),
            "day": day,
            "day_choices": DAY_MINUTES,
            "counts": counts,
            "people": [(p.pk, selectors.person_text(p)) for p in selectors.castable_people(job)],
            "can_adapt": job.status != DubbingStatus.APPROVED
            and request.user.has_perm("localization.adapt_dubbing", job),
            "can_cast": job.status != DubbingStatus.APPROVED
            and request.user.has_perm("localization.cast_dubbing", job),
            "can_approve": any(
                t.name == "approve" for t in transitions_available(actor=request.user, obj=job)
            ),
            "preparing": job.adaptation.background is not None and job.adaptation.background.active,
            **_outputs_context(job),
            "can_upload_video": job.status != DubbingStatus.APPROVED
            and request.user.has_perm("localization.cast_dubbing", job),
        },
    )


@login_required
@require_POST
def dubbing_characters(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    action = request.POST.get("action", "")
    character = None
    character_id = id_from(request.POST.get("character"))
    if character_id is not None:
        character = job.characters.filter(pk=character_id).first()
    try:
        if action == "create":
            services.character_create(actor=request.user, job=job, name=request.POST.get("name", ""))
        elif character is None:
            raise ValidationError({"character": [_("Choose a character of this job.")]})
        elif action == "rename":
            services.character_rename(
                actor=request.user, character=character, name=request.POST.get("name", "")
            )
        elif action == "merge":
            into_id = id_from(request.POST.get("into"))
            into = job.characters.filter(pk=into_id).first() if into_id is not None else None
            if into is None:
                raise ValidationError({"into": [_("Choose another character of the same job.")]})
            services.character_merge(actor=request.user, character=character, into=into)
        elif action == "cast":
            person_id = request.POST.get("person", "")
            person_pk = id_from(person_id)
            person = Person.objects.filter(pk=person_pk).first() if person_pk is not None else None
            if person_id and person is None:
                raise ValidationError({"person": [_("Choose a person of the catalogue.")]})
            services.character_cast(actor=request.user, character=character, person=person)
        else:
            raise ValidationError({"action": [_("Unknown action.")]})
    except ValidationError as exc:
        # from the casting page: back to its search (kept in ``next``), said in its matches; from anywhere
        # else, the job page's characters
        back = urlsplit(local_next(request, request.POST.get("next")))
        if back.path == reverse("localization:dubbing_casting", args=[job.pk]):
            flash_refusal(request, exc, section="matches")
            return redirect(urlunsplit(back._replace(fragment="matches")))
        flash_refusal(request, exc, section="characters")
        return redirect(reverse("localization:dubbing_detail", args=[job.pk]) + "#characters")
    # said inside the section the page opens on, not at its top (scrolled out of view)
    messages.success(request, _("The characters were saved."), extra_tags=section_tag("characters"))
    return redirect(reverse("localization:dubbing_detail", args=[job.pk]) + "#characters")


@login_required
@require_POST
def dubbing_approve(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        services.dubbing_approve(actor=request.user, job=job)
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, _("The dubbing is approved; the dub is available in the catalogue."))
    return redirect("localization:dubbing_detail", pk=job.pk)


# Recording plan ----------------------------------------------------------------------------------


def _plan_table(request: HttpRequest, job: DubbingJob) -> tuple[list[dict[str, str]], str]:
    plan, names = selectors.recording_plan(job, day_minutes=_plan_day(request))
    rows = [
        {**row, "actor": names.get(row["actor"], row["actor"]), "actor_id": row["actor"]}
        for row in plan.rows()
    ]
    wanted = request.GET.get("actor", "")
    if wanted:
        rows = [r for r in rows if r["actor_id"] == wanted]
        if not rows:
            raise Http404
        return rows, rows[0]["actor"]
    return rows, ""


def _attachment(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    safe = re.sub(r"[^\w.\-]+", "_", name)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=safe) or ""
    return response


@login_required
@require_GET
def plan_csv(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    rows, actor = _plan_table(request, job)
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(
        [
            _("Day"),
            pgettext("sequence", "Order"),
            _("Voice actor"),
            _("Loops"),
            _("Number of loops"),
            _("Minutes"),
        ]
    )
    for row in rows:
        writer.writerow(
            [row["day"], row["order"], row["actor"], row["loops"], row["loop_count"], row["minutes"]]
        )
    name = f"dub-{job.pk}-plan{'-' + actor if actor else ''}.csv"
    return _attachment(buffer.getvalue().encode("utf-8-sig"), name, "text/csv; charset=utf-8")


@login_required
@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from weasyprint import HTML

    job = _job(request, pk)
    rows, actor = _plan_table(request, job)
    page = render_to_string(
        "localization/dubbing/plan_pdf.html",
        {
            "job": job,
            "film": _film_label(job.film),
            "rows": rows,
            "actor": actor,
            "target": language_label(job.target_language),
        },
        request,
    )
    data = HTML(string=page).write_pdf()
    name = f"dub-{job.pk}-plan{'-' + actor if actor else ''}.pdf"
    return _attachment(data, name, "application/pdf")


# The adaptation editor ---------------------------------------------------------------------------


@login_required
def dubbing_adaptation(request: HttpRequest, pk: int) -> HttpResponse:
    """The workbench's cue editor over the adaptation, with the dubbing columns (fit, speaker, loop)."""
    return adaptation_page(request, pk)


def adaptation_page(
    request: HttpRequest, pk: int, *, kept: editor.Kept | None = None, status: int = 200
) -> HttpResponse:
    """The adaptation editor; ``kept``: a review refused without JavaScript (views.cue_review)."""
    with editor._no_gc_pause():  # tens of thousands of short-lived objects, as in the editor's rows
        return _adaptation_page(request, pk, kept, status)


def _adaptation_page(request: HttpRequest, pk: int, kept: editor.Kept | None, answer: int) -> HttpResponse:
    job = _job(request, pk)
    adaptation = job.adaptation
    if not request.user.has_perm("localization.view_job", adaptation):
        raise Http404
    cues = list(selectors.adaptation_cues(job))
    labels = _fit_labels()
    fit_base = reverse("localization:dubbing_fit", args=[0]).rsplit("/0/", 1)[0] + "/"
    stored = fits.line_fits(job.target_language, cues)
    cells = {}
    counts = {"too long": 0, "tight": 0, "too short": 0}
    for cue in cues:
        fit = stored[cue.pk]
        status = fit.status
        if status in counts:
            counts[status] += 1
        line = selectors.line_of(cue)
        cells[cue.pk] = editor.DubCell(
            fit=f"{fit_base}{cue.pk}/fit",
            ratio=f"×{decimal(fit.ratio, 2)}" if fit.ratio is not None else "—",
            fit_status=status.replace(" ", "-") or "none",
            fit_label=labels.get(status, ""),
            speaker=line.speaker,
            speaker_save=f"{fit_base}{cue.pk}/speaker",
            loop=str(line.loop) if line.line_id is not None else "",
        )
    page = editor.job_editor(  # the workbench's one cue editor, with the dubbing columns
        request.user,
        adaptation,
        cues,
        dubbing=cells,
        extra={"dub_labels": {"speaker": _("Character of line"), "loop": _("loop")}},
        csrf_token=get_token(request),
        kept=kept,
    )
    return render(
        request,
        "localization/dubbing/adaptation.html",
        {
            "job": job,
            "adaptation": adaptation,
            "film": _film_label(job.film),
            "source_label": language_label(adaptation.source_language),
            "target_label": language_label(job.target_language),
            "rows": page.rows,
            "counts": l10n.job_counts(adaptation),
            "fit_counts": {key.replace(" ", "_"): n for key, n in counts.items()},
            "characters": list(job.characters.values_list("name", flat=True)),
            "can_translate": page.can_translate,
            "can_review": page.can_review,
            "shown": page.shown,
            "preparing": adaptation.background is not None and adaptation.background.active,
        },
        status=answer,
    )


def _line(request: HttpRequest, cue_pk: int) -> Any:
    return get_visible_or_404(selectors.line_visible(request.user), cue_id=cue_pk)


@login_required
@require_GET
def line_fit(request: HttpRequest, pk: int) -> JsonResponse:
    """The isochrony of a line as the adapter types it (``?text=``; the saved text without it)."""
    line = _line(request, pk)
    cue = line.cue
    text = request.GET.get("text", cue.text)[:2000]
    fit = selectors.cue_fit(
        text=text,
        start_ms=cue.start_ms,
        end_ms=cue.end_ms,
        language=line.job.target_language,
        speaker=line.character.name if line.character_id else None,
    )
    labels = _fit_labels()
    if fit is None:
        return JsonResponse(
            {"ratio": None, "status": "", "label": "", "estimate_ms": 0, "slot_ms": cue.end_ms - cue.start_ms}
        )
    return JsonResponse(
        {
            "ratio": fit.ratio if fit.ratio < 999 else None,
            "status": fit.status,
            "label": labels.get(fit.status, fit.status),
            "estimate_ms": fit.estimate_ms,
            "slot_ms": fit.slot_ms,
        }
    )


@login_required
@require_POST
def line_speaker(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the character of a line by name (a new name makes a new character)."""
    line = _line(request, pk)
    name = " ".join(request.POST.get("character", "").split())
    try:
        character = None
        if name:
            character = selectors.character_named(line.job, name) or services.character_create(
                actor=request.user, job=line.job, name=name
            )
        services.line_set_character(actor=request.user, line=line, character=character)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=422)
    return HttpResponse(status=204)


# Outputs -----------------------------------------------------------------------------------------


@login_required
@require_POST
def output_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue an output. With htmx the panel is swapped in, with the new row or the refusal in it; without,
    back to the outputs, where the message is said (inside the section, not at the page's top)."""
    job = _job(request, pk)
    kind, _sep, fmt = request.POST.get("output", "").partition(".")
    try:
        services.output_request(
            actor=request.user,
            job=job,
            kind=kind,
            fmt=fmt,
            fps=request.POST.get("fps", ""),
            start_timecode=request.POST.get("start_timecode", ""),
        )
    except ValidationError as exc:
        if request.headers.get("HX-Request"):
            context = {**_outputs_context(job), "refused": refusal_messages(exc)}
            return render(request, "localization/dubbing/_outputs.html", context)
        flash_refusal(request, exc, section="outputs")
    else:
        if request.headers.get("HX-Request"):
            return render(request, "localization/dubbing/_outputs.html", _outputs_context(job))
        messages.success(
            request,
            _("The output is queued; its file appears below when it is ready."),
            extra_tags=section_tag("outputs"),
        )
    return redirect(reverse("localization:dubbing_detail", args=[job.pk]) + "#outputs")


@login_required
@require_GET
def outputs_panel(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "localization/dubbing/_outputs.html", _outputs_context(_job(request, pk)))


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "html": "text/html",
    "json": "application/json",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "mkv": "video/x-matroska",
    "mp4": "video/mp4",
}


@login_required
@require_GET
def output_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An output's file, as an attachment; audio and video also inline (``?inline=1``: the preview plays the
    temp track), in byte ranges so the player can seek."""
    output = get_visible_or_404(selectors.output_visible(request.user), pk=pk)
    try:
        handle = output.open_file()
    except FileNotKept as exc:
        raise Http404(exc.message) from exc
    inline = request.GET.get("inline") == "1" and output.format in ("wav", "flac", "mkv", "mp4")
    return private_download(
        handle,
        re.sub(r"[^\w.\-]+", "_", output.name) or "dub.bin",
        CONTENT_TYPES.get(output.format, "application/octet-stream"),
        request=request,
        inline=inline,
    )
