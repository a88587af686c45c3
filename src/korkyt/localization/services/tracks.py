"""Writes on source subtitle tracks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.catalogue import services as catalogue_services
from korkyt.catalogue.models import Film, Track, TrackKind, TrackStatus
from korkyt.core.actors import Actor, saved_user
from korkyt.core.languages import CONTENT_LANGUAGES, language_of
from korkyt.core.uploads import max_upload_bytes, too_large_message
from korkyt.core.validation import (
    Errors,
    add_error,
    clean_tag,
    clean_web_address,
    raise_errors,
    require_perm,
)
from korkyt.localization.file_errors import subtitle_reason
from korkyt.localization.models import (
    CUE_TEXT_MAX,
    SPEAKER_MAX,
    JobStatus,
    SourceCue,
    SubtitleTrack,
    TrackState,
    TranslationJob,
)
from korkyt.localization.services._common import without_controls
from korkyt.subtitles import PROFILES, check, loads
from korkyt.subtitles.errors import MissingFpsError, SubtitleError, UnknownFormatError

# The frame rates a file counting frames (MicroDVD) may be read at, as the upload form offers them.
FRAME_RATES = ("23.976", "24", "25", "29.97", "30", "48", "50", "59.94", "60")

# Source tracks -----------------------------------------------------------------------------------


@transaction.atomic
def track_upload(
    *,
    actor: Actor,
    film: Film,
    language: str,
    data: bytes,
    file_name: str = "",
    video_url: str = "",
    profile: str | None = None,
    fps: str = "",
) -> SubtitleTrack:
    """Read a subtitle file (any format korkyt.subtitles reads), check it and store its cues as rows, as
    the next version of the film's track in that language.

    A clean file becomes the current version (the one before it is kept, superseded) and makes the film's
    catalogue track of that language available. A file whose check found errors is held: the current
    version, if any, stays current, and the public sees nothing new until the errors are fixed by another
    upload or accepted knowingly (:func:`track_make_current`).

    ``fps`` (one of :data:`FRAME_RATES`, as text) is the frame rate a file counting frames is read at when
    it does not state its own (MicroDVD); other formats carry their times. The track keeps the rate the
    file was read at (the one given, MicroDVD's declared one, DCP SMPTE's) and each cue its speaker (a
    WebVTT voice, the ASS/SSA Name field; a longer name is cut at ``SPEAKER_MAX``), for the exports."""
    require_perm(actor, "localization.upload_track", film)
    errors: Errors = {}
    tag = clean_tag(language, "language", errors) or ""
    if not data:
        add_error(errors, "file", _("The file is empty."))
    elif len(data) > max_upload_bytes():
        add_error(errors, "file", too_large_message())
    if profile and profile not in PROFILES:
        add_error(errors, "profile", _("Unknown QA profile."))
    video_url = _video_url(video_url, errors)
    fps = (fps or "").strip()
    if fps and fps not in FRAME_RATES:
        rates = ", ".join(FRAME_RATES)
        add_error(errors, "fps", _("Choose one of these frame rates: %(rates)s.") % {"rates": rates})
    raise_errors(errors)
    try:
        doc = loads(data, max_bytes=max_upload_bytes(), fps=float(fps) if fps else None)
    except UnknownFormatError as exc:  # the page names what it may upload
        message = _(
            "The format of this file could not be recognised. Upload SRT, WebVTT, ASS/SSA, TTML, "
            "DCP (Interop or SMPTE), MicroDVD or MPL2."
        )
        raise ValidationError({"file": [message]}) from exc
    except MissingFpsError as exc:
        message = _(
            "This file counts frames and does not say at what rate: choose the frame rate of the video it "
            "was made for."
        )
        raise ValidationError({"fps": [message]}) from exc
    except SubtitleError as exc:
        message = _("The file cannot be read: %(reason)s") % {"reason": subtitle_reason(exc)}
        raise ValidationError({"file": [message]}) from exc
    if not doc.cues:
        raise ValidationError({"file": [_("The file has no subtitles.")]})
    for c in doc.cues:  # a file's stray control characters are dropped (a typed one is refused: cue_save)
        c.text = without_controls(c.text)
        c.speaker = " ".join(without_controls(c.speaker or "").split())[:SPEAKER_MAX]  # a name: one line
    too_long = [i + 1 for i, c in enumerate(doc.cues) if len(c.text) > CUE_TEXT_MAX]
    if too_long:  # refused, never cut: a cut cue would be translated and delivered incomplete
        numbers = ", ".join(str(n) for n in too_long[:10]) + (" …" if len(too_long) > 10 else "")
        raise ValidationError(
            {
                "file": [
                    _("A cue holds at most 2,000 characters; these cues are longer: %(numbers)s.")
                    % {"numbers": numbers}
                ]
            }
        )
    lang = language_of(tag)
    profile_name = profile or (lang if lang in PROFILES else "netflix-adult")
    info = CONTENT_LANGUAGES.get(tag)
    report = check(doc, profile=profile_name, lang=lang, script=info.script if info else None)
    versions = SubtitleTrack.objects.select_for_update().filter(film=film, language=tag)
    latest = versions.order_by("-version").first()
    current = versions.filter(state=TrackState.CURRENT).first()
    track = SubtitleTrack.objects.create(
        state=TrackState.HELD,
        version=(latest.version + 1) if latest is not None else 1,
        replaces=current or latest,
        film=film,
        language=tag,
        file_name=file_name[:255],
        format=doc.format,
        encoding=doc.encoding,
        fps=doc.fps,
        findings=[f.to_dict() for f in report.findings[:2000]],
        summary=dict(report.summary),
        video_url=video_url,
        uploaded_by=saved_user(actor),
    )
    SourceCue.objects.bulk_create(
        [
            SourceCue(
                track=track,
                position=i,
                start_ms=c.start_ms,
                end_ms=max(c.end_ms, c.start_ms),
                text=c.text,
                speaker=c.speaker or "",
            )
            for i, c in enumerate(doc.cues)
        ],
        batch_size=1000,
    )
    if report.has_errors:
        track.catalogue_track = _catalogue_track(actor, film, tag, TrackStatus.IN_PROGRESS)
        track.save(update_fields=["catalogue_track"])
        return track
    return _make_current(actor, track)


def _make_current(actor: Actor, track: SubtitleTrack) -> SubtitleTrack:
    """The one current version; the current one before it, and held versions older than it, are
    superseded, each saved on its own so that its history records it (a few rows: one current, a held
    version or two)."""
    versions = SubtitleTrack.objects.filter(film=track.film, language=track.language).exclude(pk=track.pk)
    replaced = Q(state=TrackState.CURRENT) | Q(state=TrackState.HELD, version__lt=track.version)
    for old in versions.filter(replaced).select_for_update().order_by("version"):
        old.state = TrackState.SUPERSEDED
        old.save(update_fields=["state", "updated_at"])  # the core audit records the state before → after
    track.state = TrackState.CURRENT
    track.withdrawn_at, track.withdrawn_reason = None, ""
    track.catalogue_track = _catalogue_track(actor, track.film, track.language, TrackStatus.AVAILABLE)
    track.save(update_fields=["state", "withdrawn_at", "withdrawn_reason", "catalogue_track", "updated_at"])
    return track


@transaction.atomic
def track_make_current(*, actor: Actor, track: SubtitleTrack, accept_errors: bool = False) -> SubtitleTrack:
    """Make this version the one the catalogue uses (the current one is kept, superseded): a held version
    whose errors someone accepts knowingly (``accept_errors``, recorded with their name), or an older or
    withdrawn version brought back."""
    require_perm(actor, "localization.upload_track", track.film)
    SubtitleTrack.objects.select_for_update().filter(pk=track.pk).exists()  # lock the row, then read it
    track.refresh_from_db()
    if track.state == TrackState.CURRENT:
        return track
    if track.error_count and not accept_errors:
        raise ValidationError(
            {
                "accept_errors": [
                    _(
                        "This version has errors: fix them and upload the file again, or confirm that "
                        "you accept them."
                    )
                ]
            }
        )
    if track.error_count:
        track.accepted_by, track.accepted_at = saved_user(actor), timezone.now()
        track.save(update_fields=["accepted_by", "accepted_at"])
    return _make_current(actor, track)


@transaction.atomic
def track_withdraw(*, actor: Actor, track: SubtitleTrack, reason: str = "") -> SubtitleTrack:
    """Withdraw a version: it stays in the history but no longer serves the catalogue. When it was the
    current one, the film's catalogue track in that language is no longer available (unless a reviewed
    translation delivered that language), and no other version takes its place silently."""
    require_perm(actor, "localization.upload_track", track.film)
    SubtitleTrack.objects.select_for_update().filter(pk=track.pk).exists()  # lock the row, then read it
    track.refresh_from_db()
    if len(reason) > 300:
        raise ValidationError({"reason": [_("Give the reason in at most 300 characters.")]})
    if track.state == TrackState.WITHDRAWN:
        return track
    track.state, track.withdrawn_at, track.withdrawn_reason = TrackState.WITHDRAWN, timezone.now(), reason
    track.save(update_fields=["state", "withdrawn_at", "withdrawn_reason", "updated_at"])
    versions = SubtitleTrack.objects.filter(film=track.film, language=track.language)
    jobs = TranslationJob.objects.filter(film=track.film, target_language=track.language)
    if versions.filter(state=TrackState.CURRENT).exists() or jobs.filter(status=JobStatus.APPROVED).exists():
        return track  # the catalogue still has a good track in this language
    held = versions.filter(state=TrackState.HELD).exists() or jobs.exists()
    status = TrackStatus.IN_PROGRESS if held else TrackStatus.PLANNED
    for row in Track.objects.filter(film=track.film, kind=TrackKind.SUBTITLES, language=track.language):
        if row.status != status:
            catalogue_services.track_update(actor=actor, track=row, status=status)
    return track


def _video_url(value: str, errors: Errors) -> str:
    """The video an editor plays beside the subtitles: an http or https address its column holds."""
    limit = SubtitleTrack._meta.get_field("video_url").max_length or 0
    return clean_web_address(value, "video_url", errors, max_length=limit)


@transaction.atomic
def track_update(*, actor: Actor, track: SubtitleTrack, video_url: str) -> SubtitleTrack:
    require_perm(actor, "localization.upload_track", track.film)
    errors: Errors = {}
    video_url = _video_url(video_url, errors)
    raise_errors(errors)
    track.video_url = video_url
    track.save(update_fields=["video_url", "updated_at"])
    return track


def _catalogue_track(
    actor: Actor, film: Film, language: str, status: str, kind: str = TrackKind.SUBTITLES
) -> Track:
    """The film's track of ``kind`` (subtitles, dub) in ``language`` with ``status`` (created or raised,
    never lowered)."""
    track = Track.objects.filter(film=film, kind=kind, language=language).first()
    if track is None:
        return catalogue_services.track_create(
            actor=actor, film=film, kind=kind, language=language, status=status
        )
    if track.status != TrackStatus.AVAILABLE and track.status != status:
        track = catalogue_services.track_update(actor=actor, track=track, status=status)
    return track
