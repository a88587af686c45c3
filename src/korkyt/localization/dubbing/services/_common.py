"""What the dubbing services share: the job still open to changes, the languages the voice speaks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from korkyt.core.languages import language_of
from korkyt.dubbing import DubbingError, EspeakEngine, SpeechEngine, get_language
from korkyt.localization.dubbing.models import DubbingJob, DubbingStatus

NAME_MAX = 100


def _open(job: DubbingJob) -> None:
    if job.status == DubbingStatus.APPROVED:
        raise ValidationError({"job": [_("This dubbing job is approved; it no longer changes.")]})


def _speaks(tag: str) -> bool:
    try:
        get_language(language_of(tag))
    except DubbingError:
        return False
    return True


def voice_engine() -> SpeechEngine:
    """The speech engine the temp tracks are spoken with."""
    return EspeakEngine()


def voice_scripts(tag: str) -> tuple[str, ...]:
    """The scripts ("Latn", "Cyrl") the voice engine reads for the language of ``tag``, its own first;
    none when it does not speak the language."""
    try:
        return voice_engine().scripts(get_language(language_of(tag)))
    except DubbingError:
        return ()
