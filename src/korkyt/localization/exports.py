"""Export a job's target (or a source track) in any format korkyt.subtitles writes, DCP XML included."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from korkyt.catalogue.selectors import film_original_title
from korkyt.localization import selectors
from korkyt.localization.file_errors import subtitle_reason
from korkyt.localization.models import SubtitleTrack, TranslationJob
from korkyt.subtitles import FORMATS, Document, dumps
from korkyt.subtitles.errors import SubtitleError

EXTENSION = {
    "srt": "srt",
    "vtt": "vtt",
    "ass": "ass",
    "ssa": "ssa",
    "microdvd": "sub",
    "mpl2": "txt",
    "ttml": "ttml",
    "dcp-interop": "interop.xml",  # the two DCP flavours must not overwrite each other in one folder
    "dcp-smpte": "smpte.xml",
}
CONTENT_TYPE = {
    "vtt": "text/vtt",
    "ttml": "application/ttml+xml",
    "dcp-interop": "application/xml",
    "dcp-smpte": "application/xml",
}


def _title(film_id: int, film: object) -> str:
    title = film_original_title(film)  # type: ignore[arg-type]
    return title.text if title else f"Film {film_id}"


def _render(doc: Document, fmt: str, title: str, language: str) -> str:
    if fmt not in FORMATS:
        raise ValidationError(
            {"format": [_("Unknown format; use one of: %(f)s.") % {"f": ", ".join(FORMATS)}]}
        )
    options: dict[str, object] = {}
    if fmt.startswith("dcp"):
        options = {"title": title, "language": language.split("-")[0]}
        if fmt == "dcp-smpte":  # DCP counts whole frames: a source at 23.976 or 29.97 keeps the default
            rate = doc.fps or 24
            options["fps"] = round(rate) if rate == round(rate) else 24
    elif fmt == "microdvd":
        options = {"fps": doc.fps or 25}
    try:
        return dumps(doc, fmt, **options)
    except SubtitleError as exc:
        raise ValidationError({"format": [subtitle_reason(exc)]}) from exc


def job_export(job: TranslationJob, fmt: str) -> tuple[str, str]:
    """(file name, text) of the job's current target in ``fmt``, at its source track's frame rate (the
    defaults, MicroDVD 25 and DCP 24, when the source had none)."""
    title = _title(job.film_id, job.film)
    doc = selectors.cues_document(selectors.job_cues(job), job.target_language, title, fps=job.source.fps)
    text = _render(doc, fmt, title, job.target_language)
    name = f"{slugify(title, allow_unicode=True) or 'film'}.{job.target_language}.{EXTENSION.get(fmt, 'txt')}"
    return name, text


def track_export(track: SubtitleTrack, fmt: str) -> tuple[str, str]:
    title = _title(track.film_id, track.film)
    doc = selectors.source_document(track)
    doc.title = title
    text = _render(doc, fmt, title, track.language)
    return (
        f"{slugify(title, allow_unicode=True) or 'film'}.{track.language}.{EXTENSION.get(fmt, 'txt')}",
        text,
    )
