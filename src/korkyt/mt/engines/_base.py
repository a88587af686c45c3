"""What every adapter shares: pair bookkeeping, empty-segment handling, result checking."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence

from korkyt.mt.base import Hop, Segment, Translation, as_segments
from korkyt.mt.errors import BadResponse, MTError, UnsupportedPair
from korkyt.mt.languages import canonical_tag

PAIRS_CACHE_SECONDS = 600.0
# How long a failed discovery is remembered: the engine is not asked again (and its error is raised again)
# meanwhile, so a job translating chunk after chunk does not wait for a down engine on every chunk.
FAILED_DISCOVERY_SECONDS = 60.0


def normalise_pairs(pairs: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    """Canonical tags for each (source, target) pair; ValueError for a bad tag or a same-language pair."""
    result = set()
    for source, target in pairs:
        key = (canonical_tag(source), canonical_tag(target))
        if key[0] == key[1]:
            raise ValueError(f"pair {source} → {target} translates a language into itself")
        result.add(key)
    return frozenset(result)


class BaseEngine:
    """Shared behaviour; subclasses implement ``_discover_pairs`` and ``_translate_batch``."""

    name: str = "engine"
    batch_size: int = 32
    failed_discovery_seconds: float = FAILED_DISCOVERY_SECONDS

    def __init__(self, *, name: str | None = None, pairs: Iterable[tuple[str, str]] | None = None) -> None:
        if name is not None:
            self.name = name
        self._configured = normalise_pairs(pairs) if pairs is not None else None
        self._discovered: frozenset[tuple[str, str]] | None = None
        self._discovered_at = 0.0
        self._failure: MTError | None = None
        self._failed_at = 0.0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    # -- Engine protocol ----------------------------------------------------------------------------
    def pairs(self) -> set[tuple[str, str]]:
        """Pairs from the configuration when given, else as the engine reports them (cached 10 minutes).

        A discovery that failed with an MT error is not tried again for ``failed_discovery_seconds``: the
        same error is raised at once meanwhile."""
        if self._configured is not None:
            return set(self._configured)
        with self._lock:
            now = time.monotonic()
            fresh = now - self._discovered_at < PAIRS_CACHE_SECONDS
            if self._discovered is None or not fresh:
                if self._failure is not None and now - self._failed_at < self.failed_discovery_seconds:
                    raise self._failure.with_traceback(None)
                try:
                    discovered = frozenset(self._discover_pairs())
                except MTError as exc:
                    self._failure, self._failed_at = exc, time.monotonic()
                    raise
                self._discovered, self._discovered_at, self._failure = discovered, time.monotonic(), None
            return set(self._discovered)

    def supports(self, source: str, target: str) -> bool:
        """Whether the pair is translated; False for malformed tags. Discovery errors propagate."""
        try:
            key = (canonical_tag(source), canonical_tag(target))
        except ValueError:
            return False
        return key in self.pairs()

    def translate(self, segments: Sequence[Segment | str], source: str, target: str) -> list[Translation]:
        """Translate segments (or plain strings) in batches; empty ones come back as they are, unsent."""
        segments = as_segments(segments)
        try:
            src, tgt = canonical_tag(source), canonical_tag(target)
        except ValueError as exc:
            raise UnsupportedPair(source, target, str(exc)) from exc
        if (src, tgt) not in self.pairs():
            raise UnsupportedPair(src, tgt, f"{self.name} does not offer this pair")
        hop = (Hop(self.name, src, tgt),)
        results: list[Translation | None] = [None] * len(segments)
        todo = [i for i, segment in enumerate(segments) if segment.text.strip()]
        for i, segment in enumerate(segments):
            if not segment.text.strip():
                results[i] = Translation(segment.text, self.name, None, hop)
        size = max(1, self.batch_size)
        for start in range(0, len(todo), size):
            chunk = todo[start : start + size]
            outputs = self._translate_batch([segments[i] for i in chunk], src, tgt)
            if len(outputs) != len(chunk):
                raise BadResponse(
                    f"{self.name} returned {len(outputs)} translations for {len(chunk)} segments"
                )
            for i, (text, score) in zip(chunk, outputs, strict=True):
                results[i] = Translation(text, self.name, score, hop)
        return [r for r in results if r is not None]

    # -- to implement ----------------------------------------------------------------------------
    def _discover_pairs(self) -> Iterable[tuple[str, str]]:
        raise NotImplementedError

    def _translate_batch(
        self, segments: Sequence[Segment], source: str, target: str
    ) -> list[tuple[str, float | None]]:
        raise NotImplementedError


def require_text(value: object, engine: str, what: str) -> str:
    """Check that an engine gave a string where one is expected."""
    if not isinstance(value, str):
        raise BadResponse(f"{engine} answered without a translated text ({what} is {type(value).__name__})")
    return value
