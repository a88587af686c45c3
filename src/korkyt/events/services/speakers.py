"""An event's speakers: people of the catalogue, named in the editor by their name (someone not yet in
the catalogue is added to it, owned by an organising institution the editor works for) or by their
catalogue number (``#12`` or the address of their catalogue page): ``korkyt.catalogue.services.refs``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import Person
from korkyt.catalogue.services.refs import NewRecord, add_new, person_by_name
from korkyt.core.actors import Actor
from korkyt.core.validation import Errors, add_error
from korkyt.institutions.models import Institution

NAME_MAX = 200


@dataclass
class SpeakerData:
    """A speaker row of the editor: the name as typed (or a catalogue number), the language it is written
    in (for someone new to the catalogue; empty: guessed from the script), and the catalogue person the
    row showed before the edit."""

    name: str
    language: str = ""
    id: int | None = None


def _owner(actor: Actor, organisers: Sequence[Any]) -> Institution | None:
    mine = set(institution_ids(actor, Role.EDITOR))
    given = [getattr(o, "pk", o) for o in organisers]
    pick = next((pk for pk in given if pk in mine), None) or min(mine, default=None)
    return Institution.objects.filter(pk=pick).first() if pick else None


def speakers_resolve(
    *, actor: Actor, speakers: Sequence[Any], organisers: Sequence[Any], errors: Errors
) -> list[Person | NewRecord]:
    """The catalogue people ``speakers`` name (Person instances pass through), or the people to add to
    the catalogue; every problem is added to ``errors`` under ``speakers[i].name``. Writes nothing."""
    out: list[Person | NewRecord] = []
    seen: set[Any] = set()
    for i, item in enumerate(speakers):
        if isinstance(item, Person):
            person: Person | NewRecord | None = item
        else:
            person = _resolve_one(actor, item, organisers, f"speakers[{i}]", errors)
        key = person.pk if isinstance(person, Person) else (person.name.casefold() if person else None)
        if person is not None and key not in seen:
            seen.add(key)
            out.append(person)
    return out


def _resolve_one(
    actor: Actor, item: SpeakerData, organisers: Sequence[Any], field: str, errors: Errors
) -> Person | NewRecord | None:
    name = " ".join(str(item.name or "").replace("\x00", "").split())
    if not name:
        add_error(errors, f"{field}.name", _("Give the speaker's name."))
        return None
    if len(name) > NAME_MAX:
        add_error(errors, f"{field}.name", _("A name has at most 200 characters."))
        return None
    return person_by_name(
        actor=actor,
        name=name,
        language=item.language,
        owner=_owner(actor, organisers),
        field=f"{field}.name",
        errors=errors,
        kept_id=item.id,
    )


def speakers_save(*, actor: Actor, resolved: Sequence[Person | NewRecord]) -> list[Person]:
    """Add the new people to the catalogue (inside the caller's transaction); the speakers as people."""
    return [add_new(actor, p) for p in resolved]
