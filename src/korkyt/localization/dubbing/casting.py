"""Casting search: catalogue people described as voice actors (languages, voice, range, ages), found by
those attributes and ranked by the dubbing roles they already had in the language.

A voice profile is written by whoever may cast on a dubbing job (its director, its studio's staff): the job
is the authority, as everywhere in dubbing. Reading the search needs only to see the job."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from korkyt.catalogue import selectors as catalogue_selectors
from korkyt.catalogue.models import Person
from korkyt.core.actors import Actor, saved_user
from korkyt.core.languages import LANGUAGE_NAMES, language_of
from korkyt.core.validation import Errors, add_error, raise_errors, require_perm
from korkyt.localization.dubbing.models import (
    DubbingCharacter,
    DubbingJob,
    VoiceKind,
    VoiceProfile,
    VoiceRange,
)
from korkyt.localization.dubbing.selectors import QUERY_MAX, person_text

#: The most results one search shows (the page says when there were more).
LIMIT = 100
AGE_MAX = 120


def known_languages() -> list[str]:
    """Language subtags a voice profile may list (the platform's content languages)."""
    return list(LANGUAGE_NAMES)


def _clean_languages(raw: list[str] | str, errors: Errors) -> str:
    items = raw.replace(",", " ").split() if isinstance(raw, str) else [str(x) for x in raw]
    out: list[str] = []
    for item in items:
        code = language_of(item.strip())
        if code not in LANGUAGE_NAMES:
            add_error(
                errors,
                "languages",
                _("Unknown language “%(lang)s”; known: %(known)s.")
                % {"lang": item[:20], "known": ", ".join(known_languages())},
            )
        elif code not in out:
            out.append(code)
    if not out and "languages" not in errors:
        add_error(errors, "languages", _("Name at least one language the actor dubs in."))
    return f" {' '.join(out)} " if out else ""


def _clean_age(value: object, field: str, errors: Errors) -> int | None:
    if value in (None, ""):
        return None
    try:
        age = int(str(value))
    except ValueError:
        age = -1
    if not 0 <= age <= AGE_MAX:
        add_error(errors, field, _("An age is a whole number from 0 to %(max)s.") % {"max": AGE_MAX})
        return None
    return age


@transaction.atomic
def voice_profile_save(
    *,
    actor: Actor,
    job: DubbingJob,
    person: Person,
    languages: list[str] | str,
    voice: str,
    range: str = "",
    age_min: object = None,
    age_max: object = None,
    notes: str = "",
) -> VoiceProfile:
    """Create or update the voice profile of ``person``; everything wrong is named at once."""
    require_perm(actor, "localization.cast_dubbing", job)
    errors: Errors = {}
    langs = _clean_languages(languages, errors)
    if voice not in VoiceKind.values:
        add_error(errors, "voice", _("Choose the kind of voice."))
    if range and range not in VoiceRange.values:
        add_error(errors, "range", _("Choose low, middle or high, or leave the range empty."))
    low = _clean_age(age_min, "age_min", errors)
    high = _clean_age(age_max, "age_max", errors)
    if low is not None and high is not None and low > high:
        add_error(errors, "age_max", _("The oldest age played cannot be below the youngest."))
    notes = " ".join((notes or "").split())
    if len(notes) > 300:
        add_error(errors, "notes", _("Keep the note under 300 characters."))
    raise_errors(errors)
    profile, _created = VoiceProfile.objects.update_or_create(
        person=person,
        defaults={
            "languages": langs,
            "voice": voice,
            "range": range,
            "age_min": low,
            "age_max": high,
            "notes": notes,
            "updated_by": saved_user(actor),
        },
    )
    return profile


@dataclass
class VoiceMatch:
    person: Person
    profile: VoiceProfile
    name: str
    roles_in_language: int
    roles: int
    cast_here: list[str]
    lang: str = ""  # the tag of ``name``
    #: the character of this job they play (the first, when several): the "Cast as" choice starts on it
    plays: int | None = None


def voice_search(
    *,
    job: DubbingJob,
    language: str = "",
    voice: str = "",
    range: str = "",
    age: object = None,
    query: str = "",
) -> tuple[list[VoiceMatch], bool]:
    """People with a voice profile matching every given attribute, most experienced in the language first
    (then by name); and whether there were more than :data:`LIMIT`. Bad values raise ``ValidationError``."""
    errors: Errors = {}
    lang = language_of(language) if language else ""
    if lang and lang not in LANGUAGE_NAMES:
        add_error(
            errors,
            "language",
            _("Unknown language; known: %(known)s.") % {"known": ", ".join(known_languages())},
        )
    if voice and voice not in VoiceKind.values:
        add_error(errors, "voice", _("Choose the kind of voice."))
    if range and range not in VoiceRange.values:
        add_error(errors, "range", _("Choose low, middle or high, or leave the range empty."))
    wanted_age = _clean_age(age, "age", errors)
    query = " ".join((query or "").split())
    if len(query) > QUERY_MAX:
        add_error(errors, "q", _("Search with at most %(n)s characters.") % {"n": QUERY_MAX})
    raise_errors(errors)

    profiles: QuerySet[VoiceProfile] = VoiceProfile.objects.select_related("person")
    if lang:
        profiles = profiles.filter(languages__contains=f" {lang} ")
    if voice:
        profiles = profiles.filter(voice=voice)
    if range:
        profiles = profiles.filter(range=range)
    if wanted_age is not None:
        profiles = profiles.filter(Q(age_min__isnull=True) | Q(age_min__lte=wanted_age)).filter(
            Q(age_max__isnull=True) | Q(age_max__gte=wanted_age)
        )
    if query:
        profiles = profiles.filter(person__in=catalogue_selectors.people_matching(query))
    in_language = Q(person__dubbing_roles__job__target_language__startswith=lang) if lang else Q()
    profiles = profiles.annotate(
        roles=Count("person__dubbing_roles", distinct=True),
        roles_in_language=Count("person__dubbing_roles", filter=in_language, distinct=True),
    ).distinct()
    rows = list(profiles.order_by("-roles_in_language", "-roles", "pk")[: LIMIT + 1])
    more = len(rows) > LIMIT
    rows = rows[:LIMIT]
    people = Person.objects.prefetch_related("names").in_bulk([p.person_id for p in rows])
    here: dict[int, list[str]] = {}
    plays: dict[int, int] = {}  # the first character (in the job's order) each one plays
    for person_id, character_id, name in (
        DubbingCharacter.objects.filter(job=job, voice_actor_id__in=[p.person_id for p in rows])
        .order_by("position", "pk")
        .values_list("voice_actor_id", "pk", "name")
    ):
        here.setdefault(person_id, []).append(name)
        plays.setdefault(person_id, character_id)
    matches = [
        VoiceMatch(
            person=people[p.person_id],
            profile=p,
            name=person_text(people[p.person_id]).text,
            lang=person_text(people[p.person_id]).lang,
            roles_in_language=p.roles_in_language,  # type: ignore[attr-defined]
            roles=p.roles,  # type: ignore[attr-defined]
            cast_here=here.get(p.person_id, []),
            plays=plays.get(p.person_id),
        )
        for p in rows
    ]
    matches.sort(key=lambda m: (-m.roles_in_language, -m.roles, m.name.casefold()))
    return matches, more


__all__ = [
    "LIMIT",
    "VoiceMatch",
    "known_languages",
    "voice_profile_save",
    "voice_search",
]
