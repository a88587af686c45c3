"""Errors of the treaties package."""

from __future__ import annotations


class TreatiesError(Exception):
    """Base class of this package's errors."""


class ProjectError(TreatiesError, ValueError):
    """The project input is invalid: ``field`` names where (``partners[1].contribution.currency``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class RuleBookError(TreatiesError):
    """A rule file is invalid (a bug in the package data or in a caller's extra rule file)."""
