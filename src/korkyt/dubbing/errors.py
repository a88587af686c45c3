"""Errors raised by korkyt.dubbing."""

from __future__ import annotations


class DubbingError(ValueError):
    """Bad input or a failed step, with a message a person can act on."""


class ToolMissingError(DubbingError):
    """An external program (ffmpeg, espeak-ng, a TTS command) is not installed."""

    def __init__(self, program: str, package: str | None = None) -> None:
        self.program = program
        self.package = package
        hint = f" (Debian package {package}: apt install {package})" if package else ""
        super().__init__(f"{program} is not installed or not on PATH{hint}")
