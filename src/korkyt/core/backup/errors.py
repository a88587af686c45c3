"""The one error of backups and restores."""

from __future__ import annotations


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why, for the person running it."""
