"""Every read of the localization workbench, scoped to the user: what one may not see is not found."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import Film, Track, TrackKind, TrackStatus
from korkyt.catalogue.selectors import film_visibility
from korkyt.core.actors import Actor
from korkyt.core.languages import CONTENT_LANGUAGES, language_of
from korkyt.institutions.selectors import memorandum_visible
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
    TranslationJob,
)
from korkyt.mt.memory import Concept, Glossary, Term, TranslationMemory, normalise
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


def orderable_films(*, user: Actor) -> QuerySet[Film]:
    """Films the user may upload tracks for and order jobs on (their institution's films)."""
    if _is_admin(user):
        return Film.objects.all()
    return Film.objects.filter(owner_id__in=institution_ids(user, Role.EDITOR))


# Documents, checks and the glossary --------------------------------------------------------------


def source_document(track: SubtitleTrack) -> Document:
    cues = [
        Cue(start_ms=c.start_ms, end_ms=c.end_ms, text=c.text)
        for c in SourceCue.objects.filter(track=track).order_by("position")
    ]
    return Document(cues=cues, format=track.format or "srt", language=track.language)


def cues_document(cues: Iterable[TargetCue], language: str, title: str | None = None) -> Document:
    return Document(
        cues=[Cue(start_ms=c.start_ms, end_ms=c.end_ms, text=c.text) for c in cues],
        format="srt",
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
    """The subtitle check of the job's current target text against its source (profile of the job)."""
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
        )
    except SubtitleError:
        return check(target, profile=job.qa_profile, lang=lang, source=source)


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


# Coverage ----------------------------------------------------------------------------------------

COVERAGE_LANGUAGES = (
    "kk-Cyrl",
    "kk-Latn",
    "az-Latn",
    "ky-Cyrl",
    "tk-Latn",
    "tr",
    "uz-Latn",
    "uz-Cyrl",
    "ru",
    "en",
)
LANGUAGE_COUNTRY = {"kk": "KZ", "az": "AZ", "ky": "KG", "tk": "TM", "tr": "TR", "uz": "UZ"}


@dataclass
class CoverageRow:
    film: Film
    cells: list[tuple[str, str, int | None]]  # (language, status, job id or None)
    dubs: list[str] = field(default_factory=list)  # per language: the dub's status (any script), or "missing"


@dataclass
class Coverage:
    languages: tuple[str, ...]
    rows: list[CoverageRow]
    totals: dict[str, dict[str, int]] = field(default_factory=dict)  # language → status → count
    pairs: list[dict[str, Any]] = field(default_factory=list)
    memoranda: list[dict[str, Any]] = field(default_factory=list)


def coverage_films(*, user: Actor) -> QuerySet[Film]:
    """The films the coverage tells ``user`` of, in its order (the newest first): the page and the API page
    them."""
    return Film.objects.filter(film_visibility(user)).select_related("owner").order_by("-year", "pk")


def coverage(
    *, user: Actor, films: QuerySet[Film] | None = None, rows_for: Sequence[Film] | None = None
) -> Coverage:
    """Films × languages: available, in progress or missing, with totals per country pair and memorandum.
    The totals and the pairs count every film of ``films`` (the database counts them); the rows are those
    of ``rows_for`` (the page shown), else of every film of ``films``."""
    films = films if films is not None else coverage_films(user=user)
    visible_jobs = job_visibility(user)
    totals, pairs = _coverage_counts(films)
    film_list = list(
        rows_for if rows_for is not None else films.select_related("owner").order_by("-year", "pk")
    )
    rows = _coverage_rows(film_list, visible_jobs)
    memoranda = []
    if visible_jobs is not None:
        for row in (
            # a job seen under a draft memorandum its reader may not see is not told by that memorandum
            TranslationJob.objects.filter(visible_jobs, memorandum__in=memorandum_visible(user).values("pk"))
            .values("memorandum_id")
            .annotate(
                jobs=Count("pk"),
                approved=Count("pk", filter=Q(status=JobStatus.APPROVED)),
            )
            .order_by("memorandum_id")
        ):
            memoranda.append(dict(row))
    return Coverage(languages=COVERAGE_LANGUAGES, rows=rows, totals=totals, pairs=pairs, memoranda=memoranda)


_STARTED = (TrackStatus.AVAILABLE, TrackStatus.IN_PROGRESS)  # a planned track is still missing


def _coverage_counts(films: QuerySet[Film]) -> tuple[dict[str, dict[str, int]], list[dict[str, Any]]]:
    """Per language, how many films have subtitles available, in progress (none available) or missing;
    per pair of the owner's country and a country of a language, the same at the film's best script; each
    counted by the database (a film counted once per language and pair, at its best track)."""
    ids = films.order_by().values("pk")
    started = Track.objects.filter(
        film__in=ids,
        kind__in=[TrackKind.SUBTITLES, TrackKind.SDH],
        language__in=COVERAGE_LANGUAGES,
        status__in=_STARTED,
    ).order_by()
    counts = {
        "available": Count("film", distinct=True, filter=Q(status=TrackStatus.AVAILABLE)),
        "started": Count("film", distinct=True),
    }
    total = films.count()
    per_language = {row["language"]: row for row in started.values("language").annotate(**counts)}
    totals: dict[str, dict[str, int]] = {}
    for lang in COVERAGE_LANGUAGES:
        row = per_language.get(lang, {"available": 0, "started": 0})
        told = {
            "available": row["available"],
            "in_progress": row["started"] - row["available"],
            "missing": total - row["started"],
        }
        totals[lang] = {status: n for status, n in told.items() if n}
    countries = list(dict.fromkeys(c for lang in COVERAGE_LANGUAGES if (c := _country_of(lang))))
    target = Case(
        *[
            When(language__in=[lang for lang in COVERAGE_LANGUAGES if _country_of(lang) == c], then=Value(c))
            for c in countries
        ],
        default=Value(""),
    )
    per_pair = {
        (str(row["film__owner__country"]), row["target"]): row
        for row in started.annotate(target=target)
        .exclude(target="")
        .values("film__owner__country", "target")
        .annotate(**counts)
    }
    owners = (
        films.order_by()
        .filter(owner__isnull=False)
        .exclude(owner__country="")
        .values("owner__country")
        .annotate(n=Count("pk"))
    )
    pairs = []
    for owner in owners:
        source = str(owner["owner__country"])
        for country in countries:
            if country == source:
                continue
            row = per_pair.get((source, country), {"available": 0, "started": 0})
            pairs.append(
                {
                    "from": source,
                    "to": country,
                    "available": row["available"],
                    "in_progress": row["started"] - row["available"],
                    "missing": owner["n"] - row["started"],
                }
            )
    return totals, sorted(pairs, key=lambda p: (p["from"], p["to"]))


def _country_of(lang: str) -> str:
    return LANGUAGE_COUNTRY.get(language_of(lang), "")


def _coverage_rows(film_list: list[Film], visible_jobs: Q | None) -> list[CoverageRow]:
    """The rows of the films given: each language's best subtitle track, dub and job (a few queries for
    them all)."""
    ids = [f.pk for f in film_list]
    status_of: dict[tuple[int, str], str] = {}
    rank = {TrackStatus.AVAILABLE: 3, TrackStatus.IN_PROGRESS: 2, TrackStatus.PLANNED: 1}
    for film_id, language, status in Track.objects.filter(
        film_id__in=ids, kind__in=[TrackKind.SUBTITLES, TrackKind.SDH]
    ).values_list("film_id", "language", "status"):
        key = (film_id, language)
        if rank.get(status, 0) > rank.get(status_of.get(key, ""), 0):  # type: ignore[call-overload]
            status_of[key] = status
    dub_of: dict[tuple[int, str], str] = {}  # a dub is heard, whatever the script its script was in
    for film_id, language, status in Track.objects.filter(film_id__in=ids, kind=TrackKind.DUB).values_list(
        "film_id", "language", "status"
    ):
        key = (film_id, language_of(language))
        if rank.get(status, 0) > rank.get(dub_of.get(key, ""), 0):  # type: ignore[call-overload]
            dub_of[key] = status
    job_of: dict[tuple[int, str], int] = {}
    if visible_jobs is not None:
        subtitle_jobs = TranslationJob.objects.exclude(kind=JobKind.ADAPTATION)
        for pk, film_id, language in subtitle_jobs.filter(visible_jobs, film_id__in=ids).values_list(
            "pk", "film_id", "target_language"
        ):
            job_of.setdefault((film_id, language), pk)
    rows = []
    for film in film_list:
        cells = []
        for lang in COVERAGE_LANGUAGES:
            status = status_of.get((film.pk, lang), "missing")
            cells.append(
                (lang, "missing" if status == TrackStatus.PLANNED else status, job_of.get((film.pk, lang)))
            )
        dubs = []
        for lang in COVERAGE_LANGUAGES:
            dub = dub_of.get((film.pk, language_of(lang)), "missing")
            dubs.append("missing" if dub == TrackStatus.PLANNED else dub)
        rows.append(CoverageRow(film=film, cells=cells, dubs=dubs))
    return rows
