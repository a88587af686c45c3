"""Every write on films, titles, people, companies, credits, versions and tracks.

Keyword-only, inside ``transaction.atomic``; bad input raises ``ValidationError`` naming the field, a
missing right raises ``PermissionDenied``. Each write sends the catalogue's signals inside the transaction,
so the search index changes with the record or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import (
    COMPANY_ROLES,
    YEAR_MAX,
    YEAR_MIN,
    Company,
    CompanyKind,
    CompanyName,
    CountryRole,
    Credit,
    CreditRole,
    Film,
    FilmCountry,
    FilmKind,
    FilmStatus,
    FilmSynopsis,
    FilmTitle,
    Person,
    PersonName,
    TitleKind,
    Track,
    TrackKind,
    TrackStatus,
    Version,
    VersionKind,
)
from korkyt.catalogue.signals import film_changed, film_deleted, person_changed, person_deleted
from korkyt.catalogue.variants import check_tag, generated_variants
from korkyt.institutions.models import CooperationArea, Institution, Memorandum

Errors = dict[str, list[str]]


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_CONTROL[127] = None


def _plain(value: Any) -> str:
    """Text without control characters (a NUL byte cannot even be stored by PostgreSQL)."""
    return str(value or "").translate(_CONTROL)


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _full_clean(instance: models.Model, errors: Errors, exclude: Sequence[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)


def _tag(value: str, field: str, errors: Errors, text: str = "") -> str | None:
    try:
        return check_tag(_plain(value), text)
    except ValidationError as exc:
        errors.setdefault(field, []).extend(exc.messages)
        return None


def _country(value: str, field: str, errors: Errors) -> str | None:
    code = _plain(value).strip().upper()
    if code not in dict(all_countries):
        _add(
            errors,
            field,
            _("Unknown country code “%(code)s”; use an ISO 3166-1 alpha-2 code such as KZ.")
            % {"code": value},
        )
        return None
    return code


def _owner(value: Institution | str | None, errors: Errors, field: str = "owner") -> Institution | None:
    if value is None or isinstance(value, Institution):
        return value
    found = Institution.objects.filter(code=_plain(value).strip().upper()[:30]).first()
    if found is None:
        _add(errors, field, _("Unknown institution “%(code)s”.") % {"code": value})
    return found


def _check_owner_right(actor: Any, owner: Institution | None, errors: Errors) -> None:
    if owner is not None and not actor.is_superuser and owner.pk not in institution_ids(actor, Role.EDITOR):
        _add(errors, "owner", _("You may only enter records for an institution you edit."))


def _urls(values: Sequence[str], field: str, errors: Errors) -> list[str]:
    check = URLValidator(schemes=["http", "https"])
    clean: list[str] = []
    for index, value in enumerate(values):
        url = str(value).strip()
        try:
            check(url)
        except ValidationError:
            _add(errors, f"{field}[{index}]", _("Enter a web address starting with http:// or https://."))
            continue
        if url not in clean:
            clean.append(url)
    return clean


def _year(value: Any, field: str, errors: Errors) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        _add(errors, field, _("Enter a year as a number."))
        return None
    if not YEAR_MIN <= year <= YEAR_MAX:
        _add(
            errors,
            field,
            _("The year must be between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
        )
        return None
    return year


# Titles ------------------------------------------------------------------------------------------


def _clean_titles(titles: Sequence[dict[str, Any]], errors: Errors) -> list[dict[str, Any]]:
    clean: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(titles):
        text = " ".join(_plain(item.get("text")).split())
        if not text:
            _add(errors, f"titles[{index}].text", _("This field cannot be blank."))
            continue
        if len(text) > 300:
            _add(errors, f"titles[{index}].text", _("A title has at most 300 characters."))
            continue
        tag = _tag(item.get("language", ""), f"titles[{index}].language", errors, text)
        kind = item.get("kind") or TitleKind.ORIGINAL
        if kind not in TitleKind.values:
            _add(errors, f"titles[{index}].kind", _("Unknown kind of title."))
            continue
        if tag is None or (tag, text) in seen:
            continue
        seen.add((tag, text))
        clean.append({"text": text, "language": tag, "kind": kind})
    return clean


def _generate_titles(title: FilmTitle) -> None:
    """(Re)make the generated transliterations of one entered title."""
    FilmTitle.objects.filter(source=title).delete()
    taken = set(FilmTitle.objects.filter(film=title.film).values_list("language", "text"))
    rows = []
    for variant in generated_variants(title.text, title.language):
        if (variant.language, variant.text) in taken:
            continue
        taken.add((variant.language, variant.text))
        rows.append(
            FilmTitle(
                film=title.film,
                text=variant.text[:300],
                language=variant.language,
                kind=TitleKind.TRANSLITERATED,
                generated=True,
                scheme=variant.scheme,
                source=title,
                position=title.position,
            )
        )
    FilmTitle.objects.bulk_create(rows)


def _set_titles(film: Film, titles: list[dict[str, Any]]) -> None:
    """Replace the entered titles of ``film``; unchanged titles keep their rows, changed ones regenerate."""
    existing = {(t.language, t.text): t for t in film.titles.filter(generated=False)}
    wanted = {(t["language"], t["text"]) for t in titles}
    for key, old in existing.items():
        if key not in wanted:
            old.delete()  # its generated forms go with it (CASCADE)
    for position, item in enumerate(titles):
        key = (item["language"], item["text"])
        row: FilmTitle | None = existing.get(key)
        if row is None:
            # an entered title takes the place of a generated one with the same text
            FilmTitle.objects.filter(film=film, language=item["language"], text=item["text"]).delete()
            row = FilmTitle.objects.create(
                film=film, text=item["text"], language=item["language"], kind=item["kind"], position=position
            )
        elif row.kind != item["kind"] or row.position != position:
            row.kind, row.position = item["kind"], position
            row.save(update_fields=["kind", "position"])
    for row in film.titles.filter(generated=False):
        _generate_titles(row)


@transaction.atomic
def title_save(
    *,
    actor: Any,
    film: Film,
    text: str,
    language: str,
    kind: str = TitleKind.ALTERNATIVE,
    title: FilmTitle | None = None,
) -> FilmTitle:
    """Add a title to ``film`` or change ``title``; its transliterations are (re)generated."""
    _require(actor, "catalogue.change_film", film)
    errors: Errors = {}
    clean = _clean_titles([{"text": text, "language": language, "kind": kind}], errors)
    _raise({k.replace("titles[0].", ""): v for k, v in errors.items()})
    item = clean[0]
    clash = FilmTitle.objects.filter(film=film, language=item["language"], text=item["text"], generated=False)
    if title is not None:
        clash = clash.exclude(pk=title.pk)
    if clash.exists():
        raise ValidationError({"text": [_("The film already has this title in this language.")]})
    FilmTitle.objects.filter(film=film, language=item["language"], text=item["text"], generated=True).exclude(
        source=title
    ).delete()
    if title is None:
        title = FilmTitle(film=film, position=film.titles.filter(generated=False).count())
    elif title.generated:
        raise ValidationError({"text": [_("A generated title changes with the title it was made from.")]})
    title.text, title.language, title.kind = item["text"], item["language"], item["kind"]
    title.save()
    _generate_titles(title)
    film_changed.send(sender=Film, film=film)
    return title


@transaction.atomic
def title_delete(*, actor: Any, title: FilmTitle) -> None:
    film = title.film
    _require(actor, "catalogue.change_film", film)
    if title.generated:
        raise ValidationError({"title": [_("A generated title goes away with the title it was made from.")]})
    if (
        title.kind == TitleKind.ORIGINAL
        and not film.titles.filter(generated=False).exclude(pk=title.pk).exists()
    ):
        raise ValidationError({"title": [_("A film needs at least one title.")]})
    title.delete()
    film_changed.send(sender=Film, film=film)


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
            _add(errors, f"countries[{index}].role", _("Unknown role of a production country."))
            continue
        if country is None:
            continue
        if any(c == country for c, _r in clean):
            _add(errors, f"countries[{index}].country", _("A country is listed twice."))
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
            _add(errors, f"synopses[{index}].text", _("A synopsis has at most 5000 characters."))
            continue
        if tag:
            clean.append((tag, text))
    return clean


def _link(
    film: Film, memorandum: Memorandum | int | None, area: CooperationArea | str | None, errors: Errors
) -> None:
    if memorandum is None and area is None:
        film.memorandum, film.area = None, None
        return
    memo = memorandum
    if memo is not None and not isinstance(memo, Memorandum):
        memo = Memorandum.objects.filter(pk=memo).first()
        if memo is None:
            _add(errors, "memorandum", _("Unknown memorandum."))
    area_obj = area
    if area_obj is not None and not isinstance(area_obj, CooperationArea):
        area_obj = CooperationArea.objects.filter(code=area_obj).first()
        if area_obj is None:
            _add(errors, "area", _("Unknown area of cooperation “%(code)s”.") % {"code": area})
    if memo is not None and area_obj is not None and not memo.areas.filter(pk=area_obj.pk).exists():
        _add(errors, "area", _("This memorandum does not cover that area of cooperation."))
    if area_obj is not None and memo is None and "memorandum" not in errors:
        _add(errors, "memorandum", _("Give the memorandum the area belongs to."))
    film.memorandum, film.area = memo, area_obj  # type: ignore[assignment]


def _record_activity(film: Film) -> None:
    from korkyt.institutions.services import activity_forget, activity_record

    activity_forget(activity=film)
    if film.memorandum_id and film.area_id:
        original = film.titles.filter(kind=TitleKind.ORIGINAL, generated=False).first()
        activity_record(
            memorandum=film.memorandum,  # type: ignore[arg-type]
            area=film.area,  # type: ignore[arg-type]
            activity=film,
            title=original.text if original else str(film),
        )


FILM_FIELDS = (
    "kind",
    "year",
    "runtime",
    "status",
    "imdb_id",
    "tmdb_id",
    "wikidata_id",
    "eidr_id",
    "isan",
)


def _apply_fields(film: Film, changes: dict[str, Any], errors: Errors) -> None:
    for key, value in changes.items():
        if key == "year":
            value = _year(value, "year", errors)
        elif key == "kind" and value not in FilmKind.values:
            _add(errors, "kind", _("Unknown kind of film."))
            continue
        elif key == "status" and value not in FilmStatus.values:
            _add(errors, "status", _("Unknown status."))
            continue
        elif key in ("imdb_id", "tmdb_id", "wikidata_id", "eidr_id", "isan"):
            value = (value or "").strip()
            if key == "isan":
                value = value.upper()
        setattr(film, key, value)


def duplicate_of(*, original_title: str, year: int | None, directors: Sequence[str]) -> Film | None:
    """A film already in the catalogue with the same original title, year and a director of the same name."""
    from korkyt.translit import search_key

    want_title = search_key(original_title)
    want_directors = {search_key(d) for d in directors if d.strip()}
    candidates = Film.objects.filter(
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
    actor: Any,
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
    _require(actor, "catalogue.add_film")
    errors: Errors = {}
    owner_obj = _owner(owner, errors)
    _check_owner_right(actor, owner_obj, errors)
    title_rows = _clean_titles(titles, errors)
    if not title_rows and not any(k.startswith("titles") for k in errors):
        _add(errors, "titles", _("Give the film at least one title."))
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
    _link(film, memorandum, area, errors)
    _full_clean(film, errors, exclude=["owner", *[k for k in ("year", "kind", "status") if k in errors]])
    if owner_obj is None and "owner" not in errors:
        _add(errors, "owner", _("This field cannot be blank."))
    _raise(errors)
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
    actor: Any,
    film: Film,
    titles: Sequence[dict[str, Any]] | None = None,
    countries: Sequence[Any] | None = None,
    original_languages: Sequence[str] | None = None,
    synopses: Sequence[dict[str, Any]] = (),
    source_urls: Sequence[str] | None = None,
    memorandum: Memorandum | int | None = ...,  # type: ignore[assignment]
    area: CooperationArea | str | None = ...,  # type: ignore[assignment]
    owner: Institution | str | None = None,
    **changes: Any,
) -> Film:
    """Change a film. ``titles`` replaces the entered titles; ``synopses`` adds or replaces per language
    (an empty text removes one)."""
    _require(actor, "catalogue.change_film", film)
    unknown = set(changes) - set(FILM_FIELDS)
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    errors: Errors = {}
    if owner is not None:
        owner_obj = _owner(owner, errors)
        _check_owner_right(actor, owner_obj, errors)
        if owner_obj is not None:
            film.owner = owner_obj
    _apply_fields(film, changes, errors)
    title_rows = _clean_titles(titles, errors) if titles is not None else None
    if title_rows is not None and not title_rows and "titles" not in errors:
        _add(errors, "titles", _("Give the film at least one title."))
    country_rows = _clean_countries(countries, errors) if countries is not None else None
    if original_languages is not None:
        film.original_languages = _clean_languages(original_languages, "original_languages", errors)
    synopsis_rows = _clean_synopses(synopses, errors)
    if source_urls is not None:
        film.source_urls = _urls(source_urls, "source_urls", errors)
    if memorandum is not ... or area is not ...:
        _link(
            film,
            film.memorandum if memorandum is ... else memorandum,
            film.area if area is ... else area,
            errors,
        )
    _full_clean(film, errors, exclude=["owner", *[k for k in ("year", "kind", "status") if k in errors]])
    _raise(errors)
    film.save()
    if title_rows is not None:
        if not any(t["kind"] == TitleKind.ORIGINAL for t in title_rows):
            title_rows[0]["kind"] = TitleKind.ORIGINAL
        _set_titles(film, title_rows)
    if country_rows is not None:
        FilmCountry.objects.filter(film=film).delete()
        FilmCountry.objects.bulk_create(
            FilmCountry(film=film, country=c, role=r, position=i) for i, (c, r) in enumerate(country_rows)
        )
    for tag, text in synopsis_rows:
        if text:
            FilmSynopsis.objects.update_or_create(film=film, language=tag, defaults={"text": text})
        else:
            FilmSynopsis.objects.filter(film=film, language=tag).delete()
    if memorandum is not ... or area is not ...:
        _record_activity(film)
    film_changed.send(sender=Film, film=film)
    return film


@transaction.atomic
def film_delete(*, actor: Any, film: Film) -> None:
    _require(actor, "catalogue.delete_film", film)
    from korkyt.institutions.services import activity_forget

    film_deleted.send(sender=Film, film_id=film.pk)
    activity_forget(activity=film)
    film.delete()


# People ------------------------------------------------------------------------------------------


def _clean_names(names: Sequence[dict[str, Any] | str], errors: Errors) -> list[dict[str, str]]:
    clean: list[dict[str, str]] = []
    for index, item in enumerate(names):
        data = {"text": item, "language": ""} if isinstance(item, str) else item
        text = " ".join(_plain(data.get("text")).split())
        if not text:
            _add(errors, f"names[{index}].text", _("This field cannot be blank."))
            continue
        if len(text) > 200:
            _add(errors, f"names[{index}].text", _("A name has at most 200 characters."))
            continue
        raw_tag = data.get("language") or ""
        if not raw_tag:
            from korkyt.translit import detect_script

            raw_tag = "ru" if detect_script(text) == "Cyrl" else "en"
        tag = _tag(raw_tag, f"names[{index}].language", errors, text)
        if tag and not any(c["language"] == tag and c["text"] == text for c in clean):
            clean.append({"text": text, "language": tag})
    return clean


def _set_names(person: Person, names: list[dict[str, str]]) -> None:
    PersonName.objects.filter(person=person).delete()
    taken: set[tuple[str, str]] = {(n["language"], n["text"]) for n in names}
    for position, item in enumerate(names):
        row = PersonName.objects.create(
            person=person, text=item["text"], language=item["language"], position=position
        )
        rows = []
        for variant in generated_variants(row.text, row.language):
            if (variant.language, variant.text) in taken:
                continue
            taken.add((variant.language, variant.text))
            rows.append(
                PersonName(
                    person=person,
                    text=variant.text[:200],
                    language=variant.language,
                    generated=True,
                    scheme=variant.scheme,
                    source=row,
                    position=position,
                )
            )
        PersonName.objects.bulk_create(rows)


@transaction.atomic
def person_create(
    *,
    actor: Any,
    names: Sequence[dict[str, Any] | str],
    owner: Institution | str | None = None,
    birth_year: int | None = None,
    death_year: int | None = None,
    imdb_id: str = "",
    wikidata_id: str = "",
    source_urls: Sequence[str] = (),
) -> Person:
    _require(actor, "catalogue.add_person")
    errors: Errors = {}
    owner_obj = _owner(owner, errors)
    _check_owner_right(actor, owner_obj, errors)
    if owner_obj is None and not actor.is_superuser and "owner" not in errors:
        _add(errors, "owner", _("This field cannot be blank."))
    name_rows = _clean_names(names, errors)
    if not name_rows and "names" not in errors and not any(k.startswith("names") for k in errors):
        _add(errors, "names", _("Give the person at least one name."))
    person = Person(
        owner=owner_obj,
        birth_year=_year(birth_year, "birth_year", errors),
        death_year=_year(death_year, "death_year", errors),
        imdb_id=(imdb_id or "").strip(),
        wikidata_id=(wikidata_id or "").strip(),
        source_urls=_urls(source_urls, "source_urls", errors),
    )
    _full_clean(person, errors, exclude=["owner", "birth_year", "death_year"])
    _raise(errors)
    person.save()
    _set_names(person, name_rows)
    person_changed.send(sender=Person, person=person)
    return person


PERSON_FIELDS = ("birth_year", "death_year", "imdb_id", "wikidata_id", "source_urls")


@transaction.atomic
def person_update(
    *, actor: Any, person: Person, names: Sequence[dict[str, Any] | str] | None = None, **changes: Any
) -> Person:
    _require(actor, "catalogue.change_person", person)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    errors: Errors = {}
    for key, value in changes.items():
        if key in ("birth_year", "death_year"):
            value = _year(value, key, errors)
        elif key == "source_urls":
            value = _urls(value or [], key, errors)
        else:
            value = (value or "").strip()
        setattr(person, key, value)
    name_rows = _clean_names(names, errors) if names is not None else None
    if name_rows is not None and not name_rows and "names" not in errors:
        _add(errors, "names", _("Give the person at least one name."))
    _full_clean(person, errors, exclude=["owner", "birth_year", "death_year"])
    _raise(errors)
    person.save()
    if name_rows is not None:
        _set_names(person, name_rows)
    person_changed.send(sender=Person, person=person)
    return person


@transaction.atomic
def person_delete(*, actor: Any, person: Person) -> None:
    _require(actor, "catalogue.delete_person", person)
    if person.credits.exists():
        raise ValidationError({"__all__": [_("This person is credited on films; remove the credits first.")]})
    person_deleted.send(sender=Person, person_id=person.pk)
    person.delete()


# Companies ---------------------------------------------------------------------------------------


def _clean_company_names(names: Sequence[dict[str, Any]], errors: Errors) -> list[tuple[str, str]]:
    clean: list[tuple[str, str]] = []
    for index, item in enumerate(names):
        text = " ".join(_plain(item.get("name")).split())
        tag = _tag(item.get("language", ""), f"names[{index}].language", errors, text)
        if not text:
            _add(errors, f"names[{index}].name", _("This field cannot be blank."))
        elif tag and all(t != tag for t, _n in clean):
            clean.append((tag, text[:200]))
    return clean


@transaction.atomic
def company_create(
    *,
    actor: Any,
    names: Sequence[dict[str, Any]],
    owner: Institution | str | None = None,
    kind: str = CompanyKind.PRODUCTION,
    country: str = "",
    website: str = "",
    source_urls: Sequence[str] = (),
) -> Company:
    _require(actor, "catalogue.add_company")
    errors: Errors = {}
    owner_obj = _owner(owner, errors)
    _check_owner_right(actor, owner_obj, errors)
    if owner_obj is None and not actor.is_superuser and "owner" not in errors:
        _add(errors, "owner", _("This field cannot be blank."))
    name_rows = _clean_company_names(names, errors)
    if not name_rows and not any(k.startswith("names") for k in errors):
        _add(errors, "names", _("Give the company at least one name."))
    if kind not in CompanyKind.values:
        _add(errors, "kind", _("Unknown kind of company."))
    code = _country(country, "country", errors) if country else ""
    company = Company(
        owner=owner_obj,
        kind=kind,
        country=code or "",
        website=website,
        source_urls=_urls(source_urls, "source_urls", errors),
    )
    _full_clean(company, errors, exclude=["owner", "country", "kind"])
    _raise(errors)
    company.save()
    CompanyName.objects.bulk_create(CompanyName(company=company, language=t, name=n) for t, n in name_rows)
    return company


@transaction.atomic
def company_update(
    *, actor: Any, company: Company, names: Sequence[dict[str, Any]] = (), **changes: Any
) -> Company:
    _require(actor, "catalogue.change_company", company)
    unknown = set(changes) - {"kind", "country", "website", "source_urls"}
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    errors: Errors = {}
    if "kind" in changes and changes["kind"] not in CompanyKind.values:
        _add(errors, "kind", _("Unknown kind of company."))
    if changes.get("country"):
        changes["country"] = _country(changes["country"], "country", errors) or ""
    if "source_urls" in changes:
        changes["source_urls"] = _urls(changes["source_urls"] or [], "source_urls", errors)
    for key, value in changes.items():
        setattr(company, key, value if value is not None else "")
    name_rows = _clean_company_names(names, errors)
    _full_clean(company, errors, exclude=["owner", "country", "kind"])
    _raise(errors)
    company.save()
    for tag, name in name_rows:
        CompanyName.objects.update_or_create(company=company, language=tag, defaults={"name": name})
    return company


@transaction.atomic
def company_delete(*, actor: Any, company: Company) -> None:
    _require(actor, "catalogue.delete_company", company)
    if company.credits.exists():
        raise ValidationError(
            {"__all__": [_("This company is credited on films; remove the credits first.")]}
        )
    company.delete()


# Credits -----------------------------------------------------------------------------------------


@transaction.atomic
def credit_create(
    *,
    actor: Any,
    film: Film,
    role: str,
    person: Person | None = None,
    company: Company | None = None,
    character: str = "",
    billing_order: int | None = None,
) -> Credit:
    _require(actor, "catalogue.change_film", film)
    errors: Errors = {}
    if role not in CreditRole.values:
        _add(errors, "role", _("Unknown role."))
    elif role in COMPANY_ROLES and company is None:
        _add(errors, "company", _("This role is held by a company."))
    elif role not in COMPANY_ROLES and person is None:
        _add(errors, "person", _("This role is held by a person."))
    if person is not None and company is not None:
        _add(errors, "__all__", _("A credit names a person or a company, not both."))
    if character and role != CreditRole.ACTOR:
        _add(errors, "character", _("Only an actor plays a character."))
    if billing_order is not None and billing_order < 1:
        _add(errors, "billing_order", _("The billing order starts at 1."))
    _raise(errors)
    credit = Credit.objects.create(
        film=film,
        person=person if role not in COMPANY_ROLES else None,
        company=company if role in COMPANY_ROLES else None,
        role=role,
        character=_plain(character).strip()[:200],
        billing_order=billing_order,
        position=film.credits.count(),
    )
    film_changed.send(sender=Film, film=film)
    return credit


@transaction.atomic
def credit_update(*, actor: Any, credit: Credit, **changes: Any) -> Credit:
    _require(actor, "catalogue.change_film", credit.film)
    unknown = set(changes) - {"character", "billing_order"}
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    if changes.get("character") and credit.role != CreditRole.ACTOR:
        raise ValidationError({"character": [_("Only an actor plays a character.")]})
    if changes.get("billing_order") is not None and changes["billing_order"] < 1:
        raise ValidationError({"billing_order": [_("The billing order starts at 1.")]})
    for key, value in changes.items():
        setattr(credit, key, value if value is not None or key == "billing_order" else "")
    credit.save()
    return credit


@transaction.atomic
def credit_delete(*, actor: Any, credit: Credit) -> None:
    film = credit.film
    _require(actor, "catalogue.change_film", film)
    credit.delete()
    film_changed.send(sender=Film, film=film)


# Versions and tracks -----------------------------------------------------------------------------


@transaction.atomic
def version_create(
    *,
    actor: Any,
    film: Film,
    kind: str = VersionKind.ORIGINAL,
    language: str = "",
    runtime: int | None = None,
    note: str = "",
) -> Version:
    _require(actor, "catalogue.change_film", film)
    errors: Errors = {}
    if kind not in VersionKind.values:
        _add(errors, "kind", _("Unknown kind of version."))
    tag = _tag(language, "language", errors) if language else ""
    if runtime is not None and not 1 <= runtime <= 1500:
        _add(errors, "runtime", _("Give the running time in minutes."))
    _raise(errors)
    return Version.objects.create(
        film=film, kind=kind, language=tag or "", runtime=runtime, note=_plain(note)[:300]
    )


@transaction.atomic
def version_delete(*, actor: Any, version: Version) -> None:
    _require(actor, "catalogue.change_film", version.film)
    version.delete()


def _track_fields(changes: dict[str, Any], errors: Errors) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "kind" and value not in TrackKind.values:
            _add(errors, "kind", _("Unknown kind of track."))
        elif key == "status" and value not in TrackStatus.values:
            _add(errors, "status", _("Unknown status."))
        elif key == "language":
            clean[key] = _tag(value, "language", errors)
            continue
        clean[key] = _plain(value) if key == "note" else value if value is not None else ""
    return clean


@transaction.atomic
def track_create(
    *,
    actor: Any,
    film: Film,
    kind: str,
    language: str,
    status: str = TrackStatus.PLANNED,
    version: Version | None = None,
    note: str = "",
) -> Track:
    _require(actor, "catalogue.change_film", film)
    errors: Errors = {}
    fields = _track_fields({"kind": kind, "language": language, "status": status, "note": note}, errors)
    if version is not None and version.film_id != film.pk:
        _add(errors, "version", _("This version belongs to another film."))
    _raise(errors)
    track = Track.objects.create(film=film, version=version, **fields)
    film_changed.send(sender=Film, film=film)
    return track


@transaction.atomic
def track_update(*, actor: Any, track: Track, **changes: Any) -> Track:
    _require(actor, "catalogue.change_film", track.film)
    unknown = set(changes) - {"kind", "language", "status", "note"}
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in sorted(unknown)})
    errors: Errors = {}
    fields = _track_fields(changes, errors)
    _raise(errors)
    for key, value in fields.items():
        setattr(track, key, value)
    track.save()
    film_changed.send(sender=Film, film=track.film)
    return track


@transaction.atomic
def track_delete(*, actor: Any, track: Track) -> None:
    film = track.film
    _require(actor, "catalogue.change_film", film)
    track.delete()
    film_changed.send(sender=Film, film=film)
