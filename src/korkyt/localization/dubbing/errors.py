"""Why a dubbing output (script, isochrony report, temp track, film with the temp track) or a film's video
could not be made, in the reader's language.

``korkyt.dubbing`` gives the errors a person using the workbench can meet a stable code and parameters
(:data:`korkyt.dubbing.errors.CODES`) beside its English message, which the command line keeps; this module
holds one translatable template per code. An error without a code is shown with its English message.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from korkyt.dubbing.errors import CODES, DubbingError

DUBBING_TEMPLATES: dict[str, Promise] = {
    "lines.none": _("the adaptation has no spoken lines (every cue is empty or a sound description)"),
    "lines.bad_timing": _(
        "some cues end before or when they start, or start before 0 (cue number %(cues)s); fix their "
        "timing first"
    ),
    "language.unknown": _("the voice engine does not speak this language (%(language)s)"),
    "tool.missing": _("%(program)s is not installed on the server"),
    "tool.missing_package": _(
        "%(program)s is not installed on the server (Debian package %(package)s: apt install %(package)s)"
    ),
    "tool.not_executable": _("%(program)s cannot be run on the server: it is not executable"),
    "tool.timeout": _("%(program)s did not finish within %(seconds)s s"),
    "engine.not_started": _("the speech engine (%(program)s) did not start"),
    "engine.stopped": _("the speech engine (%(program)s) stopped before it finished a line"),
    "engine.failed": _("the speech engine (%(program)s) could not speak a line"),
    "wav.not_wav": _("the speech engine did not return a WAV file"),
    "wav.no_format": _("the speech engine returned a WAV file with its sound before its format"),
    "wav.unsupported": _(
        "the speech engine returned WAV sound in an unsupported encoding (format %(format)s, %(bits)s bits)"
    ),
    "wav.no_data": _("the speech engine returned a WAV file without sound"),
    "video.missing": _("the film's video file is no longer on the server; upload the video again"),
}
assert set(DUBBING_TEMPLATES) == set(CODES), set(CODES) ^ set(DUBBING_TEMPLATES)


def dubbing_reason(exc: DubbingError) -> str:
    """What ``exc`` says, in the active language when it has a code."""
    template = DUBBING_TEMPLATES.get(exc.code or "")
    if template is None:
        return str(exc)
    return str(template) % exc.params
