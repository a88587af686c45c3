"""Errors raised by korkyt.scheduling."""

from __future__ import annotations


class SchedulingError(ValueError):
    """Bad input or a failed step, with a message a person can act on."""


class InstanceError(SchedulingError):
    """An instance that cannot be scheduled as written: names the field (``films[3].runtime_min``)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)
