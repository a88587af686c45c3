"""Errors raised by machine-translation engines, the router and the engine registry.

Every error is an :class:`MTError`, so a caller that only wants "the MT step failed" catches one class;
the subclasses say what a caller can do about it (retry later, pick another engine, fix the config).
"""

from __future__ import annotations


class MTError(Exception):
    """Base class of every machine-translation error."""


class UnsupportedPair(MTError):
    """The engine (or every configured engine, for the router) cannot translate this language pair."""

    def __init__(self, source: str, target: str, detail: str = "") -> None:
        self.source = source
        self.target = target
        message = f"no engine translates {source} → {target}"
        super().__init__(f"{message}: {detail}" if detail else message)


class RateLimited(MTError):
    """The engine refused the request for now (HTTP 429); ``retry_after`` is in seconds when known."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class EngineUnavailable(MTError):
    """The engine could not be reached or failed on its side (timeout, connection refused, HTTP 5xx)."""


class BadResponse(MTError):
    """The engine answered, but not with something usable (not JSON, wrong shape, wrong count)."""


class NoEngineConfigured(MTError):
    """No machine-translation engine is configured, so there is nothing to route to."""

    def __init__(self) -> None:
        super().__init__("no machine-translation engine is configured")


class MissingExtra(MTError):
    """An engine needs optional Python packages that are not installed."""


class ConfigError(MTError, ValueError):
    """An engine configuration entry is invalid; the message names the entry and the field."""
