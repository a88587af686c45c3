"""Outputs of a dubbing job made in the background (script, isochrony report, temp track, MKV) and the
film's video uploaded to the job."""

from __future__ import annotations

import logging
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from korkyt.core.actors import Actor, saved_user
from korkyt.core.jobs import services as jobs
from korkyt.core.labels import language_label
from korkyt.core.languages import language_of, request_language
from korkyt.core.validation import require_perm
from korkyt.dubbing import DubbingError, ToolMissingError, get_language
from korkyt.dubbing.errors import ToolFailedError
from korkyt.dubbing.isochrony import ReportWords
from korkyt.dubbing.timecode import frame_rate, frames_to_timecode, timecode_to_frames
from korkyt.dubbing.writers import ScriptWords
from korkyt.localization.dubbing import selectors
from korkyt.localization.dubbing.errors import dubbing_reason
from korkyt.localization.dubbing.models import (
    DEFAULT_TIMECODE_RATE,
    OUTPUT_FORMATS,
    TIMECODE_RATES,
    DubbingJob,
    DubbingOutput,
    OutputKind,
)
from korkyt.localization.dubbing.services._common import _open, _speaks, voice_engine

OUTPUT_KIND = "localization.dubbing_output"

logger = logging.getLogger(__name__)


def _check_output(kind: object, fmt: object) -> tuple[str, str]:
    if kind not in OUTPUT_FORMATS:
        raise ValidationError(
            {"kind": [_("Unknown output; use one of: %(k)s.") % {"k": ", ".join(OUTPUT_FORMATS)}]}
        )
    formats = OUTPUT_FORMATS[str(kind)]
    if fmt not in formats:
        raise ValidationError(
            {"format": [_("Unknown format; use one of: %(f)s.") % {"f": ", ".join(formats)}]}
        )
    return str(kind), str(fmt)


def default_timecode_rate(job: DubbingJob) -> str:
    """The frame rate a script of ``job`` is timed at unless asked otherwise: its video's, else cinema's."""
    return job.video_fps or DEFAULT_TIMECODE_RATE


def _video_rate(info: dict[str, object]) -> str:
    """The timecode rate of the first moving picture ffprobe found, as one of TIMECODE_RATES, or ""."""
    streams = info.get("streams")
    for st in streams if isinstance(streams, list) else []:
        if not isinstance(st, dict) or st.get("codec_type") != "video":
            continue
        if (st.get("disposition") or {}).get("attached_pic"):
            continue
        for key in ("avg_frame_rate", "r_frame_rate"):
            num, _sep, den = str(st.get(key) or "").partition("/")
            try:
                value = float(num) / float(den or 1)
            except (ValueError, ZeroDivisionError):
                continue
            # a 50, 59.94 or 60 fps video counts its timecode at half its rate (25, 29.97 DF, 30)
            for timecode_rate in (value, value / 2):
                try:
                    return str(frame_rate(timecode_rate)).removesuffix(" DF")
                except DubbingError:
                    continue
        return ""
    return ""


def _script_timecode(job: DubbingJob, fps: object, start_timecode: object) -> tuple[str, str]:
    """(frame rate, first timecode) of a script, checked: the rate one of TIMECODE_RATES (blank: the job's
    default), the first timecode ``HH:MM:SS:FF`` at that rate (blank: none)."""
    rate = str(fps or "").strip() or default_timecode_rate(job)
    start = str(start_timecode or "").strip()
    errors: dict[str, list[str]] = {}
    if rate not in TIMECODE_RATES:
        rates = ", ".join(TIMECODE_RATES)
        errors["fps"] = [_("Choose one of these frame rates: %(rates)s.") % {"rates": rates}]
    elif start:
        typed = start
        try:  # written back in its usual form (two digits each); a day has 24 hours of timecode
            start = frames_to_timecode(timecode_to_frames(start, frame_rate(rate)), frame_rate(rate))
            if len(start) != len("00:00:00:00") or int(start[:2]) > 23:
                raise DubbingError(start)
        except DubbingError:
            start = ""
            nominal = frame_rate(rate).nominal
            errors["start_timecode"] = [
                _(
                    "Write the first timecode as hours:minutes:seconds:frames, e.g. 01:00:00:00; at "
                    "%(rate)s fps the frames go from 00 to %(last)02d."
                )
                % {"rate": rate, "last": nominal - 1}
            ]
        else:
            parts = [int(p) for p in re.split("[:;]", typed)]
            if [int(p) for p in re.split("[:;]", start)] != parts:  # a drop-frame label that is skipped
                errors["start_timecode"] = [
                    _(
                        "At 29.97 fps drop-frame the frames 00 and 01 of each minute, except every tenth, "
                        "have no timecode: start at %(next)s."
                    )
                    % {"next": "{:02d}:{:02d}:{:02d};02".format(*parts[:3])}
                ]
    if errors:
        raise ValidationError(errors)
    return rate, start


@transaction.atomic
def output_request(
    *,
    actor: Actor,
    job: DubbingJob,
    kind: str,
    fmt: str,
    enqueue: bool = True,
    fps: str = "",
    start_timecode: str = "",
) -> DubbingOutput:
    """Queue an output of ``job`` (anyone who sees the job may ask for one, as for deliveries). A script is
    timed at ``fps`` from ``start_timecode`` (see :func:`_script_timecode`); the other kinds have no
    timecode and leave both aside."""
    require_perm(actor, "localization.view_dubbing", job)
    kind, fmt = _check_output(kind, fmt)
    if kind == OutputKind.MKV and not film_video(job):
        raise ValidationError({"kind": [_("This film has no video file to put the temp track beside.")]})
    rate, start = _script_timecode(job, fps, start_timecode) if kind == OutputKind.SCRIPT else ("", "")
    output = DubbingOutput.objects.create(
        job=job, kind=kind, format=fmt, fps=rate, start_timecode=start, requested_by=saved_user(actor)
    )
    total = job.lines.count() if kind in (OutputKind.TEMP_TRACK, OutputKind.MKV) else 2
    jobs.job_start_for(
        output,
        kind=OUTPUT_KIND,
        total=total,
        task="localization.render_dubbing_output",
        send=enqueue,
        output_id=output.pk,
    )
    return output


#: Containers a film's video may be uploaded in (ffmpeg reads them; the MKV/MP4 output copies their streams).
VIDEO_EXTENSIONS = (".mkv", ".mp4", ".mov", ".webm")
#: The largest video accepted (bytes); a feature film at delivery quality fits.
VIDEO_MAX_BYTES = 8 * 1024**3


@transaction.atomic
def video_attach(*, actor: Actor, job: DubbingJob, upload: Any) -> DubbingJob:
    """Keep ``upload`` (a Django ``UploadedFile``) as the film's video for this job, after ffprobe has read a
    video stream from it; it replaces an earlier one. Refused with a clear message otherwise."""
    from korkyt.dubbing.audio import probe

    require_perm(actor, "localization.cast_dubbing", job)
    _open(job)
    name = Path(str(getattr(upload, "name", "") or "")).name
    suffix = Path(name).suffix.lower()
    if suffix not in VIDEO_EXTENSIONS:
        raise ValidationError(
            {"video": [_("Upload the video as %(kinds)s.") % {"kinds": ", ".join(VIDEO_EXTENSIONS)}]}
        )
    if not getattr(upload, "size", 0) or upload.size > VIDEO_MAX_BYTES:
        raise ValidationError(
            {
                "video": [
                    _("The video must not be empty nor larger than %(gb)s GB.")
                    % {"gb": VIDEO_MAX_BYTES // 1024**3}
                ]
            }
        )
    with tempfile.TemporaryDirectory(prefix="korkyt-video-", dir=_work_dir(job.video.storage)) as tmp:
        local = Path(tmp, f"upload{suffix}")
        with local.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            info = probe(local)
        except ToolMissingError as exc:
            raise ValidationError({"video": [dubbing_reason(exc)]}) from exc
        except DubbingError as exc:
            raise ValidationError({"video": [_("ffmpeg cannot read this file as a video.")]}) from exc
        problem = _not_a_film(info)
        if problem:
            raise ValidationError({"video": [problem]})
        job.video_fps = _video_rate(info)
        old = job.video.name if job.video else ""
        with local.open("rb") as handle:
            job.video.save(
                re.sub(r"[^\w.\-]+", "_", name)[-120:] or f"video{suffix}", File(handle), save=False
            )
    job.save(update_fields=["video", "video_fps", "updated_at"])
    if old and old != job.video.name:
        job.video.storage.delete(old)
    return job


#: ffprobe's names of the containers in VIDEO_EXTENSIONS (it names a format by all it may be, "mov,mp4,m4a").
VIDEO_CONTAINERS = frozenset({"matroska", "webm", "mov", "mp4"})


def _not_a_film(info: dict[str, object]) -> str:
    """Why ffprobe's description of a file is not a film the temp track can be muxed into, or "". A still
    image (a PNG renamed ``.mp4``) has a "video" stream too: the container and a moving picture count."""
    fmt = info.get("format")
    names = str(fmt.get("format_name", "")) if isinstance(fmt, dict) else ""
    streams = info.get("streams")
    pictures = [
        st
        for st in (streams if isinstance(streams, list) else [])
        if isinstance(st, dict) and st.get("codec_type") == "video"
    ]
    if names.endswith("_pipe") or names == "image2":
        return _("This file is a still image, not a video.")
    if not VIDEO_CONTAINERS & set(names.split(",")):
        return _("This file is not an MKV, MP4, MOV or WebM video.")
    moving = [st for st in pictures if not (st.get("disposition") or {}).get("attached_pic")]
    if not moving:
        return _("This file has no video stream.")
    return ""


def film_video(job: DubbingJob) -> str:
    """A local video file of the film: the one uploaded to the job, else a file path or file:// address on
    the source track; or ""."""
    if job.video:
        try:
            path = job.video.path
        except NotImplementedError:  # a remote storage: ffmpeg reads local files only
            path = ""
        if path and Path(path).is_file():
            return path
    url = job.adaptation.source.video_url or ""
    path = url.removeprefix("file://") if url.startswith("file://") else ""
    return path if path and Path(path).is_file() else ""


def _work_dir(storage: Storage) -> str | None:
    """Where a video is checked or an output rendered: beside the media files when they are on this machine,
    so the finished file is linked into place rather than copied (a 90-minute WAV is a quarter of a
    gigabyte; see ``KeptFile.keep_local``)."""
    if not isinstance(storage, FileSystemStorage):
        return None
    work = Path(storage.location, "dubbing", ".work")
    work.mkdir(parents=True, exist_ok=True)
    return str(work)


def _script_counts(lines: int, loops: int, characters: int) -> str:
    parts = (
        ngettext("%(count)s line", "%(count)s lines", lines) % {"count": lines},
        ngettext("%(count)s loop", "%(count)s loops", loops) % {"count": loops},
        ngettext("%(count)s character", "%(count)s characters", characters) % {"count": characters},
    )
    return _("%(lines)s, %(loops)s, %(characters)s.") % dict(
        zip(("lines", "loops", "characters"), parts, strict=True)
    )


def script_words(tag: str) -> ScriptWords:
    """The words of the script's PDF and DOCX in the active language (the worker activates the language of
    the page the script was ordered from), with that language as its HTML's ``lang``."""
    return ScriptWords(
        lang=request_language(),
        title=_("Dubbing script"),
        fps=_("fps"),
        characters=_("Characters"),
        script=_("Script"),
        character=_("Character"),
        lines=_("Lines"),
        words=_("Words"),
        loops=_("Loops"),
        seconds=_("Seconds"),
        loop=_("Loop"),
        tc_in=pgettext("timecode", "In"),
        tc_out=pgettext("timecode", "Out"),
        line=_("Line"),
        original=_("Original"),
        notes=_("Notes"),
        language=str(language_label(tag)),
        counts=_script_counts,
    )


def report_words(tag: str) -> ReportWords:
    """The words of the isochrony report (HTML) in the active language (the worker activates the language of
    the page the report was ordered from, as for the script), with that language as its ``<html lang>``."""
    return ReportWords(
        lang=request_language(),
        title=_("Isochrony report"),
        language=str(language_label(tag)),
        line=_("Line"),
        cue=_("Cue"),
        character=_("Character"),
        text=_("Text"),
        slot=_("Slot (s)"),
        estimate=_("Estimate (s)"),
        ratio=_("Ratio"),
        status=_("Status"),
        statuses={
            "fits": _("fits"),
            "tight": _("tight"),
            "too long": _("too long"),
            "too short": _("too short"),
            "no slot": _("no slot"),
        },
    )


def _tool_failure(kind: str) -> str:
    if kind == OutputKind.MKV:
        return _(
            "The film could not be made with the temp track: ffmpeg could not write the film's video "
            "into it. Upload the film's video again as MKV, MP4, MOV or WebM."
        )
    return _("The file could not be made: a sound or video tool failed. The details are in the server's log.")


def output_render(*, output_id: int, progress: Any = None) -> DubbingOutput:
    """Render and keep an output's file (does nothing if it already has one). A missing espeak-ng or
    ffmpeg fails with a message naming the Debian package to install."""
    from korkyt.catalogue.selectors import film_original_title
    from korkyt.dubbing import build_script, check_isochrony, mux_track, synthesize_track, write_script
    from korkyt.dubbing.mux import media_info

    output = DubbingOutput.objects.select_related("job", "job__film", "job__adaptation").get(pk=output_id)
    if output.file:
        return output
    job = output.job
    spoken = output.kind in (OutputKind.TEMP_TRACK, OutputKind.MKV)
    # the temp track reads only what is spoken, as plain values; the script and the report number every cue
    cues = [] if spoken else list(selectors.adaptation_cues(job))
    lines = selectors.spoken_cues(job) if spoken else selectors.script_cues(job, cues)
    lang = language_of(job.target_language)
    base = f"dub-{job.pk}-{lang}"
    try:
        with tempfile.TemporaryDirectory(prefix="korkyt-dub-", dir=_work_dir(output.file.storage)) as tmp:
            if output.kind == OutputKind.SCRIPT:
                path = Path(tmp, f"{base}-script.{output.format}")
                title_text = film_original_title(job.film)
                script = build_script(
                    lines,
                    lang,
                    source=selectors.source_cues(job, cues),
                    source_lang=language_of(job.adaptation.source_language)
                    if _speaks(job.adaptation.source_language)
                    else None,
                    title=title_text.text if title_text else f"#{job.film_id}",
                    fps=output.fps or DEFAULT_TIMECODE_RATE,
                    start_timecode=output.start_timecode or None,
                )
                if progress:
                    progress(1)
                write_script(script, path, script_words(job.target_language))
            elif output.kind == OutputKind.ISOCHRONY:
                path = Path(tmp, f"{base}-isochrony.{output.format}")
                report = check_isochrony(lines, lang)
                path.write_text(
                    report.render(output.format, report_words(job.target_language)), encoding="utf-8"
                )
            else:
                voice = Path(
                    tmp, f"{base}-temp.{output.format if output.kind == OutputKind.TEMP_TRACK else 'flac'}"
                )

                last = [float("-inf")]

                def step(done: int, total: int) -> None:
                    # a row write per spoken line would cost more than the speech on SQLite: the first line,
                    # then at most one a second, and the last
                    now = time.monotonic()
                    if progress and (done == total or now - last[0] >= 1.0):
                        last[0] = now
                        progress(done, total)

                mkv = output.kind == OutputKind.MKV
                video = film_video(job) if mkv else ""
                # beside the film the track lasts as long as the film, not up to its last dubbed line
                length = media_info(video)[0] if mkv else 0
                # the script the job asked for; a job ordered before unreadable scripts were refused is
                # read in the engine's own
                engine = voice_engine()
                reads = job.voice_script if job.voice_script in engine.scripts(get_language(lang)) else None
                synthesize_track(
                    lines,
                    lang,
                    voice,
                    engine=engine,
                    script=reads,
                    duration_ms=length or None,
                    progress=step,
                )
                path = voice
                if mkv:
                    path = Path(tmp, f"{base}-temp.{output.format}")
                    mux_track(video, voice, path, lang)
            output.keep_local(path)
    except ToolFailedError as exc:
        # the tool's own lines are for whoever runs the server; the person who asked gets a sentence (a
        # timeout says which tool took too long)
        logger.warning("dubbing output %s: %s", output.pk, exc)
        raise ValidationError(dubbing_reason(exc) if exc.code else _tool_failure(output.kind)) from exc
    except DubbingError as exc:  # a missing program names its Debian package
        raise ValidationError(dubbing_reason(exc)) from exc
    if progress:
        progress(output.background.total if output.background_id else 2)  # type: ignore[union-attr]
    return output
