"""An event's speakers: people of the catalogue, named in the editor by their name (someone not yet in
the catalogue is added to it, owned by an organising institution the editor works for) or by their
catalogue number (``#12`` or the address of their catalogue page)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import Person
from korkyt.core.actors import Actor
from korkyt.core.validation import Errors, add_error, clean_tag
from korkyt.institutions.models import Institution

NAME_MAX = 200
#: ``#12``, ``12`` after a hash, or a catalogue page address ending in ``/people/12/``.
PERSON_REF = re.compile(r"^(?:#\s*|.*/people/)(\d{1,12})/?$")


@dataclass
class SpeakerData:
    """A speaker row of the editor: the name as typed (or a catalogue number), the language it is written
    in (for someone new to the catalogue; empty: guessed from the script), and the catalogue person the
    row showed before the edit."""

    name: str
    language: str = ""
    id: int | None = None


@dataclass
class NewPerson:
    name: str
    language: str
    owner: Institution | None


def _owner(actor: Actor, organisers: Sequence[Any]) -> Institution | None:
    mine = set(institution_ids(actor, Role.EDITOR))
    given = [getattr(o, "pk", o) for o in organisers]
    pick = next((pk for pk in given if pk in mine), None) or min(mine, default=None)
    return Institution.objects.filter(pk=pick).first() if pick else None


def speakers_resolve(
    *, actor: Actor, speakers: Sequence[Any], organisers: Sequence[Any], errors: Errors
) -> list[Person | NewPerson]:
    """The catalogue people ``speakers`` name (Person instances pass through), or the people to add to
    the catalogue; every problem is added to ``errors`` under ``speakers[i].name``. Writes nothing."""
    out: list[Person | NewPerson] = []
    seen: set[Any] = set()
    for i, item in enumerate(speakers):
        if isinstance(item, Person):
            person: Person | NewPerson | None = item
        else:
            person = _resolve_one(actor, item, organisers, f"speakers[{i}]", errors)
        key = person.pk if isinstance(person, Person) else (person.name.casefold() if person else None)
        if person is not None and key not in seen:
            seen.add(key)
            out.append(person)
    return out


def _resolve_one(
    actor: Actor, item: SpeakerData, organisers: Sequence[Any], field: str, errors: Errors
) -> Person | NewPerson | None:
    name = " ".join(str(item.name or "").replace("\x00", "").split())
    if not name:
        add_error(errors, f"{field}.name", _("Give the speaker's name."))
        return None
    if len(name) > NAME_MAX:
        add_error(errors, f"{field}.name", _("A name has at most 200 characters."))
        return None
    ref = PERSON_REF.match(name)
    if ref:
        found = Person.objects.filter(pk=int(ref.group(1))).first()
        if found is None:
            add_error(
                errors, f"{field}.name", _("Nobody with the number %(ref)s in the catalogue.") % {"ref": name}
            )
        return found
    if item.id:
        kept = Person.objects.filter(pk=item.id, names__text__iexact=name).first()
        if kept is not None:  # the row as it was shown: the same person
            return kept
    matches = list(Person.objects.filter(names__text__iexact=name).distinct().order_by("pk")[:2])
    if len(matches) == 1:
        return matches[0]
    if matches:
        add_error(
            errors,
            f"{field}.name",
            _(
                "Several people in the catalogue are called “%(name)s”; give the catalogue number of "
                "the one you mean (e.g. #%(id)s)."
            )
            % {"name": name, "id": matches[0].pk},
        )
        return None
    language = ""
    if item.language:
        language = clean_tag(item.language, f"{field}.language", errors) or ""
    if not language:
        from korkyt.translit import detect_script

        language = "ru" if detect_script(name) == "Cyrl" else "en"
    owner = _owner(actor, organisers)
    if not actor.has_perm("catalogue.add_person") or (
        owner is None and not getattr(actor, "is_superuser", False)
    ):
        add_error(
            errors,
            f"{field}.name",
            _("“%(name)s” is not in the catalogue, and only editors of an institution may add people to it.")
            % {"name": name},
        )
        return None
    return NewPerson(name, language, owner)


def speakers_save(*, actor: Actor, resolved: Sequence[Person | NewPerson]) -> list[Person]:
    """Add the new people to the catalogue (inside the caller's transaction); the speakers as people."""
    from korkyt.catalogue.services import person_create

    return [
        p
        if isinstance(p, Person)
        else person_create(actor=actor, names=[{"text": p.name, "language": p.language}], owner=p.owner)
        for p in resolved
    ]
