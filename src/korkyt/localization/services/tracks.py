"""Writes on source subtitle tracks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.catalogue import services as catalogue_services
from korkyt.catalogue.models import Film, Track, TrackKind, TrackStatus
from korkyt.core.actors import Actor, saved_user
from korkyt.core.languages import CONTENT_LANGUAGES, language_of
from korkyt.core.uploads import max_upload_bytes, too_large_message
from korkyt.core.validation import Errors, add_error, clean_tag, raise_errors, require_perm
from korkyt.localization.models import (
    CUE_TEXT_MAX,
    SourceCue,
    SubtitleTrack,
)
from korkyt.subtitles import PROFILES, check, loads
from korkyt.subtitles.errors import SubtitleError, UnknownFormatError

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
) -> SubtitleTrack:
    """Read a subtitle file (any format korkyt.subtitles reads), check it, store its cues as rows and make
    the film's catalogue track of that language available."""
    require_perm(actor, "localization.upload_track", film)
    errors: Errors = {}
    tag = clean_tag(language, "language", errors) or ""
    if not data:
        add_error(errors, "file", _("The file is empty."))
    elif len(data) > max_upload_bytes():
        add_error(errors, "file", too_large_message())
    if profile and profile not in PROFILES:
        add_error(errors, "profile", _("Unknown QA profile."))
    raise_errors(errors)
    try:
        doc = loads(data, max_bytes=max_upload_bytes())
    except UnknownFormatError as exc:  # its message speaks to Python callers (a format= argument)
        message = _(
            "The format of this file could not be recognised. Upload SRT, WebVTT, ASS/SSA, TTML, "
            "DCP (Interop or SMPTE), MicroDVD or MPL2."
        )
        raise ValidationError({"file": [message]}) from exc
    except SubtitleError as exc:
        raise ValidationError({"file": [_("The file cannot be read: %(reason)s") % {"reason": exc}]}) from exc
    if not doc.cues:
        raise ValidationError({"file": [_("The file has no subtitles.")]})
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
    track = SubtitleTrack.objects.create(
        film=film,
        language=tag,
        file_name=file_name[:255],
        format=doc.format,
        encoding=doc.encoding,
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
            )
            for i, c in enumerate(doc.cues)
        ],
        batch_size=1000,
    )
    track.catalogue_track = _catalogue_track(actor, film, tag, TrackStatus.AVAILABLE)
    track.save(update_fields=["catalogue_track"])
    return track


@transaction.atomic
def track_update(*, actor: Actor, track: SubtitleTrack, video_url: str) -> SubtitleTrack:
    require_perm(actor, "localization.upload_track", track.film)
    from django.core.validators import URLValidator

    if video_url:
        try:
            URLValidator(schemes=["http", "https"])(video_url)
        except ValidationError as exc:
            raise ValidationError({"video_url": [_("Give an http or https address.")]}) from exc
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
