"""Editors' pages of the catalogue: a new film, a film's main facts, credits, titles, versions and tracks,
deleting it; a person's names and years (the API's films, titles, credits, versions, tracks and people, as
pages). Reads come from the selectors, writes from the services."""

from __future__ import annotations

import re
from typing import Any

from django import forms as forms_
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from korkyt.catalogue import selectors, services
from korkyt.catalogue.forms import (
    CompanyForm,
    CompanyNameFormSet,
    CreditAddForm,
    FilmForm,
    NameFormSet,
    PersonForm,
    TitleForm,
    TrackForm,
    VersionForm,
)
from korkyt.catalogue.models import Film, FilmTitle, TitleKind, TrackStatus
from korkyt.catalogue.preferences import preferred_script
from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, id_from
from korkyt.core.languages import DEFAULT_TAG, request_language
from korkyt.core.views import delete_confirmed

NAME_KEY = re.compile(r"^names\[(?P<i>\d{1,3})\]\.(?P<field>\w+)$")
# Service error keys → form fields.
FIELDS = {"titles": "title", "countries": "majority_country", "synopses": "synopsis"}


def _field_map(key: str) -> str:
    head = key.split("[", 1)[0].split(".", 1)[0]
    if key.endswith(".language") and head == "titles":
        return "title_language"
    if key.endswith(".language") and head == "synopses":
        return "synopsis_language"
    return FIELDS.get(head, head)


def _apply(form: FilmForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        exc = ValidationError({_field_map(k): v for k, v in exc.message_dict.items()})
    add_service_errors(form, exc)


@login_required
@require_http_methods(["GET", "POST"])
def film_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("catalogue.add_film"):
        raise PermissionDenied
    language = DEFAULT_TAG.get(request_language(), "en")
    owners = selectors.film_owner_choices(request.user)
    form = FilmForm(
        request.POST or None,
        owners=owners,
        user=request.user,
        initial={"title_language": language, "synopsis_language": language, "status": "draft"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            film = services.film_create(
                actor=request.user,
                titles=[{"text": data["title"], "language": data["title_language"], "kind": "original"}],
                **form.facts(),
                synopses=[{"language": data["synopsis_language"], "text": data["synopsis"]}]
                if data["synopsis"].strip()
                else [],
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("The film is added. Add its credits, titles and tracks next."))
            return redirect("catalogue:film_detail", pk=film.pk)
    return render(request, "catalogue/film_form.html", {"form": form, "film": None})


def _original(film: Film) -> FilmTitle | None:
    rows = [t for t in film.titles.all() if not t.generated]
    return next((t for t in rows if t.kind == TitleKind.ORIGINAL), rows[0] if rows else None)


@login_required
@require_http_methods(["GET", "POST"])
def film_edit(request: HttpRequest, pk: int) -> HttpResponse:
    film = get_visible_or_404(selectors.film_visible_with_details(request.user), pk=pk)
    if not request.user.has_perm("catalogue.change_film", film):
        raise PermissionDenied
    original = _original(film)
    countries = [c for c in film.countries.all()]
    synopses = {s.language: s.text for s in film.synopses.all()}
    synopsis_language = request.GET.get("synopsis_language") or next(
        iter(synopses), DEFAULT_TAG.get(request_language(), "en")
    )
    initial = {
        "owner": film.owner.code if film.owner else "",
        "title": original.text if original else "",
        "title_language": original.language if original else "",
        "kind": film.kind,
        "status": film.status,
        "year": film.year,
        "runtime": film.runtime,
        "majority_country": next((c.country.code for c in countries if c.role == "majority"), ""),
        "other_countries": [c.country.code for c in countries if c.role != "majority"],
        "original_languages": film.original_languages,
        "memorandum": film.memorandum_id,
        "area": film.area_id,
        "synopsis_language": synopsis_language,
        "synopsis": synopses.get(synopsis_language, ""),
    }
    form = FilmForm(
        request.POST or None,
        owners=selectors.film_owner_choices(request.user, film.owner),
        user=request.user,
        memorandum=film.memorandum_id,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, film, original, form)  # the facts and the title together, or neither
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("catalogue:film_detail", pk=film.pk)
    heading = selectors.film_title(film, request_language(), preferred_script(request))
    can_delete = request.user.has_perm("catalogue.delete_film", film)
    return render(
        request,
        "catalogue/film_form.html",
        {"form": form, "film": film, "heading": heading, "can_delete": can_delete},
    )


def _save(request: HttpRequest, film: Film, original: FilmTitle | None, form: FilmForm) -> None:
    data = form.cleaned_data
    services.film_update_with_title(
        actor=request.user,
        film=film,
        title=original,
        title_text=data["title"],
        title_language=data["title_language"],
        **form.facts(),
        synopses=[{"language": data["synopsis_language"], "text": data["synopsis"]}],
    )


def _editable_film(request: HttpRequest, pk: int) -> Film:
    film = get_visible_or_404(selectors.film_visible_with_details(request.user), pk=pk)
    if not request.user.has_perm("catalogue.change_film", film):
        raise PermissionDenied
    return film


@login_required
@require_POST
def film_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a film with its titles, credits, versions and tracks; refused, with the reason, while a
    festival's entries or awards name it."""
    film = get_visible_or_404(selectors.film_visible_with_details(request.user), pk=pk)
    return delete_confirmed(
        request,
        film,
        "catalogue.delete_film",
        lambda: services.film_delete(actor=request.user, film=film),
        back=reverse("catalogue:film_edit", args=[film.pk]),
        done=_("The film was deleted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_titles(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of a film's titles: each title entered, with the transliterations made from it; add
    one (translated, alternative, festival, working) or remove one."""
    from korkyt.catalogue.views import _language_label

    film = _editable_film(request, pk)
    action = request.POST.get("action")
    form = TitleForm(request.POST if action == "add" else None)
    if action == "remove":
        title = selectors.film_entered_title(film, id_from(request.POST.get("title")))
        if title is None:
            messages.error(request, _("That title is no longer on the film."))
        else:
            try:
                services.title_delete(actor=request.user, title=title)
            except ValidationError as exc:
                flash_refusal(request, exc)
            else:
                messages.success(request, _("Removed."))
        return redirect("catalogue:film_titles", pk=film.pk)
    if action == "add" and form.is_valid():
        try:
            services.title_save(actor=request.user, film=film, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The title is added; its transliterations are made."))
            return redirect("catalogue:film_titles", pk=film.pk)
    titles = selectors.film_titles(film)
    rows = [
        {
            "obj": t,
            "language": _language_label(t.language),
            "variants": [v for v in titles if v.source_id == t.pk],
        }
        for t in titles
        if not t.generated
    ]
    heading = selectors.film_title(film, request_language(), preferred_script(request))
    return render(
        request, "catalogue/film_titles.html", {"film": film, "heading": heading, "rows": rows, "form": form}
    )


TRACK_ACTIONS = ("add_version", "remove_version", "add_track", "remove_track", "track_status")


@login_required
@require_http_methods(["GET", "POST"])
def film_tracks(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of a film's versions (original, director's cut, dubbed…) and its subtitle, dubbing,
    SDH and audio-description tracks, each for the film as a whole or for one version."""
    from korkyt.catalogue.views import _language_label

    film = _editable_film(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    versions = selectors.film_versions(film)
    choices = [(str(v.pk), _version_label(v, _language_label)) for v in versions]
    version_form = VersionForm(request.POST if action == "add_version" else None, prefix="version")
    track_form = TrackForm(request.POST if action == "add_track" else None, prefix="track", versions=choices)
    if action in TRACK_ACTIONS:
        done = _track_action(request, film, action, version_form, track_form)
        if done:
            return redirect("catalogue:film_tracks", pk=film.pk)
    tracks = sorted(film.tracks.all(), key=lambda t: (t.version_id or 0, t.kind, t.language, t.pk))
    labels = dict(choices)
    track_rows = [
        {
            "obj": t,
            "language": _language_label(t.language),
            "version": labels.get(str(t.version_id)) if t.version_id else None,
        }
        for t in tracks
    ]
    version_rows = [{"obj": v, "label": labels[str(v.pk)], "tracks": len(v.tracks.all())} for v in versions]
    heading = selectors.film_title(film, request_language(), preferred_script(request))
    return render(
        request,
        "catalogue/film_tracks.html",
        {
            "film": film,
            "heading": heading,
            "versions": version_rows,
            "tracks": track_rows,
            "statuses": TrackStatus.choices,
            "version_form": version_form,
            "track_form": track_form,
        },
    )


def _version_label(version: Any, language_label: Any) -> str:
    label = str(version.get_kind_display())
    if version.language:
        label += f" — {language_label(version.language)}"
    return f"{label} (#{version.pk})"


def _track_action(
    request: HttpRequest, film: Film, action: str, version_form: VersionForm, track_form: TrackForm
) -> bool:
    """Carry out one of the tracks page's actions; True when the page should be shown afresh."""
    actor = request.user
    if action in ("remove_version", "remove_track", "track_status"):
        target: Any
        if action == "remove_version":
            target = selectors.film_version(film, id_from(request.POST.get("version")))
        else:
            target = selectors.film_track(film, id_from(request.POST.get("track")))
        if target is None:
            messages.error(request, _("That is no longer on the film."))
        elif action == "remove_version":
            services.version_delete(actor=actor, version=target)
            messages.success(request, _("Removed."))
        elif action == "remove_track":
            services.track_delete(actor=actor, track=target)
            messages.success(request, _("Removed."))
        else:
            try:
                services.track_update(actor=actor, track=target, status=request.POST.get("status", ""))
            except ValidationError as exc:
                flash_refusal(request, exc)
            else:
                messages.success(request, _("Saved."))
        return True
    form: forms_.Form = version_form if action == "add_version" else track_form
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if action == "add_version":
            services.version_create(actor=actor, film=film, **data)
        else:
            version = selectors.film_version(film, id_from(data.pop("version")))
            services.track_create(actor=actor, film=film, version=version, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, _("Added."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def film_credits(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of a film's credits: add one by name (or catalogue number), remove one."""
    from korkyt.catalogue.views import _credit_groups, _credit_row

    film = _editable_film(request, pk)
    form = CreditAddForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST" and request.POST.get("action") == "remove":
        credit = selectors.film_credit(film, id_from(request.POST.get("credit")))
        if credit is None:
            messages.error(request, _("That credit is no longer on the film."))
        else:
            services.credit_delete(actor=request.user, credit=credit)
            messages.success(request, _("Removed."))
        return redirect("catalogue:film_credits", pk=film.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.credit_add(
                actor=request.user,
                film=film,
                role=data["role"],
                name=data["name"],
                language=data["language"],
                character=data["character"],
                billing_order=data["billing_order"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The credit is added."))
            return redirect("catalogue:film_credits", pk=film.pk)
    rows = [_credit_row(c, request) for c in selectors.film_credits(film)]
    heading = selectors.film_title(film, request_language(), preferred_script(request))
    return render(
        request,
        "catalogue/film_credits.html",
        {"film": film, "heading": heading, "groups": _credit_groups(rows), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of a person: their names as written in each language (the transliterations follow),
    years of birth and death, Wikidata and IMDb ids."""
    person = get_visible_or_404(selectors.person_visible(request.user), pk=pk)
    if not request.user.has_perm("catalogue.change_person", person):
        raise PermissionDenied
    entered = [n for n in person.names.all() if not n.generated]
    form = PersonForm(
        request.POST or None,
        initial={
            "birth_year": person.birth_year,
            "death_year": person.death_year,
            "wikidata_id": person.wikidata_id,
            "imdb_id": person.imdb_id,
        },
    )
    names = NameFormSet(
        request.POST or None,
        initial=[{"text": n.text, "language": n.language} for n in entered],
        prefix="names",
    )
    if request.method == "POST" and form.is_valid() and names.is_valid():
        rows = [
            {"text": r.cleaned_data["text"], "language": r.cleaned_data["language"]}
            for r in _kept(names, "text")
        ]
        try:
            services.person_update(actor=request.user, person=person, names=rows, **form.cleaned_data)
        except ValidationError as exc:
            _row_errors(form, names, exc, "text")
        else:
            messages.success(request, _("Saved."))
            return redirect("catalogue:person_detail", pk=person.pk)
    heading = selectors.person_name(person, request_language(), preferred_script(request))
    return render(
        request,
        "catalogue/person_form.html",
        {
            "person": person,
            "heading": heading,
            "form": form,
            "names": names,
            "can_delete": request.user.has_perm("catalogue.delete_person", person),
        },
    )


@login_required
@require_POST
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a person with their names and portraits; refused, with the reason, while they are credited
    on a film or named by a festival's award."""
    person = get_visible_or_404(selectors.person_visible(request.user), pk=pk)
    return delete_confirmed(
        request,
        person,
        "catalogue.delete_person",
        lambda: services.person_delete(actor=request.user, person=person),
        back=reverse("catalogue:person_edit", args=[person.pk]),
        done=_("The person was deleted."),
    )


def _kept(names: Any, field: str) -> list[Any]:
    """The rows of a names formset that are saved: not ticked for removal, with ``field`` filled in."""
    return [
        row
        for row in names.forms
        if row.cleaned_data and not row.cleaned_data.get("DELETE") and row.cleaned_data.get(field)
    ]


def _row_errors(form: Any, names: Any, exc: ValidationError, field: str) -> None:
    """A service's errors on the page: ``names[i].…`` on the i-th kept row of the names formset, the rest
    on the form by field."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    kept = _kept(names, field)
    for key, messages_ in exc.message_dict.items():
        row = NAME_KEY.match(key)
        if row and int(row["i"]) < len(kept) and row["field"] in kept[int(row["i"])].fields:
            kept[int(row["i"])].add_error(row["field"], messages_)
        else:
            form.add_error(key if key in form.fields else None, messages_)


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of a company: its kind, country and website, and its name in each language (the
    API's ``PATCH /api/companies/{id}``, with the names as the whole list)."""
    company = get_visible_or_404(selectors.company_visible(request.user), pk=pk)
    if not request.user.has_perm("catalogue.change_company", company):
        raise PermissionDenied
    form = CompanyForm(
        request.POST or None,
        initial={"kind": company.kind, "country": company.country.code or "", "website": company.website},
    )
    names = CompanyNameFormSet(
        request.POST or None,
        initial=[{"name": n.name, "language": n.language} for n in company.names.all()],
        prefix="names",
    )
    if request.method == "POST" and form.is_valid() and names.is_valid():
        rows = [
            {"name": r.cleaned_data["name"], "language": r.cleaned_data["language"]}
            for r in _kept(names, "name")
        ]
        try:
            services.company_update(
                actor=request.user, company=company, names=rows, replace_names=True, **form.cleaned_data
            )
        except ValidationError as exc:
            _row_errors(form, names, exc, "name")
        else:
            messages.success(request, _("Saved."))
            return redirect("catalogue:company_detail", pk=company.pk)
    return render(
        request,
        "catalogue/company_form.html",
        {
            "company": company,
            "heading": selectors.company_name(company, request_language()),
            "form": form,
            "names": names,
            "can_delete": request.user.has_perm("catalogue.delete_company", company),
        },
    )


@login_required
@require_POST
def company_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a company with its names; refused, with the reason, while it is credited on a film or
    co-produces a project."""
    company = get_visible_or_404(selectors.company_visible(request.user), pk=pk)
    return delete_confirmed(
        request,
        company,
        "catalogue.delete_company",
        lambda: services.company_delete(actor=request.user, company=company),
        back=reverse("catalogue:company_edit", args=[company.pk]),
        done=_("The company was deleted."),
    )
