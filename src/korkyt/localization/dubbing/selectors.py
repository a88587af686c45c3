"""Every read about dubbing jobs, scoped to the user: what one may not see is not found (404)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language as get_language_code
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue import selectors as catalogue_selectors
from korkyt.catalogue.models import Person
from korkyt.core.actors import Actor
from korkyt.core.http import id_from
from korkyt.core.languages import language_of
from korkyt.core.permissions import SYSTEM
from korkyt.core.translations import Text
from korkyt.dubbing import LineFit, check_lines, extract_lines, get_language
from korkyt.dubbing.languages import count_words
from korkyt.dubbing.plan import RecordingPlan, plan_recording, studio_minutes
from korkyt.localization.dubbing.models import (
    DubbingCharacter,
    DubbingJob,
    DubbingLine,
    DubbingOutput,
    DubbingStatus,
    VoiceProfile,
)
from korkyt.localization.models import TargetCue
from korkyt.localization.selectors import with_job_counts

#: The longest name a casting search takes.
QUERY_MAX = 100
#: The most voice actors a list of people to cast or describe offers (whoever is cast stays in it).
PEOPLE_MAX = 300
#: The most catalogue people a name finds for the voice-profile form.
FOUND_MAX = 50


def _by_name(ids: set[int]) -> list[Person]:
    people = list(Person.objects.filter(pk__in=ids).prefetch_related("names"))
    return sorted(people, key=lambda p: (person_text(p).text.casefold(), p.pk))


def castable_people(job: DubbingJob) -> list[Person]:
    """Whom the job page offers to cast, by name: the voice actors who dub in the job's language (at most
    :data:`PEOPLE_MAX`) and whoever is cast in it already. Anyone else is found by the casting search and
    described as a voice actor there, however large the catalogue."""
    lang = language_of(job.target_language)
    ids = set(
        VoiceProfile.objects.filter(languages__contains=f" {lang} ")
        .order_by("pk")
        .values_list("person_id", flat=True)[:PEOPLE_MAX]
    )
    cast = DubbingCharacter.objects.filter(job=job, voice_actor__isnull=False)
    ids |= set(cast.values_list("voice_actor_id", flat=True))
    return _by_name(ids)


def people_found(name: str) -> list[int]:
    """Ids of the catalogue people one of whose names (in any script the catalogue keeps) contains
    ``name``, at most :data:`FOUND_MAX`."""
    name = " ".join((name or "").split())[:QUERY_MAX]
    if not name:
        return []
    return list(catalogue_selectors.person_list(user=SYSTEM, q=name).values_list("pk", flat=True)[:FOUND_MAX])


def people_to_describe(*, found: list[int], chosen: object = None) -> list[Person]:
    """The people the voice-profile form offers, by name: the voice actors (to change a description, at
    most :data:`PEOPLE_MAX`), the people a name search ``found``, and the person ``chosen`` in a sent
    form (an id; anything else is ignored, and the form says to choose)."""
    ids = set(VoiceProfile.objects.order_by("pk").values_list("person_id", flat=True)[:PEOPLE_MAX])
    ids |= set(found)
    pk = id_from(chosen)
    if pk is not None:
        ids.add(pk)
    return _by_name(ids)


#: Studio time of one loop (a few takes of up to ten lines), the basis of the estimates and the plan.
MINUTES_PER_LOOP = 2.5


def dubbing_visibility(user: Actor) -> Q | None:
    """Who may see a dubbing job, the one definition (None for nobody): its adapter and director, the
    members of its studio (an institution), the editors of the institution owning the film, the platform
    administrators. The ``view_dubbing`` rule is derived from it."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if user.is_superuser:
        return Q()
    q = Q(adapter_id=user.pk) | Q(director_id=user.pk)
    editor_of = institution_ids(user, Role.EDITOR)
    if editor_of:
        q |= Q(institution_id__in=editor_of)
    member_of = institution_ids(user)
    if member_of:
        q |= Q(studio_institution_id__in=member_of)
    return q


def dubbing_visible(user: Actor) -> QuerySet[DubbingJob]:
    q = dubbing_visibility(user)
    if q is None:
        return DubbingJob.objects.none()
    return DubbingJob.objects.filter(q).select_related(
        "film", "adaptation", "adapter", "director", "studio_institution", "studio_company", "memorandum"
    )


def dubbing_list(*, user: Actor) -> QuerySet[DubbingJob]:
    return dubbing_visible(user).prefetch_related("film__titles").order_by("-created_at", "-pk")


def dubbing_counted(rows: QuerySet[DubbingJob]) -> QuerySet[DubbingJob]:
    """``rows`` with their adaptation's cues counted per state (read by ``job_counts(job.adaptation,
    counted=job)``) and their ``character_count``: a list counts them in its own query."""
    characters = (
        DubbingCharacter.objects.filter(job=OuterRef("pk"))
        .order_by()
        .values("job")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return with_job_counts(rows, job="adaptation").annotate(character_count=Coalesce(Subquery(characters), 0))


def output_visible(user: Actor) -> QuerySet[DubbingOutput]:
    return DubbingOutput.objects.filter(job__in=dubbing_visible(user).values("pk")).select_related(
        "job", "background"
    )


def line_visible(user: Actor) -> QuerySet[DubbingLine]:
    return DubbingLine.objects.filter(job__in=dubbing_visible(user).values("pk")).select_related(
        "cue", "job", "character"
    )


# Isochrony -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class CueLine:
    """What korkyt.dubbing reads of a cue (``CueLike``)."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str | None = None


def cue_fit(
    *, text: str, start_ms: int, end_ms: int, language: str, speaker: str | None = None
) -> LineFit | None:
    """The isochrony of one cue: its worst turn (None when nothing in it is spoken)."""
    lang = get_language(language_of(language))
    lines = extract_lines([CueLine(start_ms, end_ms, text, speaker)], lang)
    if not lines:
        return None
    fits = check_lines(lines, lang.code).fits
    return max(fits, key=lambda f: f.ratio)


def adaptation_cues(job: DubbingJob) -> QuerySet[TargetCue]:
    """The adaptation's cues with their source cue and, as plain values read in the same query, their dubbing
    line: ``dub_line`` (its id, None without one), ``dub_loop``, ``dub_speaker`` (the character's name or
    None) and the stored fit ``dub_ratio``, ``dub_status``, ``dub_key``. Values rather than two more model
    rows per cue: a feature film has 1,500 cues, and the editor page reads them all (read them with
    :func:`line_of`)."""
    return (
        TargetCue.objects.filter(job_id=job.adaptation_id)
        .select_related("source")
        .annotate(
            dub_line=F("dubbing__pk"),
            dub_loop=F("dubbing__loop"),
            dub_speaker=F("dubbing__character__name"),
            dub_ratio=F("dubbing__fit_ratio"),
            dub_status=F("dubbing__fit_status"),
            dub_key=F("dubbing__fit_key"),
        )
        .order_by("position")
    )


@dataclass(frozen=True, slots=True)
class LineValues:
    """What :func:`adaptation_cues` read of a cue's dubbing line."""

    line_id: int | None
    loop: int
    speaker: str  # "" for nobody
    fit_ratio: float | None
    fit_status: str
    fit_key: str


def line_of(cue: TargetCue) -> LineValues:
    """The dubbing line's values on a cue read by :func:`adaptation_cues`."""
    values = cue.__dict__
    return LineValues(
        values.get("dub_line"),
        values.get("dub_loop") or 0,
        values.get("dub_speaker") or "",
        values.get("dub_ratio"),
        values.get("dub_status") or "",
        values.get("dub_key") or "",
    )


def script_cues(job: DubbingJob, cues: Iterable[TargetCue] | None = None) -> list[CueLine]:
    """The adaptation as korkyt.dubbing cues, each with its character as the speaker."""
    rows = cues if cues is not None else adaptation_cues(job)
    return [CueLine(c.start_ms, c.end_ms, c.text, c.__dict__.get("dub_speaker") or None) for c in rows]


def spoken_cues(job: DubbingJob) -> list[CueLine]:
    """The adaptation's cues that have text, each with its character as the speaker: what the temp track
    speaks, read as plain values in one query (no model rows: a feature film has 1,500 cues)."""
    rows = (
        TargetCue.objects.filter(job_id=job.adaptation_id)
        .exclude(text="")
        .order_by("position")
        .values_list("start_ms", "end_ms", "text", "dubbing__character__name")
    )
    return [CueLine(start, end, text, name or None) for start, end, text, name in rows]


def source_cues(job: DubbingJob, cues: Iterable[TargetCue]) -> list[CueLine]:
    return [CueLine(c.start_ms, c.end_ms, c.source.text) for c in cues]


# Characters and casting ------------------------------------------------------------------------------


@dataclass
class CharacterStats:
    character: DubbingCharacter
    lines: int = 0
    words: int = 0
    loops: int = 0
    minutes: int = 0


def character_stats(job: DubbingJob) -> list[CharacterStats]:
    """Per character: lines, words, loops and estimated studio minutes, in order of appearance."""
    characters = job.characters.select_related("voice_actor").prefetch_related("voice_actor__names")
    stats = {c.pk: CharacterStats(c) for c in characters}
    loops: dict[int, set[int]] = {pk: set() for pk in stats}
    for character_id, loop, text in DubbingLine.objects.filter(job=job, character__isnull=False).values_list(
        "character_id", "loop", "cue__text"
    ):
        row = stats[character_id]
        row.lines += 1
        row.words += count_words(text or "")
        loops[character_id].add(loop)
    for pk, row in stats.items():
        row.loops = len(loops[pk])
        row.minutes = studio_minutes(row.loops, MINUTES_PER_LOOP)
    return list(stats.values())


@dataclass
class ActorStats:
    actor: Person
    name: str
    characters: list[str]
    lines: int
    words: int
    loops: int
    minutes: int
    lang: str = ""  # the tag of ``name``


def actor_loops(job: DubbingJob) -> dict[int, set[int]]:
    """Person id → the loops they speak in (through every character cast with them)."""
    out: dict[int, set[int]] = {}
    for person_id, loop in DubbingLine.objects.filter(
        job=job, character__voice_actor__isnull=False
    ).values_list("character__voice_actor_id", "loop"):
        out.setdefault(person_id, set()).add(loop)
    return out


def person_text(person: Person) -> Text:
    """The person's name in the active language (their original name when there is none), with its tag."""
    return catalogue_selectors.person_name(person, get_language_code())


def person_name(person: Person) -> str:
    """``person_text`` as plain text (files: CSV, PDF, the API)."""
    return person_text(person).text


def actor_stats(job: DubbingJob, characters: Sequence[CharacterStats] | None = None) -> list[ActorStats]:
    characters = characters if characters is not None else character_stats(job)
    loops = actor_loops(job)
    by_actor: dict[int, ActorStats] = {}
    for row in characters:
        person = row.character.voice_actor
        if person is None:
            continue
        entry = by_actor.get(person.pk)
        if entry is None:
            name = person_text(person)
            entry = by_actor[person.pk] = ActorStats(person, name.text, [], 0, 0, 0, 0, name.lang)
        entry.characters.append(row.character.name)
        entry.lines += row.lines
        entry.words += row.words
    for pk, entry in by_actor.items():
        entry.loops = len(loops.get(pk, ()))
        entry.minutes = studio_minutes(entry.loops, MINUTES_PER_LOOP)
    return sorted(by_actor.values(), key=lambda a: (-a.loops, a.name))


def recording_plan(job: DubbingJob, *, day_minutes: int = 360) -> tuple[RecordingPlan, dict[str, str]]:
    """The plan over the cast actors (named by person id) and the names to show for them."""
    loops = actor_loops(job)
    names = {
        str(c.voice_actor_id): person_name(c.voice_actor)
        for c in job.characters.select_related("voice_actor").prefetch_related("voice_actor__names")
        if c.voice_actor is not None
    }
    plan = plan_recording(
        {str(pk): sorted(v) for pk, v in loops.items()},
        day_minutes=day_minutes,
        minutes_per_loop=MINUTES_PER_LOOP,
    )
    return plan, names


def uncast_characters(job: DubbingJob) -> int:
    return job.characters.filter(voice_actor__isnull=True, lines__isnull=False).distinct().count()


def character_named(job: DubbingJob, name: str) -> DubbingCharacter | None:
    """The job's character of that name, whatever its case (in any script: "Ayşe" is "AYŞE")."""
    wanted = " ".join(name.split()).casefold()
    return next((c for c in job.characters.all() if c.name.casefold() == wanted), None)


#: How many dubbing jobs "My work" lists (the dubbing page has them all).
WORK_LIMIT = 20


def work_of(user: Actor) -> list[dict[str, Any]]:
    """The dubbing jobs still in adaptation that ``user`` has a part in, for their "My work" page, each
    with that part: adapter, dubbing director, member of the studio, or editor of the agency that ordered
    it (a platform administrator sees only the jobs they have such a part in). The nearest deadline first."""
    if dubbing_visibility(user) is None:
        return []
    studios = institution_ids(user)
    owners = institution_ids(user, Role.EDITOR)
    mine = Q(adapter_id=user.pk) | Q(director_id=user.pk)
    if studios:
        mine |= Q(studio_institution_id__in=studios)
    if owners:
        mine |= Q(institution_id__in=owners)
    jobs = (
        dubbing_list(user=user)
        .filter(mine, status=DubbingStatus.ADAPTATION)
        .order_by(F("deadline").asc(nulls_last=True), "-created_at", "-pk")[:WORK_LIMIT]
    )
    rows = []
    for job in jobs:
        if job.adapter_id == user.pk:
            part = _("Adapter")
        elif job.director_id == user.pk:
            part = _("Dubbing director")
        elif job.studio_institution_id in studios:
            part = _("Studio")
        else:
            part = _("Ordered by your agency")
        rows.append({"obj": job, "part": part})
    return rows
