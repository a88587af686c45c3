"""People, companies and films named by a person typing: by their name or title as in the catalogue, or by
their catalogue number (``#12`` or the address of their catalogue page). A person or company not yet in the
catalogue is returned as a new record to add (the caller adds it inside its own transaction), when the
actor may add one.

Used by the film credits page and by an event's speakers: one way to name a person on the site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from korkyt.catalogue.models import Company, CompanyName, Film, FilmTitle, Person, PersonName
from korkyt.core.actors import Actor
from korkyt.core.validation import Errors, add_error, clean_tag
from korkyt.institutions.models import Institution

#: ``#12``, ``12`` after a hash, or a catalogue page address ending in ``/people/12/``.
PERSON_REF = re.compile(r"^(?:#\s*|.*/people/)(\d{1,12})/?$")
COMPANY_REF = re.compile(r"^(?:#\s*|.*/companies/)(\d{1,12})/?$")


@dataclass
class NewRecord:
    """A person (or company) to add to the catalogue: its name, the language it is written in, its owner."""

    name: str
    language: str
    owner: Institution | None


def _named(model: type[Person] | type[Company], name: str, among: list[int] | None = None) -> list[Any]:
    """Up to two records of ``model`` with a name equal to ``name`` but for case, oldest first."""
    records = model.objects.all() if among is None else model.objects.filter(pk__in=among)
    if model is Person:
        return _with_name(records, PersonName, "text", "person_id", name)
    return _with_name(records, CompanyName, "name", "company_id", name)


def _with_name(records: QuerySet[Any], rows: type[Any], column: str, owner: str, name: str) -> list[Any]:
    """Up to two of ``records`` (oldest first) that have a row of ``rows`` (their names or titles, the text
    in ``column``, the record in ``owner``) equal to ``name`` but for case.

    SQLite folds case in ASCII only, and PostgreSQL as its locale says (a "C" locale: ASCII only), so a
    name with other letters (Cyrillic, Turkic) is compared in Python among the names of the same length."""
    back = rows._meta.get_field(owner.removesuffix("_id")).remote_field.related_name
    if name.isascii():
        return list(records.filter(**{f"{back}__{column}__iexact": name}).distinct().order_by("pk")[:2])
    wanted = name.casefold()
    ids = sorted(
        {
            pk
            for pk, text in rows.objects.filter(**{f"{owner}__in": records.values("pk")})
            .annotate(size=Length(column))
            .filter(size=len(name))
            .values_list(owner, column)
            if text.casefold() == wanted
        }
    )
    return list(records.filter(pk__in=ids[:2]).order_by("pk"))


#: ``#12``, ``12``, or a catalogue page address ending in ``/films/12/``.
FILM_REF = re.compile(r"^(?:#\s*|.*/films/)?(\d{1,12})/?$")
#: The same for a person, a bare number included (``person_named``: no name is only digits).
PERSON_NUMBER = re.compile(r"^(?:#\s*|.*/people/)?(\d{1,12})/?$")


def _one(
    records: QuerySet[Any],
    rows: type[Any],
    column: str,
    owner: str,
    ref: re.Pattern[str],
    text: str,
    says: dict[str, str],
) -> Any:
    """The one record of ``records`` that ``text`` names by number (``ref``) or by one of its name rows;
    else a ValidationError worded by ``says`` (``number``: no such number, ``several``: a name shared,
    ``none``: no such name)."""
    text = " ".join(text.split())
    shown: dict[str, Any] = {"ref": text[:40], "name": text[:100]}
    number = ref.match(text)
    if number:
        found = records.filter(pk=int(number.group(1))).first()
        if found is None:
            raise ValidationError(says["number"] % shown)
        return found
    matches = _with_name(records, rows, column, owner, text)
    if len(matches) > 1:
        raise ValidationError(says["several"] % {**shown, "a": matches[0].pk, "b": matches[1].pk})
    if not matches:
        raise ValidationError(says["none"] % shown)
    return matches[0]


def film_by_title(*, films: QuerySet[Film], text: str) -> Film:
    """The film of ``films`` (those the person may see) that ``text`` names: its number (``12``, ``#12``, the
    address of its page) or one of its titles as in the catalogue, in any script and case ("Қыз Жібек",
    "qyz zhibek", "Kyz-Zhibek"). Refuses, saying why, a number or title of no such film and a title that
    several films share (then the numbers tell them apart)."""
    says = {
        "number": _("No film with the number %(ref)s in the catalogue."),
        "several": _(
            "Several films in the catalogue are called “%(name)s”; give the number of the one you mean "
            "(#%(a)s or #%(b)s)."
        ),
        "none": _(
            "No film in the catalogue is called “%(name)s”: give its title as the catalogue writes it, "
            "or its number."
        ),
    }
    return _one(films, FilmTitle, "text", "film_id", FILM_REF, text, says)  # type: ignore[no-any-return]


def person_named(*, people: QuerySet[Person], text: str) -> Person:
    """As ``film_by_title``, for a person of ``people``: their number (``12``, ``#12``, their page's address)
    or a name as the catalogue writes it, in any script and case. Nobody is added."""
    says = {
        "number": _("Nobody with the number %(ref)s in the catalogue."),
        "several": _(
            "Several people in the catalogue are called “%(name)s”; give the number of the one you mean "
            "(#%(a)s or #%(b)s)."
        ),
        "none": _(
            "Nobody in the catalogue is called “%(name)s”: give the name as the catalogue writes it, or "
            "the number."
        ),
    }
    return _one(people, PersonName, "text", "person_id", PERSON_NUMBER, text, says)  # type: ignore[no-any-return]


def _guess_language(name: str) -> str:
    from korkyt.translit import detect_script

    return "ru" if detect_script(name) == "Cyrl" else "en"


def person_by_name(
    *,
    actor: Actor,
    name: str,
    language: str,
    owner: Institution | None,
    field: str,
    errors: Errors,
    kept_id: int | None = None,
) -> Person | NewRecord | None:
    """The person ``name`` names (``kept_id``: the person the form showed, kept while the name matches),
    or the person to add; None with the problem added to ``errors`` under ``field``. Writes nothing."""
    if kept_id and not PERSON_REF.match(name):
        kept = next((p for p in _named(Person, name, among=[kept_id])), None)
        if kept is not None:
            return kept
    return _by_name(Person, actor, name, language, owner, field, errors)


def company_by_name(
    *, actor: Actor, name: str, language: str, owner: Institution | None, field: str, errors: Errors
) -> Company | NewRecord | None:
    """As ``person_by_name``, for a company."""
    return _by_name(Company, actor, name, language, owner, field, errors)


def _by_name(
    model: type[Any],
    actor: Actor,
    name: str,
    language: str,
    owner: Institution | None,
    field: str,
    errors: Errors,
) -> Any:
    person = model is Person
    ref = (PERSON_REF if person else COMPANY_REF).match(name)
    if ref:
        found = model.objects.filter(pk=int(ref.group(1))).first()
        if found is None:
            missing = (
                _("Nobody with the number %(ref)s in the catalogue.")
                if person
                else _("No company with the number %(ref)s in the catalogue.")
            )
            add_error(errors, field, missing % {"ref": name})
        return found
    matches = _named(model, name)
    if len(matches) == 1:
        return matches[0]
    if matches:
        several = (
            _(
                "Several people in the catalogue are called “%(name)s”; give the catalogue number of "
                "the one you mean (e.g. #%(id)s)."
            )
            if person
            else _(
                "Several companies in the catalogue are called “%(name)s”; give the catalogue number of "
                "the one you mean (e.g. #%(id)s)."
            )
        )
        add_error(errors, field, several % {"name": name, "id": matches[0].pk})
        return None
    perm = "catalogue.add_person" if person else "catalogue.add_company"
    return _new(actor, name, language, owner, field, errors, perm)


def _new(
    actor: Actor, name: str, language: str, owner: Institution | None, field: str, errors: Errors, perm: str
) -> NewRecord | None:
    tag: str | None = ""
    if language:
        where = field.rsplit(".", 1)[0] + ".language" if "." in field else "language"
        tag = clean_tag(language, where, errors)
    if not actor.has_perm(perm) or (owner is None and not getattr(actor, "is_superuser", False)):
        add_error(
            errors,
            field,
            _("“%(name)s” is not in the catalogue, and only editors of an institution may add people to it.")
            % {"name": name},
        )
        return None
    return NewRecord(name, tag or _guess_language(name), owner)


def add_new(actor: Actor, record: Any, *, company: bool = False) -> Any:
    """``record`` itself, or the person (company) a ``NewRecord`` describes, added to the catalogue."""
    if not isinstance(record, NewRecord):
        return record
    from korkyt.catalogue.services.people import company_create, person_create

    if company:
        return company_create(
            actor=actor, names=[{"name": record.name, "language": record.language}], owner=record.owner
        )
    return person_create(
        actor=actor, names=[{"text": record.name, "language": record.language}], owner=record.owner
    )
