"""Every write of the localization workbench.

Keyword-only, inside ``transaction.atomic``; bad input raises ``ValidationError`` naming the field, a
missing right raises ``PermissionDenied``. Background work (pre-translation, transliteration) is queued on
commit and runs :func:`job_prepare`, which is idempotent: it fills only cues that are still empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts.models import Membership, Role
from korkyt.catalogue import services as catalogue_services
from korkyt.catalogue.models import Film, Track, TrackKind, TrackStatus
from korkyt.core import services as core_services
from korkyt.core.languages import CONTENT_LANGUAGES, language_of, normalize_tag
from korkyt.institutions.models import Memorandum
from korkyt.institutions.services import activity_record
from korkyt.localization import selectors
from korkyt.localization.models import (
    CUE_TEXT_MAX,
    CueOrigin,
    CueState,
    GlossaryConcept,
    GlossaryTerm,
    JobKind,
    JobStatus,
    MemoryUnit,
    SourceCue,
    SubtitleTrack,
    TargetCue,
    TranslationJob,
)
from korkyt.mt import MTError, Router, Segment, SegmentContext
from korkyt.mt.memory import Concept, FileFormatError, TMUnit, read_tbx, read_tmx
from korkyt.subtitles import PROFILES, Cue, Document, check, loads, ops
from korkyt.subtitles.errors import SubtitleError

Errors = dict[str, list[str]]
AREA = "translation_dubbing"
MAX_UPLOAD = 10 * 1024 * 1024

# Transliteration jobs the workbench runs: (source tag, target tag) → scheme.
TRANSLITERATIONS: dict[tuple[str, str], str] = {
    ("kk-Cyrl", "kk-Latn"): "kk-2021",
    ("uz-Latn", "uz-Cyrl"): "uz-1995",
    ("uz-Cyrl", "uz-Latn"): "uz-1995",
    ("az-Cyrl", "az-Latn"): "az-1991",
    ("tk-Cyrl", "tk-Latn"): "tk-1993",
    ("ky-Cyrl", "ky-Latn"): "bgn",
}


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _tag(value: str, name: str, errors: Errors) -> str:
    try:
        return normalize_tag(value)
    except ValidationError as exc:
        errors.setdefault(name, []).extend(exc.messages)
        return ""


def _actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# Source tracks -----------------------------------------------------------------------------------


@transaction.atomic
def track_upload(
    *,
    actor: Any,
    film: Film,
    language: str,
    data: bytes,
    file_name: str = "",
    video_url: str = "",
    profile: str | None = None,
) -> SubtitleTrack:
    """Read a subtitle file (any format korkyt.subtitles reads), check it, store its cues as rows and make
    the film's catalogue track of that language available."""
    _require(actor, "localization.upload_track", film)
    errors: Errors = {}
    tag = _tag(language, "language", errors)
    if not data:
        _add(errors, "file", _("The file is empty."))
    elif len(data) > MAX_UPLOAD:
        _add(errors, "file", _("Subtitle files over 10 MB are refused."))
    if profile and profile not in PROFILES:
        _add(errors, "profile", _("Unknown QA profile."))
    _raise(errors)
    try:
        doc = loads(data)
    except SubtitleError as exc:
        raise ValidationError({"file": [_("The file cannot be read: %(reason)s") % {"reason": exc}]}) from exc
    if not doc.cues:
        raise ValidationError({"file": [_("The file has no subtitles.")]})
    lang = language_of(tag)
    profile_name = profile or (lang if lang in PROFILES else "netflix-adult")
    info = CONTENT_LANGUAGES.get(tag)
    report = check(doc, profile=profile_name, lang=lang, script=info.script if info else None)
    track = SubtitleTrack.objects.create(
        film=film,
        language=tag,
        file_name=file_name[:255],
        format=doc.format,
        encoding=doc.encoding,
        findings=[f.to_dict() for f in report.findings[:2000]],
        summary=dict(report.summary),
        video_url=video_url,
        uploaded_by=_actor_user(actor),
    )
    SourceCue.objects.bulk_create(
        [
            SourceCue(
                track=track,
                position=i,
                start_ms=c.start_ms,
                end_ms=max(c.end_ms, c.start_ms),
                text=c.text[:CUE_TEXT_MAX],
            )
            for i, c in enumerate(doc.cues)
        ],
        batch_size=1000,
    )
    track.catalogue_track = _catalogue_track(actor, film, tag, TrackStatus.AVAILABLE)
    track.save(update_fields=["catalogue_track"])
    return track


@transaction.atomic
def track_update(*, actor: Any, track: SubtitleTrack, video_url: str) -> SubtitleTrack:
    _require(actor, "localization.upload_track", track.film)
    from django.core.validators import URLValidator

    if video_url:
        try:
            URLValidator(schemes=["http", "https"])(video_url)
        except ValidationError as exc:
            raise ValidationError({"video_url": [_("Give an http or https address.")]}) from exc
    track.video_url = video_url
    track.save(update_fields=["video_url", "updated_at"])
    return track


def _catalogue_track(actor: Any, film: Film, language: str, status: str) -> Track:
    """The film's subtitle track in ``language`` with ``status`` (created or raised, never lowered)."""
    track = Track.objects.filter(film=film, kind=TrackKind.SUBTITLES, language=language).first()
    if track is None:
        return catalogue_services.track_create(
            actor=actor, film=film, kind=TrackKind.SUBTITLES, language=language, status=status
        )
    if track.status != TrackStatus.AVAILABLE and track.status != status:
        track = catalogue_services.track_update(actor=actor, track=track, status=status)
    return track


# Jobs --------------------------------------------------------------------------------------------


def _holds(user: Any, role: str) -> bool:
    return bool(user.is_superuser) or Membership.objects.filter(user=user, role=role).exists()


@transaction.atomic
def job_order(
    *,
    actor: Any,
    source: SubtitleTrack,
    target_language: str,
    kind: str | None = None,
    assignee: Any = None,
    reviewer: Any = None,
    deadline: dt.date | None = None,
    qa_profile: str = "",
    memorandum: Memorandum | None = None,
    enqueue: bool = True,
) -> TranslationJob:
    """Order a translation or transliteration of ``source``; its target cues start untranslated and a
    background job pre-translates (or transliterates) them."""
    film = source.film
    _require(actor, "localization.order_job", film)
    errors: Errors = {}
    target = _tag(target_language, "target_language", errors)
    pair = (source.language, target)
    if kind is None:
        kind = JobKind.TRANSLITERATION if pair in TRANSLITERATIONS else JobKind.TRANSLATION
    if kind not in JobKind.values:
        _add(errors, "kind", _("Unknown kind of job."))
    if target and target == source.language:
        _add(errors, "target_language", _("The target must differ from the source."))
    elif target and kind == JobKind.TRANSLITERATION and pair not in TRANSLITERATIONS:
        _add(errors, "target_language", _("No transliteration goes from this source to that script."))
    elif target and kind == JobKind.TRANSLATION and language_of(target) == language_of(source.language):
        _add(errors, "kind", _("The same language in another script is a transliteration job."))
    if assignee is not None and not _holds(assignee, Role.TRANSLATOR):
        _add(errors, "assignee", _("The assignee must hold the translator role."))
    if kind == JobKind.TRANSLATION and assignee is None:
        _add(errors, "assignee", _("A translation job needs a translator."))
    if reviewer is None:
        _add(errors, "reviewer", _("Every job needs a reviewer."))
    elif not _holds(reviewer, Role.REVIEWER):
        _add(errors, "reviewer", _("The reviewer must hold the reviewer role."))
    profile = qa_profile or (language_of(target) if language_of(target) in PROFILES else "netflix-adult")
    if profile not in PROFILES:
        _add(errors, "qa_profile", _("Unknown QA profile."))
    if deadline is not None and deadline < timezone.localdate():
        _add(errors, "deadline", _("The deadline is in the past."))
    if memorandum is not None and not memorandum.areas.filter(code=AREA).exists():
        _add(errors, "memorandum", _("This memorandum does not cover translation and dubbing."))
    _raise(errors)
    job = TranslationJob.objects.create(
        kind=kind,
        source=source,
        film=film,
        institution_id=film.owner_id,
        source_language=source.language,
        target_language=target,
        scheme=TRANSLITERATIONS.get(pair, "") if kind == JobKind.TRANSLITERATION else "",
        assignee=assignee,
        reviewer=reviewer,
        ordered_by=_actor_user(actor),
        deadline=deadline,
        qa_profile=profile,
        memorandum=memorandum,
    )
    TargetCue.objects.bulk_create(
        [
            TargetCue(job=job, source=c, position=c.position, start_ms=c.start_ms, end_ms=c.end_ms)
            for c in SourceCue.objects.filter(track=source).order_by("position")
        ],
        batch_size=1000,
    )
    job.catalogue_track = _catalogue_track(actor, film, target, TrackStatus.IN_PROGRESS)
    row = core_services.job_create(kind="localization.prepare", total=job.cues.count(), created_by=actor)
    job.background = row
    job.save(update_fields=["catalogue_track", "background"])
    if memorandum is not None:
        activity_record(memorandum=memorandum, area=AREA, activity=job)
    if enqueue:
        from korkyt.localization.tasks import prepare_job

        core_services.job_enqueue(job=row, task=prepare_job, translation_job_id=job.pk)
    return job


Progress = Callable[[int, int], None]


def engine_config() -> list[dict[str, Any]]:
    """The engines of the KORKYT_MT_ENGINES setting, then those an administrator enabled in the admin."""
    from korkyt.localization.models import MachineTranslationEngine

    configured = list(getattr(settings, "KORKYT_MT_ENGINES", None) or [])
    return configured + [e.as_config() for e in MachineTranslationEngine.objects.filter(enabled=True)]


def _engine_router() -> Router:
    return Router.from_config(engine_config())


def job_prepare(
    *, job_id: int, progress: Progress | None = None, router: Router | None = None
) -> dict[str, int]:
    """Fill the empty cues of a job: transliteration, or memory (exact, then fuzzy ≥ 75 %, same film first)
    then the configured machine-translation engine. Idempotent: cues with a text are left alone."""
    job = TranslationJob.objects.select_related("film").get(pk=job_id)
    cues = list(TargetCue.objects.filter(job=job).select_related("source").order_by("position"))
    todo = [c for c in cues if c.state == CueState.UNTRANSLATED and not c.text]
    stats = {"cues": len(cues), "todo": len(todo), "exact": 0, "fuzzy": 0, "mt": 0, "translit": 0}
    note = ""
    if job.kind == JobKind.TRANSLITERATION:
        lang = language_of(job.source_language)
        script = CONTENT_LANGUAGES[job.target_language].script
        doc = Document(cues=[Cue(start_ms=c.start_ms, end_ms=c.end_ms, text=c.source.text) for c in todo])
        try:
            converted = ops.transliterate(doc, lang, script, scheme=job.scheme or None)
        except SubtitleError as exc:
            note = str(exc)
            converted = Document(cues=[])
        for cue, out in zip(todo, converted.cues, strict=False):
            cue.text = out.text[:CUE_TEXT_MAX]
            cue.origin = CueOrigin.TRANSLITERATION
            cue.engine = job.scheme
            cue.state = CueState.WAITING_REVIEW
            stats["translit"] += 1
        if progress:
            progress(len(todo), len(todo))
        _save_prepared(todo)
    else:
        memory = selectors.memory_for(job.source_language, job.target_language)
        results = memory.lookup_many(
            [c.source.text for c in todo], job.source_language, job.target_language, film=job.film_id, limit=1
        )
        rest = []
        for cue, matches in zip(todo, results, strict=True):
            if matches:
                best = matches[0]
                cue.text = best.unit.target_text
                cue.score = round(best.score, 1)
                if best.kind == "exact":
                    cue.origin, cue.state = CueOrigin.MEMORY_EXACT, CueState.DRAFT
                    stats["exact"] += 1
                else:
                    cue.origin, cue.state = CueOrigin.MEMORY_FUZZY, CueState.NEEDS_EDITING
                    stats["fuzzy"] += 1
            elif cue.source.text.strip():
                rest.append(cue)
        if progress:
            progress(len(todo) - len(rest), len(todo))
        config_error = ""
        if router is None:
            try:
                router = _engine_router()
            except MTError as exc:  # ConfigError: a bad KORKYT_MT_ENGINES
                config_error = _("The machine-translation configuration is invalid: %(reason)s") % {
                    "reason": exc
                }
                router = Router([])
        if not rest:
            pass
        elif config_error:
            note = config_error
        elif not router.configured:
            note = _("No machine-translation engine is configured: the MT step was skipped.")
        else:
            note = _machine_translate(job, rest, router, stats, progress, len(todo))
        _save_prepared(todo)
    job.mt_note = note[:300]
    if job.status == JobStatus.PREPARING:
        job.status = JobStatus.IN_PROGRESS
    job.save(update_fields=["mt_note", "status", "updated_at"])
    return stats


def _machine_translate(
    job: TranslationJob,
    cues: list[TargetCue],
    router: Router,
    stats: dict[str, int],
    progress: Progress | None,
    total: int,
) -> str:
    from korkyt.catalogue.selectors import film_original_title

    title = film_original_title(job.film)
    texts = [c.source.text for c in cues]
    done = total - len(cues)
    batch = 50
    for start in range(0, len(cues), batch):
        chunk = cues[start : start + batch]
        segments = [
            Segment(
                c.source.text,
                SegmentContext(
                    previous=tuple(texts[max(0, start + i - 2) : start + i]),
                    next=tuple(texts[start + i + 1 : start + i + 3]),
                    film_title=title.text if title else None,
                ),
            )
            for i, c in enumerate(chunk)
        ]
        try:
            translations = router.translate(segments, job.source_language, job.target_language)
        except MTError as exc:
            return (_("Machine translation stopped: %(reason)s") % {"reason": exc})[:300]
        for cue, translation in zip(chunk, translations, strict=True):
            cue.text = translation.text[:CUE_TEXT_MAX]
            cue.origin = CueOrigin.MACHINE
            cue.engine = "→".join(h.engine for h in translation.route)[:60] or translation.engine[:60]
            cue.score = round(translation.score * 100, 1) if translation.score is not None else None
            cue.state = CueState.NEEDS_EDITING
            stats["mt"] += 1
        done += len(chunk)
        if progress:
            progress(done, total)
    return ""


def _save_prepared(cues: Sequence[TargetCue]) -> None:
    """Write the filled cues with one executemany (bulk_update's CASE expressions cost seconds here)."""
    rows = [(c.text, c.origin, c.engine, c.score, c.state, c.pk) for c in cues if c.text]
    if not rows:
        return
    q = connection.ops.quote_name
    columns = ", ".join(
        f"{q(name)} = %s" for name in ("text", "origin", "engine", "score", "state", "updated_at")
    )
    sql = "UPDATE " + q(TargetCue._meta.db_table) + " SET " + columns + " WHERE " + q("id") + " = %s"  # noqa: S608
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, [(*row[:5], now, row[5]) for row in rows])


def _editable(job: TranslationJob) -> None:
    if job.status == JobStatus.APPROVED:
        raise ValidationError({"job": [_("This job is approved; its cues no longer change.")]})


@transaction.atomic
def cue_save(*, actor: Any, cue: TargetCue, text: str, submit: bool = False) -> TargetCue:
    """The translator's (or reviewer's) text for a cue: a draft, or submitted for review."""
    job = cue.job
    _require(actor, "localization.translate_job", job)
    _editable(job)
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > CUE_TEXT_MAX:
        raise ValidationError({"text": [_("A cue holds at most 2,000 characters.")]})
    changed = text != cue.text
    if changed:
        cue.text = text
        cue.origin = CueOrigin.HUMAN if text else CueOrigin.NONE
        cue.score = None
        cue.engine = ""
    if not text:
        cue.state = CueState.UNTRANSLATED
    elif submit:
        cue.state = CueState.WAITING_REVIEW
    elif changed or cue.state == CueState.UNTRANSLATED:
        cue.state = CueState.DRAFT
    cue.updated_by = _actor_user(actor)
    cue.save()  # a memory unit made from an earlier approval stays: it was approved as it was then
    return cue


@transaction.atomic
def cue_review(*, actor: Any, cue: TargetCue, approve: bool, comment: str = "") -> TargetCue:
    """The reviewer approves a cue (it feeds translation memory) or returns it with a comment."""
    job = cue.job
    _require(actor, "localization.review_job", job)
    _editable(job)
    if approve:
        if not cue.text.strip() and cue.source.text.strip():
            raise ValidationError({"text": [_("An empty cue cannot be approved.")]})
        cue.state = CueState.APPROVED
        cue.comment = comment[:1000]
    else:
        if not comment.strip():
            raise ValidationError({"comment": [_("Say what needs editing.")]})
        cue.state = CueState.NEEDS_EDITING
        cue.comment = comment[:1000]
    cue.updated_by = _actor_user(actor)
    cue.save()
    if approve:
        _feed_memory(job, [cue], actor)
    return cue


@transaction.atomic
def job_approve_waiting(*, actor: Any, job: TranslationJob) -> int:
    """Approve every cue waiting for review; returns how many."""
    _require(actor, "localization.review_job", job)
    _editable(job)
    cues = list(job.cues.select_related("source").filter(state=CueState.WAITING_REVIEW))
    cues = [c for c in cues if c.text.strip() or not c.source.text.strip()]
    for cue in cues:
        cue.state = CueState.APPROVED
        cue.updated_by = _actor_user(actor)
    TargetCue.objects.bulk_update(cues, ["state", "updated_by"], batch_size=500)
    _feed_memory(job, cues, actor)
    return len(cues)


def _feed_memory(job: TranslationJob, cues: Sequence[TargetCue], actor: Any) -> None:
    if job.kind != JobKind.TRANSLATION:
        return
    now = timezone.now()
    author = getattr(actor, "username", "") or ""
    existing = {u.target_cue_id: u for u in MemoryUnit.objects.filter(target_cue__in=[c.pk for c in cues])}
    new, changed = [], []
    for cue in cues:
        if not cue.text.strip() or not cue.source.text.strip():
            continue
        unit = existing.get(cue.pk)
        if unit is None:
            new.append(
                MemoryUnit(
                    source_language=job.source_language,
                    target_language=job.target_language,
                    source_text=cue.source.text,
                    target_text=cue.text,
                    film_id=job.film_id,
                    context=f"job {job.pk} cue {cue.position + 1}",
                    author=author[:150],
                    approved_at=now,
                    target_cue=cue,
                )
            )
        else:
            unit.target_text, unit.approved_at, unit.author = cue.text, now, author[:150]
            changed.append(unit)
    MemoryUnit.objects.bulk_create(new, batch_size=1000)
    MemoryUnit.objects.bulk_update(changed, ["target_text", "approved_at", "author"], batch_size=1000)


@transaction.atomic
def job_approve(*, actor: Any, job: TranslationJob) -> TranslationJob:
    """The reviewer approves the job: every cue with a source text must be approved. The film's track in
    the target language becomes available in the catalogue."""
    _require(actor, "localization.review_job", job)
    _editable(job)
    pending = job.cues.exclude(state=CueState.APPROVED).exclude(source__text="").count()
    if pending:
        raise ValidationError({"job": [_("%(n)s cues are not approved yet.") % {"n": pending}]})
    job.status = JobStatus.APPROVED
    job.approved_at = timezone.now()
    job.save(update_fields=["status", "approved_at", "updated_at"])
    track = (
        job.catalogue_track
        or Track.objects.filter(film=job.film, kind=TrackKind.SUBTITLES, language=job.target_language).first()
    )
    if track is not None and track.status != TrackStatus.AVAILABLE:
        # The reviewer delivers on behalf of the institution that ordered the job.
        catalogue_services.track_update(actor=_System(), track=track, status=TrackStatus.AVAILABLE)
    elif track is None:
        track = catalogue_services.track_create(
            actor=_System(),
            film=job.film,
            kind=TrackKind.SUBTITLES,
            language=job.target_language,
            status=TrackStatus.AVAILABLE,
        )
        job.catalogue_track = track
        job.save(update_fields=["catalogue_track"])
    return job


class _System:
    """The workbench acting for the ordering institution after a reviewer's approval."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True


# Translation memory and glossary -----------------------------------------------------------------


@transaction.atomic
def memory_import(*, actor: Any, data: bytes, film: Film | None = None) -> int:
    """Add the units of a TMX file to the shared memory; returns how many were added."""
    _require(actor, "localization.manage_memory")
    try:
        units = read_tmx(data)
    except (FileFormatError, ValueError) as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    rows = []
    for unit in units:
        try:
            source, target = normalize_tag(unit.source_lang), normalize_tag(unit.target_lang)
        except ValidationError:
            continue
        if not unit.source_text.strip() or not unit.target_text.strip():
            continue
        approved = unit.approved
        if isinstance(approved, dt.date) and not isinstance(approved, dt.datetime):
            approved = dt.datetime(approved.year, approved.month, approved.day, tzinfo=dt.UTC)
        elif isinstance(approved, dt.datetime) and approved.tzinfo is None:
            approved = approved.replace(tzinfo=dt.UTC)
        rows.append(
            MemoryUnit(
                source_language=source,
                target_language=target,
                source_text=unit.source_text[:CUE_TEXT_MAX],
                target_text=unit.target_text[:CUE_TEXT_MAX],
                film=film,
                context=(unit.context or "")[:500],
                author=(unit.author or "")[:150],
                approved_at=approved,
            )
        )
    MemoryUnit.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def memory_tm_units(*, source: str | None = None, target: str | None = None) -> list[TMUnit]:
    return [
        TMUnit(
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
        for u in selectors.memory_units(source=source, target=target)
    ]


@transaction.atomic
def glossary_import(*, actor: Any, data: bytes) -> int:
    """Add the concepts of a TBX file to the glossary; returns how many concepts were added."""
    _require(actor, "localization.manage_memory")
    try:
        concepts = read_tbx(data)
    except (FileFormatError, ValueError) as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    added = 0
    for concept in concepts:
        terms = []
        for term in concept.terms:
            try:
                terms.append((normalize_tag(term.lang), term))
            except ValidationError:
                continue
        if not terms:
            continue
        row = GlossaryConcept.objects.create(
            code=(concept.id or "")[:100],
            definition=(concept.definition or "")[:1000],
            subject=(concept.subject or "")[:200],
            do_not_translate=concept.do_not_translate,
        )
        GlossaryTerm.objects.bulk_create(
            [
                GlossaryTerm(concept=row, language=tag, text=t.text[:300], forbidden=t.forbidden)
                for tag, t in terms
            ],
            ignore_conflicts=True,
        )
        added += 1
    return added


@transaction.atomic
def concept_create(
    *, actor: Any, terms: Sequence[dict[str, Any]], do_not_translate: bool = False, definition: str = ""
) -> GlossaryConcept:
    _require(actor, "localization.manage_memory")
    errors: Errors = {}
    clean = []
    for i, term in enumerate(terms):
        tag = _tag(str(term.get("language", "")), f"terms[{i}].language", errors)
        text = str(term.get("text", "")).strip()
        if not text:
            _add(errors, f"terms[{i}].text", _("This field cannot be blank."))
        clean.append((tag, text, bool(term.get("forbidden", False))))
    if not terms:
        _add(errors, "terms", _("Give at least one term."))
    _raise(errors)
    concept = GlossaryConcept.objects.create(do_not_translate=do_not_translate, definition=definition[:1000])
    GlossaryTerm.objects.bulk_create(
        [GlossaryTerm(concept=concept, language=t, text=x[:300], forbidden=f) for t, x, f in clean],
        ignore_conflicts=True,
    )
    return concept


def concepts_for_export() -> list[Concept]:
    return selectors.glossary_concepts()
