"""How the workbench pages name a film and a language tag."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from korkyt.catalogue.selectors import film_original_title
from korkyt.core.labels import language_label
from korkyt.core.translations import Text


def _film_label(film: Any) -> Text:
    """The film's original title with the language it is written in (``{{ film }}`` shows the text,
    ``lang="{{ film.lang }}"`` marks it); ``#id`` in no language when the film has no title."""
    return film_original_title(film) or Text(f"#{film.pk}", "")


def job_title(job: Any, language: str) -> Text:
    """A translation or dubbing job's pages (its history) call it by its film's title…"""
    return _film_label(job.film)


def subtitle_track_title(track: Any, language: str) -> Text:
    """An uploaded subtitle track by its language and file: "Kazakh (Cyrillic) · film.kk.srt" (in the reader's
    language; its film is named by the page it is shown on)."""
    return Text(f"{language_label(track.language)} · {track.file_name}", "")


def mt_note_shown(note: str) -> str:
    """A job's machine-translation note, stored as its English message, in the reader's language."""
    return gettext(note) if note and note != "None" else ""


def translation_qualifier(job: Any) -> str:
    """…and what the job makes of it: "Kazakh (Cyrillic) → Turkish"."""
    return f"{language_label(job.source_language)} → {language_label(job.target_language)}"


def dubbing_qualifier(job: Any) -> str:
    """ "dubbing → Turkish"."""
    return f"{gettext('dubbing')} → {language_label(job.target_language)}"
