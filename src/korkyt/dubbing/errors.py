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


class ToolFailedError(DubbingError):
    """An external program exited with an error or ran out of time; the message carries its last error
    lines (for a log: they mean something to whoever runs the server, not to the person who asked)."""

    def __init__(self, message: str, tool: str) -> None:
        self.tool = tool
        super().__init__(message)
