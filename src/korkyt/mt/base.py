"""The engine interface: segments in, translations out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class SegmentContext:
    """What surrounds a segment: neighbouring lines (source language) and the film's title."""

    previous: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    film_title: str | None = None


@dataclass(frozen=True)
class Segment:
    """One unit to translate (a subtitle cue's text), with optional context for engines that use it."""

    text: str
    context: SegmentContext | None = None


@dataclass(frozen=True)
class Hop:
    """One leg of a route: which engine translated from which language to which."""

    engine: str
    source: str
    target: str


@dataclass(frozen=True)
class Translation:
    """An engine's translation of one segment.

    ``score`` is a quality estimate in [0, 1] when the engine gives one (None otherwise); ``route`` lists
    the hops taken, one for a direct translation and two when the router pivoted through a third language.
    """

    text: str
    engine: str
    score: float | None = None
    route: tuple[Hop, ...] = field(default=())


@runtime_checkable
class Engine(Protocol):
    """A machine-translation engine.

    ``translate`` returns one Translation per segment, in order, or raises an MTError subclass:
    UnsupportedPair, RateLimited, EngineUnavailable or BadResponse.
    """

    name: str

    def supports(self, source: str, target: str) -> bool:
        """Whether the engine translates ``source`` → ``target`` (Korkyt tags)."""
        ...

    def pairs(self) -> set[tuple[str, str]]:
        """Every (source, target) pair the engine translates, as canonical Korkyt tags."""
        ...

    def translate(self, segments: Sequence[Segment], source: str, target: str) -> list[Translation]:
        """Translate a batch of segments from ``source`` to ``target``."""
        ...


def as_segments(items: Sequence[Segment | str]) -> list[Segment]:
    """Accept plain strings where segments are expected."""
    return [item if isinstance(item, Segment) else Segment(str(item)) for item in items]
