"""Editors' pages of the catalogue: a new film, a film's main facts and its credits, a person's names and
years (the API's ``POST /api/films``, ``PATCH /api/films/{id}``, credits and ``PATCH /api/people/{id}``,
as pages). Reads come from the selectors, writes from the services."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from korkyt.catalogue import selectors, services
from korkyt.catalogue.forms import CreditAddForm, FilmForm, NameFormSet, PersonForm
from korkyt.catalogue.models import Film, FilmTitle, TitleKind
from korkyt.catalogue.preferences import preferred_script
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, id_from
from korkyt.core.languages import DEFAULT_TAG, request_language

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
        "synopsis_language": synopsis_language,
        "synopsis": synopses.get(synopsis_language, ""),
    }
    form = FilmForm(
        request.POST or None, owners=selectors.film_owner_choices(request.user, film.owner), initial=initial
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
    return render(request, "catalogue/film_form.html", {"form": form, "film": film, "heading": heading})


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


@login_required
@require_http_methods(["GET", "POST"])
def film_credits(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of a film's credits: add one by name (or catalogue number), remove one."""
    from korkyt.catalogue.views import _credit_groups, _credit_row

    film = get_visible_or_404(selectors.film_visible_with_details(request.user), pk=pk)
    if not request.user.has_perm("catalogue.change_film", film):
        raise PermissionDenied
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
            {"text": row["text"], "language": row["language"]}
            for row in names.cleaned_data
            if row and not row.get("DELETE") and row.get("text")
        ]
        try:
            services.person_update(actor=request.user, person=person, names=rows, **form.cleaned_data)
        except ValidationError as exc:
            _person_errors(form, names, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("catalogue:person_detail", pk=person.pk)
    heading = selectors.person_name(person, request_language(), preferred_script(request))
    return render(
        request,
        "catalogue/person_form.html",
        {"person": person, "heading": heading, "form": form, "names": names},
    )


def _person_errors(form: PersonForm, names: Any, exc: ValidationError) -> None:
    """A service's errors on the form: ``names[i].text`` on the i-th kept name row, the rest by field."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    kept = [
        row
        for row in names.forms
        if row.cleaned_data and not row.cleaned_data.get("DELETE") and row.cleaned_data.get("text")
    ]
    for key, messages_ in exc.message_dict.items():
        row = NAME_KEY.match(key)
        if row and int(row["i"]) < len(kept) and row["field"] in kept[int(row["i"])].fields:
            kept[int(row["i"])].add_error(row["field"], messages_)
        else:
            form.add_error(key if key in form.fields else None, messages_)
