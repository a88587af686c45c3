"""Errors raised by korkyt.dubbing.

The English message is the command line's text and stays as it is. The errors a person using an
application (the workbench's dubbing jobs) can meet also carry a stable ``code`` (one of :data:`CODES`)
and ``params``, so that the application can say them in its own language; an error without a code
(``code is None``) has only its message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Every code with the parameters it carries (the contract an application's templates rely on).
CODES: dict[str, tuple[str, ...]] = {
    # the document
    "lines.none": (),
    "lines.bad_timing": ("count", "cues"),
    "language.unknown": ("language", "known"),
    # external programs (``program`` is the program's own name: ffmpeg, ffprobe, espeak-ng, piper)
    "tool.missing": ("program",),
    "tool.missing_package": ("program", "package"),
    "tool.not_executable": ("program",),
    "tool.timeout": ("program", "seconds"),
    # the espeak-ng library's helper process
    "engine.not_started": ("program",),
    "engine.stopped": ("program",),
    "engine.failed": ("program",),
    # the WAV a speech engine or ffmpeg returned
    "wav.not_wav": (),
    "wav.no_format": (),
    "wav.unsupported": ("format", "bits"),
    "wav.no_data": (),
    # the film's video
    "video.missing": ("path",),
}


class DubbingError(ValueError):
    """Bad input or a failed step, with a message a person can act on (and a code when a person using an
    application can meet it)."""

    def __init__(
        self, message: str = "", *, code: str | None = None, params: Mapping[str, Any] | None = None
    ) -> None:
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        assert code is None or set(self.params) == set(CODES[code]), (code, self.params)
        super().__init__(message)


class ToolMissingError(DubbingError):
    """An external program (ffmpeg, espeak-ng, a TTS command) is not installed."""

    def __init__(self, program: str, package: str | None = None) -> None:
        self.program = program
        self.package = package
        hint = f" (Debian package {package}: apt install {package})" if package else ""
        super().__init__(
            f"{program} is not installed or not on PATH{hint}",
            code="tool.missing_package" if package else "tool.missing",
            params={"program": program, "package": package} if package else {"program": program},
        )


class ToolFailedError(DubbingError):
    """An external program exited with an error or ran out of time; the message carries its last error
    lines (for a log: they mean something to whoever runs the server, not to the person who asked). A
    timeout has the code ``tool.timeout``."""

    def __init__(
        self, message: str, tool: str, *, code: str | None = None, params: Mapping[str, Any] | None = None
    ) -> None:
        self.tool = tool
        super().__init__(message, code=code, params=params)
