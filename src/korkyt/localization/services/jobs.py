"""Ordering and preparing translation and transliteration jobs (memory, then machine translation)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from korkyt.accounts.models import Role, User
from korkyt.accounts.rules import holds_role_anywhere
from korkyt.catalogue.models import TrackStatus
from korkyt.core.actors import Actor, saved_user
from korkyt.core.jobs import services as jobs
from korkyt.core.languages import CONTENT_LANGUAGES, DEFAULT_TAG, language_of
from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import Errors, add_error, clean_tag, raise_errors, require_perm
from korkyt.core.workflow import transition_apply
from korkyt.institutions.models import Memorandum
from korkyt.institutions.services import check_activity_link
from korkyt.localization import selectors
from korkyt.localization.models import (
    CUE_TEXT_MAX,
    CueOrigin,
    CueState,
    JobKind,
    JobStatus,
    SourceCue,
    SubtitleTrack,
    TargetCue,
    TrackState,
    TranslationJob,
)
from korkyt.localization.services._common import (
    AREA,
    TRANSLITERATIONS,
    without_controls,
)
from korkyt.localization.services.engines import engine_router
from korkyt.localization.services.tracks import (
    _catalogue_track,
)
from korkyt.mt import MTError, Router, Segment, SegmentContext
from korkyt.subtitles import PROFILES, Cue, Document, ops
from korkyt.subtitles.errors import SubtitleError

# Jobs --------------------------------------------------------------------------------------------


def _holds(user: User, role: str) -> bool:
    return bool(user.is_superuser) or holds_role_anywhere(user, role)


#: Versions of a track nothing is ordered from (translation, dubbing): replaced by a newer one, or withdrawn.
REPLACED_STATES = (TrackState.SUPERSEDED, TrackState.WITHDRAWN)


def check_source_version(source: SubtitleTrack, errors: Errors, field: str = "source_track") -> None:
    """An order starts from the version of the track in use: not one replaced or withdrawn, and not one held
    for its errors (accepting them knowingly makes it the current version, and then it may be ordered)."""
    if source.state in REPLACED_STATES:
        add_error(
            errors,
            field,
            _("This version of the track was replaced or withdrawn: order from the current version."),
        )
    elif source.state == TrackState.HELD:
        add_error(
            errors,
            field,
            _(
                "This version of the track is held for its errors: upload a corrected file, or accept the "
                "errors to make it the current version, then order from it."
            ),
        )


@transaction.atomic
def job_order(
    *,
    actor: Actor,
    source: SubtitleTrack,
    target_language: str,
    kind: str | None = None,
    assignee: User | None = None,
    reviewer: User | None = None,
    deadline: dt.date | None = None,
    qa_profile: str = "",
    memorandum: Memorandum | None = None,
    enqueue: bool = True,
) -> TranslationJob:
    """Order a translation or transliteration of ``source``; its target cues start untranslated and a
    background job pre-translates (or transliterates) them."""
    film = source.film
    require_perm(actor, "localization.order_job", film)
    errors: Errors = {}
    target = clean_tag(target_language, "target_language", errors) or ""
    pair = (source.language, target)
    check_source_version(source, errors)
    if kind is None:
        kind = JobKind.TRANSLITERATION if pair in TRANSLITERATIONS else JobKind.TRANSLATION
    if kind not in JobKind.values:
        add_error(errors, "kind", _("Unknown kind of job."))
    if target and target == source.language:
        add_error(errors, "target_language", _("The target must differ from the source."))
    elif target and kind == JobKind.TRANSLITERATION and pair not in TRANSLITERATIONS:
        add_error(errors, "target_language", _("No transliteration goes from this source to that script."))
    elif target and kind == JobKind.TRANSLATION and language_of(target) == language_of(source.language):
        add_error(errors, "kind", _("The same language in another script is a transliteration job."))
    if assignee is not None and not _holds(assignee, Role.TRANSLATOR):
        add_error(errors, "assignee", _("The assignee must hold the translator role."))
    if kind == JobKind.TRANSLATION and assignee is None:
        add_error(errors, "assignee", _("A translation job needs a translator."))
    if reviewer is None:
        add_error(errors, "reviewer", _("Every job needs a reviewer."))
    elif not _holds(reviewer, Role.REVIEWER):
        add_error(errors, "reviewer", _("The reviewer must hold the reviewer role."))
    profile = qa_profile or (language_of(target) if language_of(target) in PROFILES else "netflix-adult")
    if profile not in PROFILES:
        add_error(errors, "qa_profile", _("Unknown QA profile."))
    if deadline is not None and deadline < timezone.localdate():
        add_error(errors, "deadline", _("The deadline is in the past."))
    if memorandum is not None and not memorandum.areas.filter(code=AREA).exists():
        add_error(errors, "memorandum", _("This memorandum does not cover translation and dubbing."))
    check_activity_link(actor, memorandum, errors)  # the job is counted in its public report
    raise_errors(errors)
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
        ordered_by=saved_user(actor),
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
    row = jobs.job_create(kind="localization.prepare", subject=job, total=job.cues.count(), created_by=actor)
    job.background = row
    job.save(update_fields=["catalogue_track", "background"])
    # its record under the memorandum was made as the job was saved (TranslationJob.activity_memoranda)
    if enqueue:
        jobs.enqueue(row, "localization.prepare_job", translation_job_id=job.pk)
    return job


Progress = Callable[[int, int], None]


def _engine_router() -> Router:
    return engine_router()[0]


def job_prepare(
    *, job_id: int, progress: Progress | None = None, router: Router | None = None
) -> dict[str, int]:
    """Fill the empty cues of a job: transliteration, or memory (exact, then fuzzy ≥ 75 %, same film first)
    then the configured machine-translation engine. Idempotent: cues with a text are left alone.

    Translators may edit the job while it is prepared: a suggestion is written only where the cue is still
    untranslated and unchanged since it was read (one conditional UPDATE per cue), so a person's text is
    never replaced. ``stats["kept"]`` counts the suggestions dropped for that reason."""
    job = TranslationJob.objects.select_related("film").get(pk=job_id)
    cues = list(TargetCue.objects.filter(job=job).select_related("source").order_by("position"))
    todo = [c for c in cues if c.state == CueState.UNTRANSLATED and not c.text]
    stats = {"cues": len(cues), "todo": len(todo), "exact": 0, "fuzzy": 0, "mt": 0, "translit": 0, "kept": 0}
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
        stats["kept"] = _save_prepared(todo)
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
        skipped: list[str] = []
        if router is None:
            try:
                router, skipped = engine_router()
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
            # stored as the msgid: the editor shows it in the viewer's language ({% translate job.mt_note %})
            note = gettext_noop("No machine-translation engine is configured: the MT step was skipped.")
        else:
            note = _machine_translate(job, cues, rest, router, stats, progress, len(todo))
        if skipped:  # an engine of the admin left out: say so, whatever else happened
            note = " ".join([*skipped, note]).strip()
        stats["kept"] = _save_prepared(todo)
    if job.mt_note != note[:300]:
        job.mt_note = note[:300]
        job.save(update_fields=["mt_note", "updated_at"])
    if job.status == JobStatus.PREPARING:
        with contextlib.suppress(ValidationError):  # approved meanwhile: nothing left to start
            transition_apply(actor=SYSTEM, obj=job, name="start")
    return stats


@dataclass(frozen=True)
class _Conversion:
    """A change of script around machine translation: ``lang`` text into ``script`` with ``scheme``."""

    lang: str
    script: str
    scheme: str

    def apply(self, texts: Sequence[str]) -> list[str]:
        doc = Document(cues=[Cue(start_ms=0, end_ms=0, text=t) for t in texts])
        return [c.text for c in ops.transliterate(doc, self.lang, self.script, scheme=self.scheme).cues]


@dataclass(frozen=True)
class _MTPlan:
    """The pair the engines are asked for, with the transliteration before (source) and after (target)."""

    source: str
    target: str
    before: _Conversion | None = None
    after: _Conversion | None = None


def _conversion(source: str, target: str) -> _Conversion | None:
    """The transliteration of ``source`` text into ``target`` (one language, two scripts): the workbench's
    scheme for that pair, else korkyt.translit's default; None when there is none."""
    from korkyt.translit import supported_schemes

    lang = language_of(source)
    here, there = CONTENT_LANGUAGES.get(source), CONTENT_LANGUAGES.get(target)
    if here is None or there is None or here.script == there.script or lang != language_of(target):
        return None
    wanted = TRANSLITERATIONS.get((source, target))
    for scheme in supported_schemes():  # the default scheme of each direction first
        if scheme.lang == lang and scheme.target == there.script and wanted in (None, scheme.name):
            return _Conversion(lang, there.script, scheme.name)
    return None


def _mt_plan(router: Router, source: str, target: str) -> _MTPlan:
    """Ask the engines for the job's own pair when one offers it; otherwise for the languages' default
    scripts, transliterating the source into its default script before and the translation into the
    target's script after (korkyt.translit). Falls back to the job's pair, whose refusal is then reported."""
    sources: list[tuple[str, _Conversion | None]] = [(source, None)]
    targets: list[tuple[str, _Conversion | None]] = [(target, None)]
    source_default = DEFAULT_TAG.get(language_of(source), source)
    target_default = DEFAULT_TAG.get(language_of(target), target)
    before = _conversion(source, source_default)
    if before is not None:
        sources.append((source_default, before))
    after = _conversion(target_default, target)
    if after is not None:
        targets.append((target_default, after))
    for src, convert_source in sources:
        for tgt, convert_target in targets:
            if router.supports(src, tgt):
                return _MTPlan(src, tgt, convert_source, convert_target)
    return _MTPlan(source, target)


def _machine_translate(
    job: TranslationJob,
    track: list[TargetCue],
    cues: list[TargetCue],
    router: Router,
    stats: dict[str, int],
    progress: Progress | None,
    total: int,
) -> str:
    """Machine-translate ``cues`` (those of ``track`` memory left empty); each is sent with the two lines
    before and after it in the track as context."""
    from korkyt.catalogue.selectors import film_original_title

    title = film_original_title(job.film)
    plan = _mt_plan(router, job.source_language, job.target_language)
    texts = [c.source.text for c in track]
    try:
        if plan.before is not None:
            texts = plan.before.apply(texts)
    except SubtitleError as exc:
        return (_("Machine translation stopped: %(reason)s") % {"reason": exc})[:300]
    index = {c.pk: i for i, c in enumerate(track)}
    done = total - len(cues)
    batch = 50
    for start in range(0, len(cues), batch):
        chunk = cues[start : start + batch]
        segments = []
        for c in chunk:
            i = index[c.pk]
            context = SegmentContext(
                previous=tuple(texts[max(0, i - 2) : i]),
                next=tuple(texts[i + 1 : i + 3]),
                film_title=title.text if title else None,
            )
            segments.append(Segment(texts[i], context))
        try:
            translations = router.translate(segments, plan.source, plan.target)
            outputs = [t.text for t in translations]
            if plan.after is not None:
                outputs = plan.after.apply(outputs)
        except (MTError, SubtitleError) as exc:
            return (_("Machine translation stopped: %(reason)s") % {"reason": exc})[:300]
        for cue, translation, text in zip(chunk, translations, outputs, strict=True):
            steps = [h.engine for h in translation.route] or [translation.engine]
            if plan.before is not None:
                steps.insert(0, plan.before.scheme)
            if plan.after is not None:
                steps.append(plan.after.scheme)
            cue.text = without_controls(text).strip()[:CUE_TEXT_MAX]
            cue.origin = CueOrigin.MACHINE
            cue.engine = "→".join(steps)[:60]
            cue.score = round(translation.score * 100, 1) if translation.score is not None else None
            cue.state = CueState.NEEDS_EDITING
            stats["mt"] += 1
        done += len(chunk)
        if progress:
            progress(done, total)
    return ""


def _save_prepared(cues: Sequence[TargetCue]) -> int:
    """Write the filled cues with one executemany (bulk_update's CASE expressions cost seconds here).

    Each UPDATE applies only while the cue is still empty, untranslated and has the ``updated_at`` it had
    when it was read: a cue a person saved in the meantime keeps the person's text (on PostgreSQL the
    condition is re-checked on the row a concurrent transaction committed). Returns how many suggestions
    were dropped for that reason."""
    rows = [c for c in cues if c.text]
    if not rows:
        return 0
    q = connection.ops.quote_name
    columns = ", ".join(
        f"{q(name)} = %s" for name in ("text", "origin", "engine", "score", "state", "updated_at")
    )
    where = " AND ".join(
        (f"{q('id')} = %s", f"{q('text')} = ''", f"{q('state')} = %s", f"{q('updated_at')} = %s")
    )
    sql = "UPDATE " + q(TargetCue._meta.db_table) + " SET " + columns + " WHERE " + where  # noqa: S608
    adapt = connection.ops.adapt_datetimefield_value
    now = adapt(timezone.now())
    params = [
        (c.text, c.origin, c.engine, c.score, c.state, now, c.pk, CueState.UNTRANSLATED, adapt(c.updated_at))
        for c in rows
    ]
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(params), 500):
            cursor.executemany(sql, params[start : start + 500])
            written += max(cursor.rowcount, 0)
    return len(rows) - written
