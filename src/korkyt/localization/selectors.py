"""Every read of the localization workbench, scoped to the user: what one may not see is not found."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import Film
from korkyt.core.actors import Actor
from korkyt.core.languages import CONTENT_LANGUAGES, language_of
from korkyt.localization.models import (
    CueState,
    Delivery,
    GlossaryConcept,
    GlossaryTerm,
    JobKind,
    JobStatus,
    MemoryUnit,
    QualityCheck,
    SourceCue,
    SubtitleTrack,
    TargetCue,
    TrackState,
    TranslationJob,
)
from korkyt.mt.memory import Concept, Glossary, Term, TMUnit, TranslationMemory, normalise
from korkyt.subtitles import Cue, Document, Report, check
from korkyt.subtitles.errors import SubtitleError


def _is_admin(user: Actor) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


# Jobs --------------------------------------------------------------------------------------------


def job_visibility(user: Actor) -> Q | None:
    """Who may see a translation job, the one definition (a Q, or None for nobody): the editors of the
    institution that owns the film, the job's translator and reviewer, the platform administrators. The
    ``view_job`` rule is derived from it."""
    if _is_admin(user):
        return Q()
    if not (user and user.is_authenticated and user.is_active):
        return None
    q = Q(assignee_id=user.pk) | Q(reviewer_id=user.pk)
    editor_of = institution_ids(user, Role.EDITOR)
    if editor_of:
        q |= Q(institution_id__in=editor_of)
    member_of = institution_ids(user)
    if member_of:  # a dubbing studio's staff see the adaptation of their dubbing jobs
        q |= Q(kind=JobKind.ADAPTATION, dubbing__studio_institution_id__in=member_of)
    return q


def job_list(*, user: Actor, status: str | None = None, film: Film | None = None) -> QuerySet[TranslationJob]:
    rows = job_visible(user)
    if status:
        rows = rows.filter(status=status)
    if film is not None:
        rows = rows.filter(film=film)
    return rows.order_by("-created_at", "-pk")


def job_worklist(*, user: Actor) -> QuerySet[TranslationJob]:
    """The open jobs the user translates or reviews, the nearest deadline first (their "My work")."""
    if not (user and user.is_authenticated and user.is_active):
        return TranslationJob.objects.none()
    return (
        TranslationJob.objects.filter(Q(assignee_id=user.pk) | Q(reviewer_id=user.pk))
        .exclude(status=JobStatus.APPROVED)
        .select_related("film", "source", "assignee", "reviewer")
        .prefetch_related("film__titles")
        .order_by(F("deadline").asc(nulls_last=True), "-created_at", "-pk")
    )


def job_visible(user: Actor) -> QuerySet[TranslationJob]:
    """The jobs the user may see, with what a job's pages show."""
    q = job_visibility(user)
    if q is None:
        return TranslationJob.objects.none()
    return TranslationJob.objects.filter(q).select_related(
        "film", "source", "assignee", "reviewer", "memorandum", "background", "institution"
    )


def job_get(*, user: Actor, pk: int) -> TranslationJob | None:
    return job_visible(user).filter(pk=pk).first()


def delivery_visible(user: Actor) -> QuerySet[Delivery]:
    """Deliveries of the jobs the user may see."""
    return Delivery.objects.filter(job__in=job_visible(user).values("pk")).select_related("job", "background")


def check_visible(user: Actor) -> QuerySet[QualityCheck]:
    """Whole-job checks of the jobs the user may see."""
    return QualityCheck.objects.filter(job__in=job_visible(user).values("pk")).select_related("background")


def job_cues(job: TranslationJob) -> QuerySet[TargetCue]:
    return TargetCue.objects.filter(job=job).select_related("source").order_by("position")


#: The prefix of the per-state cue counts :func:`with_job_counts` annotates.
_COUNTED = "counted_"


def with_job_counts(rows: QuerySet[Any], job: str = "pk") -> QuerySet[Any]:
    """``rows`` with their job's cues counted per state, for :func:`job_counts` to read without a query
    per row (a list of jobs); ``job``: the path from a row to its job (``"adaptation"`` from dubbing
    jobs)."""
    return rows.annotate(
        **{
            _COUNTED + state: Coalesce(
                Subquery(
                    TargetCue.objects.filter(job=OuterRef(job), state=state)
                    .order_by()
                    .values("job")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )
            for state in CueState.values
        }
    )


def job_counts(job: TranslationJob, counted: Any = None) -> dict[str, int]:
    """The job's cues per state and in all: read from ``counted`` (by default the job itself; a dubbing job
    for its adaptation) when :func:`with_job_counts` annotated it, else counted now."""
    row = job if counted is None else counted
    if hasattr(row, _COUNTED + CueState.UNTRANSLATED):
        counts = {state: getattr(row, _COUNTED + state) for state in CueState.values}
    else:
        counts = {state: 0 for state in CueState.values}
        for item in TargetCue.objects.filter(job=job).values("state").annotate(n=Count("pk")):
            counts[item["state"]] = item["n"]
    counts["total"] = sum(counts[s] for s in CueState.values)
    return counts


def cue_visible(user: Actor) -> QuerySet[TargetCue]:
    """Target cues of the jobs the user may see."""
    return TargetCue.objects.filter(job__in=job_visible(user).values("pk")).select_related("job", "source")


# Source tracks -----------------------------------------------------------------------------------


def track_visibility(user: Actor) -> Q | None:
    """Who may see a source subtitle track, the one definition (None for nobody): the editors of the film's
    owner, the translators and reviewers of its jobs, the platform administrators. The ``view_track`` rule
    is derived from it."""
    if _is_admin(user):
        return Q()
    if not (user and user.is_authenticated and user.is_active):
        return None
    q = Q(jobs__assignee_id=user.pk) | Q(jobs__reviewer_id=user.pk)
    editor_of = institution_ids(user, Role.EDITOR)
    if editor_of:
        q |= Q(film__owner_id__in=editor_of)
    return q


def track_visible(user: Actor) -> QuerySet[SubtitleTrack]:
    q = track_visibility(user)
    if q is None:
        return SubtitleTrack.objects.none()
    return SubtitleTrack.objects.filter(pk__in=SubtitleTrack.objects.filter(q).values("pk"))


def track_list(*, user: Actor, film: Film | None = None) -> QuerySet[SubtitleTrack]:
    rows = track_visible(user).select_related("film")
    if film is not None:
        rows = rows.filter(film=film)
    return rows.annotate(cue_count=Count("cues", distinct=True)).order_by("-created_at", "-pk")


def delivered_without(track: SubtitleTrack) -> bool:
    """The catalogue keeps the film's subtitles in the track's language without this version: another
    version is current, or a reviewed translation delivered that language (``services.track_withdraw``)."""
    current = SubtitleTrack.objects.filter(film_id=track.film_id, language=track.language)
    current = current.filter(state=TrackState.CURRENT).exclude(pk=track.pk)
    jobs = TranslationJob.objects.filter(film_id=track.film_id, target_language=track.language)
    return current.exists() or jobs.filter(status=JobStatus.APPROVED).exists()


def orderable_films(*, user: Actor) -> QuerySet[Film]:
    """Films the user may upload tracks for and order jobs on (their institution's films)."""
    if _is_admin(user):
        return Film.objects.all()
    return Film.objects.filter(owner_id__in=institution_ids(user, Role.EDITOR))


# Documents, checks and the glossary --------------------------------------------------------------


def source_document(track: SubtitleTrack) -> Document:
    """The track as the file it was read from: its cues with their speakers, its frame rate."""
    cues = [
        Cue(start_ms=c.start_ms, end_ms=c.end_ms, text=c.text, speaker=c.speaker or None)
        for c in SourceCue.objects.filter(track=track).order_by("position")
    ]
    return Document(cues=cues, format=track.format or "srt", fps=track.fps, language=track.language)


def cues_document(
    cues: Iterable[TargetCue], language: str, title: str | None = None, *, fps: float | None = None
) -> Document:
    """Target cues as a document, each speaking as its source cue (read with the cue: ``job_cues``);
    ``fps``: the source track's frame rate."""
    return Document(
        cues=[
            Cue(start_ms=c.start_ms, end_ms=c.end_ms, text=c.text, speaker=c.source.speaker or None)
            for c in cues
        ],
        format="srt",
        fps=fps,
        language=language,
        title=title,
    )


_GLOSSARY_CACHE: dict[str, Any] = {}


def _glossary_stamp() -> tuple[Any, ...]:
    """Changes whenever a concept or term is added, changed or deleted (two aggregate queries)."""
    concepts = GlossaryConcept.objects.aggregate(n=Count("pk"), last=Max("pk"), changed=Max("updated_at"))
    terms = GlossaryTerm.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return (concepts["n"], concepts["last"], concepts["changed"], terms["n"], terms["last"])


def glossary_concepts() -> list[Concept]:
    """Every concept with its terms, kept per process while the glossary does not change (the editor's
    autosave asks on every save; a changed term text must also touch its concept, as the services and
    the admin do)."""
    stamp = _glossary_stamp()
    if _GLOSSARY_CACHE.get("stamp") == stamp:
        return list(_GLOSSARY_CACHE["concepts"])
    concepts = []
    for concept in GlossaryConcept.objects.prefetch_related("terms").order_by("pk"):
        terms = tuple(Term(text=t.text, lang=t.language, forbidden=t.forbidden) for t in concept.terms.all())
        if terms:
            concepts.append(
                Concept(
                    terms=terms,
                    id=concept.code or str(concept.pk),
                    definition=concept.definition or None,
                    subject=concept.subject or None,
                    do_not_translate=concept.do_not_translate,
                )
            )
    _GLOSSARY_CACHE.clear()
    _GLOSSARY_CACHE.update(stamp=stamp, concepts=tuple(concepts))
    return concepts


def glossary() -> Glossary:
    return Glossary(glossary_concepts())


def glossary_mapping(concepts: list[Concept], source: str, target: str) -> dict[str, list[str]]:
    """{source term: [allowed target terms]} for the subtitle glossary check."""
    mapping: dict[str, list[str]] = {}
    for concept in concepts:
        sources = [t for t in concept.terms_in(source) if not t.forbidden]
        if concept.do_not_translate:
            targets = [t.text for t in sources]
        else:
            targets = [t.text for t in concept.terms_in(target) if not t.forbidden]
        for term in sources:
            if targets:
                mapping[term.text] = targets
    return mapping


def _script(tag: str) -> str | None:
    info = CONTENT_LANGUAGES.get(tag)
    return info.script if info else None


def job_report(job: TranslationJob, cues: list[TargetCue], concepts: list[Concept] | None = None) -> Report:
    """The subtitle check of the job's current target text against its source (profile of the job). A cue
    in another script than the target's is a finding on that cue, even when most of the job is (the
    editor shows findings by cue and checks a few cues on each save)."""
    target = cues_document(cues, job.target_language)
    source = Document(
        cues=[Cue(start_ms=c.source.start_ms, end_ms=c.source.end_ms, text=c.source.text) for c in cues],
        language=job.source_language,
    )
    mapping = glossary_mapping(concepts or [], job.source_language, job.target_language)
    lang = language_of(job.target_language)
    try:
        return check(
            target,
            profile=job.qa_profile,
            lang=lang,
            script=_script(job.target_language),
            source=source,
            glossary=mapping or None,
            script_by_cue=True,
        )
    except SubtitleError:
        return check(target, profile=job.qa_profile, lang=lang, source=source, script_by_cue=True)


def findings_by_cue(
    job: TranslationJob, cues: list[TargetCue], concepts: list[Concept] | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Findings per cue index (only for cues that have a text: empty cues are still to be translated)."""
    report = job_report(job, cues, concepts)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for finding in report.findings:
        if finding.cue is None or finding.cue >= len(cues) or not cues[finding.cue].text.strip():
            continue
        out[finding.cue].append(
            {"code": finding.code, "severity": finding.severity, "message": finding.message}
        )
    return out


_CUE_NUMBER = re.compile(r"\b(cues?|source cue) (\d+)(?: and (\d+))?")


def cue_findings(
    job: TranslationJob, cue: TargetCue, concepts: list[Concept] | None = None
) -> list[dict[str, Any]]:
    """The findings of one cue, as :func:`findings_by_cue` gives them for the whole job, from the cue and
    its neighbours only (the editor's autosave: three cues checked instead of the whole job).

    Every check looks at one cue, its source cue and the cue before or after it, so the window gives the
    same findings; their messages number cues within the window and are renumbered to the job's. The one
    exception is the order of the cues: the timing check compares a cue with the latest-starting cue before
    it, not only the one just before, so when an earlier cue starts after the one before this cue, that cue
    opens the window (messages still name only this cue and the one just before it)."""
    if not cue.text.strip():
        return []
    rows = TargetCue.objects.filter(job=job).select_related("source")
    before = rows.filter(position__lt=cue.position).order_by("-position").first()
    after = rows.filter(position__gt=cue.position).order_by("position").first()
    index = TargetCue.objects.filter(job=job, position__lt=cue.position).count()
    latest = None  # of the cues before ``before``, the one the timing check carries forward to it
    if before is not None:
        latest = rows.filter(position__lt=before.position).order_by("-start_ms", "-position").first()
        if latest is not None and latest.start_ms <= before.start_ms:
            latest = None
    window = [c for c in (latest, before, cue, after) if c is not None]
    at = window.index(cue)
    first = index - at  # the job index the window's numbering is shifted by
    report = job_report(job, window, concepts)

    def renumber(match: re.Match[str]) -> str:
        word, a, b = match.group(1), int(match.group(2)) + first, match.group(3)
        return f"{word} {a} and {int(b) + first}" if b else f"{word} {a}"

    return [
        {"code": f.code, "severity": f.severity, "message": _CUE_NUMBER.sub(renumber, f.message)}
        for f in report.findings
        if f.cue == at
    ]


# Translation memory ------------------------------------------------------------------------------

_MEMORY_CACHE: dict[tuple[str, str], tuple[tuple[Any, ...], TranslationMemory]] = {}


def memory_for(source: str, target: str) -> TranslationMemory:
    """The memory of one language pair, built from the database and kept while it does not change.

    Only the matching keys are indexed at load; a unit's other fields become a ``TMUnit`` when a lookup
    returns it. Units written without their stored key (by a writer that bypassed the services) get it
    computed and saved here.
    """
    rows = MemoryUnit.objects.filter(source_language=source, target_language=target)
    stamp_row = rows.aggregate(
        n=Count("pk"), last=Max("pk"), changed=Max("created_at"), approved=Max("approved_at")
    )
    stamp = (stamp_row["n"], stamp_row["last"], stamp_row["changed"], stamp_row["approved"])
    cached = _MEMORY_CACHE.get((source, target))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    # A raw cursor over the queryset's SQL: Django's per-row converters cost more than the index build.
    sql, params = rows.values_list(
        "pk", "source_text", "target_text", "film_id", "context", "author", "approved_at", "source_key"
    ).query.sql_with_params()
    memory = TranslationMemory()
    keyed: dict[int, str] = {}  # rows stored without their key, keyed now
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            rows_out = []
            for pk, s, t, f, c, a, d, k in batch:
                if not k and s:
                    k = keyed[pk] = normalise(s)
                rows_out.append((pk, s, t, f, c or None, a or None, None if d is None else _aware(d), k))
            memory.extend_rows(source, target, rows_out)
    memory.prepare(source, target)
    _store_keys(keyed)
    _MEMORY_CACHE[(source, target)] = (stamp, memory)
    return memory


def _store_keys(keyed: dict[int, str]) -> None:
    """Save the keys computed for rows a writer stored without one (a text of punctuation only has none)."""
    units = [MemoryUnit(pk=pk, source_key=key) for pk, key in keyed.items() if key]
    MemoryUnit.objects.bulk_update(units, ["source_key"], batch_size=1000)


def _aware(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def memory_units(*, source: str | None = None, target: str | None = None) -> QuerySet[MemoryUnit]:
    rows = MemoryUnit.objects.all()
    if source:
        rows = rows.filter(source_language=source)
    if target:
        rows = rows.filter(target_language=target)
    return rows.order_by("pk")


#: Memory units read from the database at a time by :func:`iter_memory_tm_units`.
CHUNK = 2_000


def iter_memory_tm_units(*, source: str | None = None, target: str | None = None) -> Iterator[TMUnit]:
    """The memory's units (or one pair's) as TMUnits, read a chunk at a time."""
    for u in memory_units(source=source, target=target).iterator(chunk_size=CHUNK):
        yield TMUnit(
            u.source_text,
            u.target_text,
            u.source_language,
            u.target_language,
            film_id=u.film_id,
            context=u.context or None,
            author=u.author or None,
            approved=u.approved_at,
            id=u.pk,
        )


def memory_tm_units(*, source: str | None = None, target: str | None = None) -> list[TMUnit]:
    return list(iter_memory_tm_units(source=source, target=target))


def memory_tmx_chunks(*, source: str | None = None, target: str | None = None) -> Iterator[bytes]:
    """The memory (or one pair of it) as a TMX 1.4 document, in chunks written as the units are read: the
    bytes ``tmx_bytes(memory_tm_units(...))`` makes at once. The header's source language is read first
    (one query)."""
    from korkyt.mt.memory.tmx import tmx_chunks, tmx_srclang

    sources = (
        memory_units(source=source, target=target)
        .order_by()
        .values_list("source_language", flat=True)
        .distinct()
    )
    srclang = tmx_srclang(sources)
    return tmx_chunks(iter_memory_tm_units(source=source, target=target), srclang=srclang)
