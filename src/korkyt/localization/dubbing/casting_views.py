"""The casting search page of a dubbing job: voice actors by language, voice, range and age, cast from the
results; and describing a catalogue person as a voice actor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from korkyt.core.feedback import section_tag
from korkyt.core.forms import add_service_errors
from korkyt.core.labels import language_label
from korkyt.core.languages import LANGUAGE_NAMES, language_of
from korkyt.localization.dubbing import casting, selectors
from korkyt.localization.dubbing.forms import VoiceProfileForm
from korkyt.localization.dubbing.models import DubbingStatus, VoiceKind, VoiceRange
from korkyt.localization.dubbing.views import _film_label, _job


@login_required
def dubbing_casting(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    can_cast = job.status != DubbingStatus.APPROVED and request.user.has_perm(
        "localization.cast_dubbing", job
    )
    who = " ".join(request.GET.get("who", "").split())[: selectors.QUERY_MAX]
    found = selectors.people_found(who) if can_cast else []
    people = selectors.people_to_describe(found=found, chosen=request.POST.get("person")) if can_cast else []
    initial = {"person": str(found[0])} if len(found) == 1 else None
    form = VoiceProfileForm(request.POST or None, people=people, initial=initial) if can_cast else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                casting.voice_profile_save(
                    actor=request.user,
                    job=job,
                    person=next(p for p in people if str(p.pk) == data["person"]),
                    languages=data["languages"],
                    voice=data["voice"],
                    range=data["range"],
                    age_min=data["age_min"],
                    age_max=data["age_max"],
                    notes=data["notes"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                saved = _("The voice profile was saved.")
                messages.success(request, saved, extra_tags=section_tag("profile"))
                return redirect(reverse("localization:dubbing_casting", args=[job.pk]) + "#profile")
    params = {
        "language": request.GET.get("language", language_of(job.target_language))[:20],
        "voice": request.GET.get("voice", "")[:20],
        "range": request.GET.get("range", "")[:20],
        "age": request.GET.get("age", "")[:5],
        "q": request.GET.get("q", "")[:200],
    }
    errors: list[str] = []
    matches: list[casting.VoiceMatch] = []
    more = False
    try:
        matches, more = casting.voice_search(
            job=job,
            language=params["language"],
            voice=params["voice"],
            range=params["range"],
            age=params["age"],
            query=params["q"],
        )
    except ValidationError as exc:
        errors = exc.messages
    context: dict[str, Any] = {
        "job": job,
        "film": _film_label(job.film),
        "target_label": language_label(job.target_language),
        "params": params,
        "errors": errors,
        "matches": matches,
        "more": more,
        "limit": casting.LIMIT,
        "languages": [(code, name) for code, name in LANGUAGE_NAMES.items()],
        "language_names": dict(LANGUAGE_NAMES),
        "voices": VoiceKind.choices,
        "ranges": VoiceRange.choices,
        "characters": list(job.characters.filter(lines__isnull=False).distinct()) if can_cast else [],
        "can_cast": can_cast,
        "form": form,
        "who": who,
        "found": len(found),
        "found_max": selectors.FOUND_MAX,
    }
    invalid = errors or (form is not None and form.is_bound and not form.is_valid())
    return render(request, "localization/dubbing/casting.html", context, status=400 if invalid else 200)
