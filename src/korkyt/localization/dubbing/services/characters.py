"""Characters of a dubbing job: create, rename, merge, cast a voice actor, give a line its character."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.catalogue.models import Person
from korkyt.core.actors import Actor
from korkyt.core.concurrency import lock_row
from korkyt.core.validation import require_perm
from korkyt.localization.dubbing import selectors
from korkyt.localization.dubbing.models import (
    DubbingCharacter,
    DubbingJob,
    DubbingLine,
)
from korkyt.localization.dubbing.services._common import NAME_MAX, _open


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": [_("Give the character a name.")]})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": [_("A name holds at most 100 characters.")]})
    return name


def _lock_names(job: DubbingJob) -> None:
    """The job's row locked until the transaction ends: one naming at a time, so that two lines given the
    same new name at once find one character (the names are compared ignoring case) instead of failing."""
    lock_row(DubbingJob, job.pk)


@transaction.atomic
def character_create(*, actor: Actor, job: DubbingJob, name: str) -> DubbingCharacter:
    require_perm(actor, "localization.adapt_dubbing", job)
    _open(job)
    name = _clean_name(name)
    _lock_names(job)
    if selectors.character_named(job, name) is not None:
        raise ValidationError({"name": [_("This job already has a character of that name.")]})
    position = (job.characters.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return DubbingCharacter.objects.create(job=job, name=name, position=position)


@transaction.atomic
def character_rename(*, actor: Actor, character: DubbingCharacter, name: str) -> DubbingCharacter:
    job = character.job
    require_perm(actor, "localization.adapt_dubbing", job)
    _open(job)
    name = _clean_name(name)
    _lock_names(job)
    if (same := selectors.character_named(job, name)) is not None and same.pk != character.pk:
        raise ValidationError(
            {"name": [_("This job already has a character of that name; merge them instead.")]}
        )
    character.name = name
    character.save(update_fields=["name"])
    return character


@transaction.atomic
def character_merge(*, actor: Actor, character: DubbingCharacter, into: DubbingCharacter) -> DubbingCharacter:
    """Give ``character``'s lines to ``into`` and remove ``character`` (its casting goes with it)."""
    job = character.job
    require_perm(actor, "localization.adapt_dubbing", job)
    _open(job)
    if into.job_id != job.pk or into.pk == character.pk:
        raise ValidationError({"into": [_("Choose another character of the same job.")]})
    DubbingLine.objects.filter(character=character).update(character=into)
    if into.voice_actor_id is None and character.voice_actor_id is not None:
        into.voice_actor_id = character.voice_actor_id
        into.save(update_fields=["voice_actor"])
    character.delete()
    return into


@transaction.atomic
def character_cast(*, actor: Actor, character: DubbingCharacter, person: Person | None) -> DubbingCharacter:
    """Cast ``person`` (a catalogue person) as the voice of ``character``; None uncasts."""
    require_perm(actor, "localization.cast_dubbing", character.job)
    _open(character.job)
    character.voice_actor = person
    character.save(update_fields=["voice_actor"])
    return character


@transaction.atomic
def line_set_character(*, actor: Actor, line: DubbingLine, character: DubbingCharacter | None) -> DubbingLine:
    require_perm(actor, "localization.adapt_dubbing", line.job)
    _open(line.job)
    if character is not None and character.job_id != line.job_id:
        raise ValidationError({"character": [_("Choose a character of this job.")]})
    line.character = character
    line.save(update_fields=["character"])
    return line
