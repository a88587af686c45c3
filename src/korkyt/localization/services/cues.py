"""Editing, reviewing and approving cues and jobs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.catalogue import services as catalogue_services
from korkyt.catalogue.models import Track, TrackKind, TrackStatus
from korkyt.core.actors import Actor, saved_user
from korkyt.core.concurrency import StaleError, check_version, version_of
from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import require_perm
from korkyt.core.workflow import transition_apply
from korkyt.localization.models import (
    COMMENT_MAX,
    CUE_TEXT_MAX,
    CueOrigin,
    CueState,
    JobKind,
    JobStatus,
    MemoryUnit,
    TargetCue,
    TranslationJob,
)
from korkyt.localization.services._common import CONTROL_RE, cue_text
from korkyt.localization.workflows import cue_submittable
from korkyt.mt.memory import normalise


def _editable(job: TranslationJob) -> None:
    if job.status == JobStatus.APPROVED:
        raise ValidationError({"job": [_("This job is approved; its cues no longer change.")]})


def _lock_job(job: TranslationJob) -> TranslationJob:
    """Lock the job's row and re-read its status under the lock (``job_approve`` takes the same lock): a
    save committing just after the job's approval finds it approved."""
    job.status = TranslationJob.objects.select_for_update().values_list("status", flat=True).get(pk=job.pk)
    return job


#: What saves and reviews change on a cue: read again under the cue's lock.
_CHANGING = (
    "text",
    "state",
    "origin",
    "score",
    "engine",
    "comment",
    "comment_outdated",
    "updated_by",
    "updated_at",
)


def cue_current(cue: TargetCue) -> dict[str, str]:
    """A cue as a writer sees it, with its version (core.concurrency): what a stale writer is shown."""
    return {"text": cue.text, "state": cue.state, "version": version_of(cue)}


def _lock_cue(cue: TargetCue, version: str | None) -> None:
    """Lock the cue's row and read it as it is now into ``cue``; :class:`StaleError` (carrying the cue as it
    is now) when ``version`` is given and someone changed the cue since it was read."""
    cue.refresh_from_db(fields=_CHANGING, from_queryset=TargetCue.objects.select_for_update())
    try:
        check_version(cue, version)
    except StaleError:
        raise StaleError(current=cue_current(cue)) from None


@transaction.atomic
def cue_save(
    *, actor: Actor, cue: TargetCue, text: str | None, submit: bool = False, version: str | None = None
) -> TargetCue:
    """The translator's (or reviewer's) text for a cue: a draft, or submitted for review. ``text=None``
    keeps the cue's text as it is when the row is locked (submitting without rewriting what another
    person saved a moment before).

    ``version`` is the cue's version the writer read (``version_of``); the save is refused with
    :class:`StaleError` once someone else changed the cue since (nothing is checked without it). The cue
    returned carries its new version: the writer's next save sends that one."""
    job = _lock_job(cue.job)
    require_perm(actor, "localization.translate_job", job)
    if submit:
        require_perm(actor, "localization.submit_job", job)
    _editable(job)
    _lock_cue(cue, version)
    if text is None:
        text = cue.text
    text = cue_text(text).strip()
    if len(text) > CUE_TEXT_MAX:
        raise ValidationError({"text": [_("A cue holds at most 2,000 characters.")]})
    control = CONTROL_RE.search(text)
    if control is not None:  # invisible, and no subtitle format can carry it
        message = _("The text holds an invisible control character (U+%(code)04X): remove it.")
        raise ValidationError({"text": [message % {"code": ord(control.group())}]})
    if submit and not text:  # nothing to review: say so rather than leave the cue as it was
        raise ValidationError({"text": [_("Type a translation first.")]})
    changed = text != cue.text
    # the cue's workflow (localization.workflows): a changed text is a draft, which may be submitted; a
    # cue already waiting stays so (a second click); an approved one unchanged has nothing to submit
    starts_from = CueState.DRAFT if changed else cue.state
    if submit and starts_from != CueState.WAITING_REVIEW and not cue_submittable(starts_from):
        raise ValidationError({"text": [_("This cue is approved: change its text to submit it again.")]})
    if changed:
        cue.text = text
        cue.origin = CueOrigin.HUMAN if text else CueOrigin.NONE
        cue.score = None
        cue.engine = ""
        # the reviewer's comment was about the text it replaces: kept (the translator works from it) but
        # shown as a comment on an earlier text, until the cue is returned again or approved
        cue.comment_outdated = bool(cue.comment)
    if not text:
        cue.state = CueState.UNTRANSLATED
    elif submit:
        cue.state = CueState.WAITING_REVIEW
    elif changed or cue.state == CueState.UNTRANSLATED:
        cue.state = CueState.DRAFT
    cue.updated_by = saved_user(actor)
    cue.save()  # a memory unit made from an earlier approval stays: it was approved as it was then
    return cue


@transaction.atomic
def cue_review(
    *, actor: Actor, cue: TargetCue, approve: bool, comment: str = "", version: str | None = None
) -> TargetCue:
    """The reviewer approves a cue (it feeds translation memory) or returns it with a comment.

    ``version``, as for :func:`cue_save`: the reviewer approves the text they saw, never one rewritten
    after their page was loaded (:class:`StaleError`)."""
    job = _lock_job(cue.job)
    require_perm(actor, "localization.review_job", job)
    _editable(job)
    _lock_cue(cue, version)
    if len(comment) > COMMENT_MAX:  # kept whole or refused, never cut
        raise ValidationError({"comment": [_("A comment holds at most 1,000 characters.")]})
    if approve:
        if not cue.text.strip() and cue.source.text.strip():
            raise ValidationError({"text": [_("An empty cue cannot be approved.")]})
        cue.state = CueState.APPROVED
        cue.comment = comment  # the return's comment is settled: only a note on this approval stays
    else:
        if not comment.strip():
            raise ValidationError({"comment": [_("Say what needs editing.")]})
        cue.state = CueState.NEEDS_EDITING
        cue.comment = comment
    cue.comment_outdated = False  # written on the text the reviewer saw
    cue.updated_by = saved_user(actor)
    cue.save()
    if approve:
        _feed_memory(job, [cue], actor)
    return cue


class WaitingApproval(NamedTuple):
    approved: int
    #: cues waiting for review that were not approved: changed since the page showed them (or not shown)
    skipped: int


@transaction.atomic
def job_approve_waiting(
    *, actor: Actor, job: TranslationJob, shown: Mapping[int, str] | None = None
) -> WaitingApproval:
    """Approve every cue waiting for review (an empty cue with a source text stays waiting).

    ``shown`` (cue id → the version the reviewer's page showed): only the cues still at that version are
    approved, the others are skipped and counted, never approved unseen; without it every waiting cue is.
    The cues are locked while approved (a save landing meanwhile waits, then finds them changed)."""
    _lock_job(job)
    require_perm(actor, "localization.review_job", job)
    _editable(job)
    waiting = job.cues.select_for_update(of=("self",)).select_related("source")
    cues, skipped = [], 0
    for cue in waiting.filter(state=CueState.WAITING_REVIEW):
        if not cue.text.strip() and cue.source.text.strip():
            continue
        if shown is not None and not _shown_as_is(cue, shown.get(cue.pk)):
            skipped += 1
            continue
        cues.append(cue)
    now, user = timezone.now(), saved_user(actor)
    for cue in cues:
        cue.state, cue.updated_by, cue.updated_at = CueState.APPROVED, user, now  # a new version
    TargetCue.objects.bulk_update(cues, ["state", "updated_by", "updated_at"], batch_size=500)
    # a return's comment is settled by the approval (the cues that have one, 500 at a time)
    commented = [c.pk for c in cues if c.comment or c.comment_outdated]
    for start in range(0, len(commented), 500):
        batch = TargetCue.objects.filter(pk__in=commented[start : start + 500])
        batch.update(comment="", comment_outdated=False)
    _feed_memory(job, cues, actor)
    return WaitingApproval(len(cues), skipped)


def _shown_as_is(cue: TargetCue, version: str | None) -> bool:
    if not version:
        return False
    try:
        check_version(cue, version)
    except StaleError:
        return False
    return True


def _feed_memory(job: TranslationJob, cues: Sequence[TargetCue], actor: Actor) -> None:
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
                    source_key=normalise(cue.source.text),
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
def job_approve(*, actor: Actor, job: TranslationJob) -> TranslationJob:
    """The reviewer approves the job (its workflow's ``approve``: every cue with a source text must be
    approved). The film's track in the target language becomes available in the catalogue. A dubbing
    adaptation is approved with its dubbing job (korkyt.localization.dubbing)."""
    if job.kind == JobKind.ADAPTATION:
        raise ValidationError({"job": [_("A dubbing adaptation is approved with its dubbing job.")]})
    transition_apply(actor=actor, obj=job, name="approve", values={"approved_at": timezone.now()})
    track = (
        job.catalogue_track
        or Track.objects.filter(film=job.film, kind=TrackKind.SUBTITLES, language=job.target_language).first()
    )
    if track is not None and track.status != TrackStatus.AVAILABLE:
        # The reviewer delivers on behalf of the institution that ordered the job.
        catalogue_services.track_update(actor=SYSTEM, track=track, status=TrackStatus.AVAILABLE)
    elif track is None:
        track = catalogue_services.track_create(
            actor=SYSTEM,
            film=job.film,
            kind=TrackKind.SUBTITLES,
            language=job.target_language,
            status=TrackStatus.AVAILABLE,
        )
        job.catalogue_track = track
        job.save(update_fields=["catalogue_track"])
    return job
