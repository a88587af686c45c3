"""Writes on films: create, update, delete, countries, languages, synopses, memorandum links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as country_names

from korkyt.catalogue.models import (
    CountryRole,
    CreditRole,
    Film,
    FilmCountry,
    FilmKind,
    FilmStatus,
    FilmSynopsis,
    TitleKind,
)
from korkyt.catalogue.services._common import (
    _check_owner_right,
    _country,
    _owner,
    _plain,
    _tag,
    _urls,
    _year,
)
from korkyt.catalogue.services.titles import (
    _clean_titles,
    _set_titles,
)
from korkyt.catalogue.signals import film_changed, film_deleted
from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import action_label, audit_log
from korkyt.core.audit.context import recorded_as
from korkyt.core.http import id_from
from korkyt.core.validation import (
    UNSET,
    Errors,
    Unset,
    add_error,
    delete_or_explain,
    full_clean_into,
    given,
    raise_errors,
    require_perm,
)
from korkyt.institutions.models import CooperationArea, Institution, Memorandum
from korkyt.institutions.selectors import memorandum_visible
from korkyt.institutions.services import check_activity_link

#: Audit event: a film's production countries changed (rewritten in bulk, so not recorded row by row).
SET_FILM_COUNTRIES = "catalogue.film.set_countries"
action_label(SET_FILM_COUNTRIES, gettext_lazy("Production countries changed"))


def _countries_code(rows: Sequence[tuple[str, str]]) -> str:
    """Production countries as the history stores them: "KZ majority; KG minority"."""
    return "; ".join(f"{code} {role}" for code, role in rows)


def countries_shown(stored: str) -> str:
    """The stored countries in the reader's language: "Kazakhstan (Majority co-producer); Kyrgyzstan
    (Minority co-producer)"; a part it cannot read is shown as stored."""
    roles = dict(CountryRole.choices)
    shown = []
    for part in filter(None, (p.strip() for p in stored.split(";"))):
        code, _sep, role = part.partition(" ")
        name = country_names.name(code)
        shown.append(f"{name} ({roles[role]})" if name and role in roles else part)
    return "; ".join(shown)


# Films -------------------------------------------------------------------------------------------


def _clean_countries(values: Sequence[Any], errors: Errors) -> list[tuple[str, str]]:
    clean: list[tuple[str, str]] = []
    for index, value in enumerate(values):
        if isinstance(value, dict):
            code, role = value.get("country", ""), value.get("role") or ""
        else:
            code, role = str(value), ""
        country = _country(str(code), f"countries[{index}].country", errors)
        role = role or (CountryRole.MAJORITY if index == 0 else CountryRole.MINORITY)
        if role not in CountryRole.values:
            add_error(errors, f"countries[{index}].role", _("Unknown role of a production country."))
            continue
        if country is None:
            continue
        if any(c == country for c, _r in clean):
            add_error(errors, f"countries[{index}].country", _("A country is listed twice."))
            continue
        clean.append((country, role))
    return clean


def _clean_languages(values: Sequence[str], field: str, errors: Errors) -> list[str]:
    clean: list[str] = []
    for index, value in enumerate(values):
        tag = _tag(value, f"{field}[{index}]", errors)
        if tag and tag not in clean:
            clean.append(tag)
    return clean


def _clean_synopses(values: Sequence[dict[str, Any]], errors: Errors) -> list[tuple[str, str]]:
    clean: list[tuple[str, str]] = []
    for index, item in enumerate(values):
        tag = _tag(item.get("language", ""), f"synopses[{index}].language", errors)
        text = _plain(item.get("text")).strip()
        if len(text) > 5000:
            add_error(errors, f"synopses[{index}].text", _("A synopsis has at most 5000 characters."))
            continue
        if tag:
            clean.append((tag, text))
    return clean


def _link(
    actor: Actor,
    film: Film,
    memorandum: Memorandum | int | None,
    area: CooperationArea | str | None,
    errors: Errors,
) -> None:
    if memorandum is None and area is None:
        film.memorandum, film.area = None, None
        return
    memo = memorandum
    if memo is not None and not isinstance(memo, Memorandum):
        # a draft the actor may not see is unknown to them, as on its page: not linkable, and not revealed
        memo = memorandum_visible(actor).filter(pk=id_from(str(memo)) or 0).first()
        if memo is None:
            add_error(errors, "memorandum", _("Unknown memorandum."))
    area_obj = area
    if area_obj is not None and not isinstance(area_obj, CooperationArea):
        area_obj = CooperationArea.objects.filter(code=area_obj).first()
        if area_obj is None:
            add_error(errors, "area", _("Unknown area of cooperation “%(code)s”.") % {"code": area})
    # the link as it was (sent back with the film's other fields): kept as it is, even once the memorandum
    # no longer covers the area (a memorandum's areas may change after films were placed under them)
    kept = (getattr(memo, "pk", None), getattr(area_obj, "pk", None)) == (film.memorandum_id, film.area_id)
    if (
        memo is not None
        and area_obj is not None
        and not kept
        and not memo.areas.filter(pk=area_obj.pk).exists()
    ):
        add_error(errors, "area", _("This memorandum does not cover that area of cooperation."))
    if area_obj is not None and memo is None and "memorandum" not in errors:
        add_error(errors, "memorandum", _("Give the memorandum the area belongs to."))
    # the film is counted in the memorandum's public report: only its parties' editors place it there (a
    # link made before stays while the film is edited by someone else)
    check_activity_link(actor, memo, errors, changed=not kept)  # type: ignore[arg-type]
    film.memorandum, film.area = memo, area_obj  # type: ignore[assignment]


def _record_activity(film: Film) -> None:
    from korkyt.institutions.services import activity_sync

    activity_sync(activity=film)  # also done on save; here for a film whose fields were set by update()


def _apply_fields(film: Film, changes: dict[str, Any], errors: Errors) -> None:
    for key, value in changes.items():
        if key == "year":
            value = _year(value, "year", errors)
        elif key == "kind" and value not in FilmKind.values:
            add_error(errors, "kind", _("Unknown kind of film."))
            continue
        elif key == "status" and value not in FilmStatus.values:
            add_error(errors, "status", _("Unknown status."))
            continue
        elif key in ("imdb_id", "tmdb_id", "wikidata_id", "eidr_id", "isan"):
            value = (value or "").strip()
            if key == "isan":
                value = value.upper()
        setattr(film, key, value)


def duplicate_of(
    *, films: QuerySet[Film], original_title: str, year: int | None, directors: Sequence[str]
) -> Film | None:
    """A film among ``films`` with the same original title, year and a director of the same name.

    ``films`` is the caller's scope, never the whole table on a user's behalf: the films the acting user
    may see (``catalogue.selectors.film_visible(actor)``), so another institution's draft is neither found
    nor named to them."""
    from korkyt.translit import search_key

    want_title = search_key(original_title)
    want_directors = {search_key(d) for d in directors if d.strip()}
    candidates = films.filter(
        year=year, titles__kind=TitleKind.ORIGINAL, titles__generated=False
    ).prefetch_related("titles", "credits__person__names")
    for film in candidates.distinct():
        if not any(
            t.kind == TitleKind.ORIGINAL and search_key(t.text) == want_title for t in film.titles.all()
        ):
            continue
        names = {
            search_key(n.text)
            for c in film.credits.all()
            if c.role == CreditRole.DIRECTOR and c.person is not None
            for n in c.person.names.all()
        }
        if not want_directors or names & want_directors:
            return film
    return None


@transaction.atomic
def film_create(
    *,
    actor: Actor,
    owner: Institution | str,
    titles: Sequence[dict[str, Any]],
    kind: str = FilmKind.FEATURE,
    year: int | None = None,
    runtime: int | None = None,
    countries: Sequence[Any] = (),
    original_languages: Sequence[str] = (),
    synopses: Sequence[dict[str, Any]] = (),
    source_urls: Sequence[str] = (),
    status: str = FilmStatus.DRAFT,
    imdb_id: str = "",
    tmdb_id: str = "",
    wikidata_id: str = "",
    eidr_id: str = "",
    isan: str = "",
    memorandum: Memorandum | int | None = None,
    area: CooperationArea | str | None = None,
) -> Film:
    require_perm(actor, "catalogue.add_film")
    errors: Errors = {}
    owner_obj = _owner(owner, errors)
    _check_owner_right(actor, owner_obj, errors)
    title_rows = _clean_titles(titles, errors)
    if not title_rows and not any(k.startswith("titles") for k in errors):
        add_error(errors, "titles", _("Give the film at least one title."))
    if title_rows and not any(t["kind"] == TitleKind.ORIGINAL for t in title_rows):
        title_rows[0]["kind"] = TitleKind.ORIGINAL
    country_rows = _clean_countries(countries, errors)
    languages = _clean_languages(original_languages, "original_languages", errors)
    synopsis_rows = _clean_synopses(synopses, errors)
    urls = _urls(source_urls, "source_urls", errors)
    film = Film(owner=owner_obj, original_languages=languages, source_urls=urls)
    _apply_fields(
        film,
        {
            "kind": kind,
            "year": year,
            "runtime": runtime,
            "status": status,
            "imdb_id": imdb_id,
            "tmdb_id": tmdb_id,
            "wikidata_id": wikidata_id,
            "eidr_id": eidr_id,
            "isan": isan,
        },
        errors,
    )
    _link(actor, film, memorandum, area, errors)
    full_clean_into(film, errors, exclude=["owner", *[k for k in ("year", "kind", "status") if k in errors]])
    if owner_obj is None and "owner" not in errors:
        add_error(errors, "owner", _("This field cannot be blank."))
    raise_errors(errors)
    film.save()
    _set_titles(film, title_rows)
    FilmCountry.objects.bulk_create(
        FilmCountry(film=film, country=c, role=r, position=i) for i, (c, r) in enumerate(country_rows)
    )
    FilmSynopsis.objects.bulk_create(
        FilmSynopsis(film=film, language=t, text=s) for t, s in synopsis_rows if s
    )
    _record_activity(film)
    film_changed.send(sender=Film, film=film)
    return film


@transaction.atomic
def film_update(
    *,
    actor: Actor,
    film: Film,
    titles: Sequence[dict[str, Any]] | None = None,
    countries: Sequence[Any] | None = None,
    original_languages: Sequence[str] | None = None,
    synopses: Sequence[dict[str, Any]] = (),
    source_urls: Sequence[str] | None = None,
    memorandum: Memorandum | int | Unset | None = UNSET,
    area: CooperationArea | str | Unset | None = UNSET,
    owner: Institution | str | None = None,
    kind: str | Unset | None = UNSET,
    year: int | str | Unset | None = UNSET,
    runtime: int | Unset | None = UNSET,
    status: str | Unset | None = UNSET,
    imdb_id: str | Unset | None = UNSET,
    tmdb_id: str | Unset | None = UNSET,
    wikidata_id: str | Unset | None = UNSET,
    eidr_id: str | Unset | None = UNSET,
    isan: str | Unset | None = UNSET,
    on_behalf_of: Actor | None = None,
) -> Film:
    """Change a film. ``titles`` replaces the entered titles; ``synopses`` adds or replaces per language
    (an empty text removes one). ``on_behalf_of``: the person whose action this is when a service changes
    the film as ``SYSTEM`` after checking their right itself (an edition's staff publishing a selected
    film): the change history records the change as theirs, not the platform's."""
    require_perm(actor, "catalogue.change_film", film)
    changes = given(
        kind=kind,
        year=year,
        runtime=runtime,
        status=status,
        imdb_id=imdb_id,
        tmdb_id=tmdb_id,
        wikidata_id=wikidata_id,
        eidr_id=eidr_id,
        isan=isan,
    )
    errors: Errors = {}
    if owner is not None:
        owner_obj = _owner(owner, errors)
        _check_owner_right(actor, owner_obj, errors)
        if owner_obj is not None:
            film.owner = owner_obj
    _apply_fields(film, changes, errors)
    title_rows = _clean_titles(titles, errors) if titles is not None else None
    if title_rows is not None and not title_rows and "titles" not in errors:
        add_error(errors, "titles", _("Give the film at least one title."))
    country_rows = _clean_countries(countries, errors) if countries is not None else None
    if original_languages is not None:
        film.original_languages = _clean_languages(original_languages, "original_languages", errors)
    synopsis_rows = _clean_synopses(synopses, errors)
    if source_urls is not None:
        film.source_urls = _urls(source_urls, "source_urls", errors)
    if memorandum is not UNSET or area is not UNSET:
        _link(
            actor,
            film,
            film.memorandum if isinstance(memorandum, Unset) else memorandum,
            film.area if isinstance(area, Unset) else area,
            errors,
        )
    full_clean_into(film, errors, exclude=["owner", *[k for k in ("year", "kind", "status") if k in errors]])
    raise_errors(errors)
    with recorded_as(saved_user(on_behalf_of)):
        film.save()
        if title_rows is not None:
            if not any(t["kind"] == TitleKind.ORIGINAL for t in title_rows):
                title_rows[0]["kind"] = TitleKind.ORIGINAL
            _set_titles(film, title_rows)
        if country_rows is not None:
            kept = film.countries.order_by("position", "pk").values_list("country", "role")
            before = _countries_code(list(kept))
            FilmCountry.objects.filter(film=film).delete()
            FilmCountry.objects.bulk_create(
                FilmCountry(film=film, country=c, role=r, position=i) for i, (c, r) in enumerate(country_rows)
            )
            after = _countries_code(country_rows)
            if after != before:
                changes = {"countries": (before, after)}
                audit_log(obj=film, action=SET_FILM_COUNTRIES, actor=on_behalf_of or actor, changes=changes)
        for tag, text in synopsis_rows:
            if text:
                FilmSynopsis.objects.update_or_create(film=film, language=tag, defaults={"text": text})
            else:
                FilmSynopsis.objects.filter(film=film, language=tag).delete()
        if memorandum is not UNSET or area is not UNSET:
            _record_activity(film)
    film_changed.send(sender=Film, film=film)
    return film


@transaction.atomic
def film_update_with_title(
    *, actor: Actor, film: Film, title: Any, title_text: str, title_language: str, **changes: Any
) -> Film:
    """``film_update`` with ``changes``, and the entered title ``title`` (the original one; None: a new
    original title) set to ``title_text`` in ``title_language``: both saved or neither. The title's
    errors come under ``title`` and ``title_language``."""
    from korkyt.catalogue.services.titles import title_save

    film_update(actor=actor, film=film, **changes)
    if title is not None and (title.text, title.language) == (title_text, title_language):
        return film
    try:
        title_save(
            actor=actor,
            film=film,
            text=title_text,
            language=title_language,
            kind=TitleKind.ORIGINAL,
            title=title,
        )
    except ValidationError as exc:
        names = {"text": "title", "language": "title_language"}
        raise ValidationError({names.get(k, k): v for k, v in exc.message_dict.items()}) from exc
    return film


@transaction.atomic
def film_delete(*, actor: Actor, film: Film) -> None:
    require_perm(actor, "catalogue.delete_film", film)
    film_deleted.send(sender=Film, film_id=film.pk)
    # its records under memoranda, and its jobs', go with it (ActivityRelation); not while a festival's
    # entries or awards name it
    delete_or_explain(film)
