"""Errors raised by korkyt.judging."""

from __future__ import annotations


class JudgingError(ValueError):
    """Input the algorithms cannot work with (a duplicate id, a negative count, a missing criterion), with a
    message naming the problem."""
