"""People and companies named by a person typing: by their name as in the catalogue, or by their catalogue
number (``#12`` or the address of their catalogue page). Someone not yet in the catalogue is returned as a
new record to add (the caller adds it inside its own transaction), when the actor may add one. (A film or
a person only looked up, never added: ``selectors.film_by_title``, ``selectors.person_named``.)

Used by the film credits page and by an event's speakers: one way to name a person on the site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from korkyt.catalogue.models import Company, CompanyName, Person, PersonName
from korkyt.catalogue.selectors import records_named
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
        return records_named(records, PersonName, "text", "person_id", name)
    return records_named(records, CompanyName, "name", "company_id", name)


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
