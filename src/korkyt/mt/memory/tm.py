"""Translation memory: approved translations, looked up exactly and fuzzily for new segments."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from korkyt.mt.languages import canonical_tag
from korkyt.mt.memory.index import PairIndex
from korkyt.mt.memory.normalise import normalise


@dataclass(frozen=True)
class TMUnit:
    """One approved translation: a source segment, its target, the pair, and where it came from.

    Language tags are stored canonical (``kk-Cyrl`` becomes ``kk``). ``id`` is the caller's identifier
    (a database key), kept so a match can be traced back.
    """

    source_text: str
    target_text: str
    source_lang: str
    target_lang: str
    film_id: Hashable | None = None
    context: str | None = None
    author: str | None = None
    approved: date | datetime | None = None
    id: Hashable | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.source_text, str) or not isinstance(self.target_text, str):
            raise ValueError("a translation-memory unit needs source and target texts")
        object.__setattr__(self, "source_lang", canonical_tag(self.source_lang))
        object.__setattr__(self, "target_lang", canonical_tag(self.target_lang))
        if self.approved is not None and not isinstance(self.approved, date):
            raise ValueError(f"approved must be a date or datetime, not {type(self.approved).__name__}")


@dataclass(frozen=True)
class Match:
    """A memory unit found for a segment: ``score`` is fuzz.ratio on the normalised texts (0–100)."""

    unit: TMUnit
    score: float
    kind: Literal["exact", "fuzzy"]


def _approved_rank(value: date | datetime | None) -> float:
    if value is None:
        return -math.inf
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.timestamp()
    return datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp()


def _check(limit: int, threshold: float) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a whole number ≥ 1, not {limit!r}")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 < threshold <= 100:
        raise ValueError(f"threshold must be a percentage in (0, 100], not {threshold!r}")


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise ValueError(f"a text to look up must be a string, not {type(text).__name__}")


class TranslationMemory:
    """An in-memory translation memory with exact and fuzzy lookup per language pair.

    Lookup normalises the segment (markup, case, punctuation and spacing do not count), returns exact
    matches first, then fuzzy matches scored with rapidfuzz's ``fuzz.ratio`` ≥ ``threshold``; on equal
    scores units of the requested film come first, then the most recently approved. Units with the same
    source key and the same target text are returned once. A per-pair index is built on first lookup
    (or by ``prepare``) and rebuilt after units of that pair are added.
    """

    def __init__(self, units: Iterable[TMUnit] = ()) -> None:
        # A unit, or the arguments of one not made yet (see ``extend_rows``).
        self._units: list[TMUnit | tuple[Any, ...]] = []
        self._keys: list[str] = []
        self._by_pair: dict[tuple[str, str], list[int]] = {}
        self._indexes: dict[tuple[str, str], PairIndex] = {}
        self.extend(units)

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self) -> Iterator[TMUnit]:
        return (self._unit(i) for i in range(len(self._units)))

    def _unit(self, position: int) -> TMUnit:
        unit = self._units[position]
        if type(unit) is tuple:
            unit = TMUnit(*unit)
            self._units[position] = unit
        return unit  # type: ignore[return-value]

    def add(self, unit: TMUnit) -> None:
        """Add one unit."""
        self.extend((unit,))

    def extend(self, units: Iterable[TMUnit]) -> None:
        """Add units; the index of each pair touched is rebuilt at its next lookup."""
        for unit in units:
            if not isinstance(unit, TMUnit):
                raise ValueError(f"expected a TMUnit, got {type(unit).__name__}")
            pair = (unit.source_lang, unit.target_lang)
            self._by_pair.setdefault(pair, []).append(len(self._units))
            self._units.append(unit)
            self._keys.append(normalise(unit.source_text))
            self._indexes.pop(pair, None)

    def extend_rows(self, source: str, target: str, rows: Iterable[Sequence[Any]]) -> None:
        """Add units of one pair from rows ``(id, source_text, target_text, film_id, context, author,
        approved, key)``, as read from a database. ``key`` is ``normalise(source_text)`` computed ahead
        (stored beside the unit), or ``None`` to compute it here. The ``TMUnit`` of a row is made when a
        lookup first returns it, so loading a memory of hundreds of thousands of units stays cheap; its
        fields are checked then, except the texts, which are checked now."""
        pair = (canonical_tag(source), canonical_tag(target))
        positions = self._by_pair.setdefault(pair, [])
        src, tgt = pair
        units, keys = self._units, self._keys
        for unit_id, source_text, target_text, film_id, context, author, approved, key in rows:
            if type(source_text) is not str or type(target_text) is not str:
                raise ValueError("a translation-memory unit needs source and target texts")
            positions.append(len(units))
            units.append((source_text, target_text, src, tgt, film_id, context, author, approved, unit_id))
            keys.append(normalise(source_text) if key is None else key)
        self._indexes.pop(pair, None)

    def pairs(self) -> set[tuple[str, str]]:
        """The language pairs the memory holds units for."""
        return set(self._by_pair)

    def units(self, source: str, target: str) -> list[TMUnit]:
        """Every unit of one pair, in the order added."""
        pair = (canonical_tag(source), canonical_tag(target))
        return [self._unit(i) for i in self._by_pair.get(pair, [])]

    def prepare(self, source: str, target: str) -> None:
        """Build the index of a pair now rather than at its first lookup."""
        self._index(canonical_tag(source), canonical_tag(target))

    def _index(self, source: str, target: str) -> PairIndex | None:
        pair = (source, target)
        index = self._indexes.get(pair)
        if index is None and pair in self._by_pair:
            positions = self._by_pair[pair]
            index = PairIndex([self._keys[i] for i in positions], positions)
            self._indexes[pair] = index
        return index

    def lookup(
        self,
        text: str,
        source: str,
        target: str,
        *,
        film: Hashable | None = None,
        limit: int = 3,
        threshold: float = 75,
    ) -> list[Match]:
        """Up to ``limit`` matches for ``text``: exact ones first, then fuzzy ones ≥ ``threshold``."""
        _check(limit, threshold)
        _check_text(text)
        index = self._index(canonical_tag(source), canonical_tag(target))
        if index is None:
            return []
        return self._lookup(index, normalise(text), film, limit, threshold)

    def lookup_many(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        film: Hashable | None = None,
        limit: int = 3,
        threshold: float = 75,
    ) -> list[list[Match]]:
        """``lookup`` for every text of a job, in order; repeated segments are looked up once."""
        _check(limit, threshold)
        if isinstance(texts, str):
            raise ValueError("lookup_many takes a list of texts, not one text")
        for text in texts:
            _check_text(text)
        index = self._index(canonical_tag(source), canonical_tag(target))
        if index is None:
            return [[] for _ in texts]
        done: dict[str, list[Match]] = {}
        results = []
        for text in texts:
            key = normalise(text)
            if key not in done:
                done[key] = self._lookup(index, key, film, limit, threshold)
            results.append(list(done[key]))
        return results

    def _lookup(
        self, index: PairIndex, key: str, film: Hashable | None, limit: int, threshold: float
    ) -> list[Match]:
        if not key:
            return []
        if key in index:
            # Exact units score 100 and no other key can: when they fill the limit, no fuzzy search.
            matches = self._ranked(index, [(key, 100.0)], key, film, limit)
            if len(matches) >= limit:
                return matches
        return self._ranked(index, index.search(key, threshold), key, film, limit)

    def _ranked(
        self,
        index: PairIndex,
        hits: Sequence[tuple[str, float]],
        key: str,
        film: Hashable | None,
        limit: int,
    ) -> list[Match]:
        matches: list[Match] = []
        seen: set[tuple[str, str]] = set()
        position = 0
        while position < len(hits) and len(matches) < limit:
            score = hits[position][1]
            tier: list[tuple[tuple[int, float, int], str, TMUnit]] = []
            while position < len(hits) and hits[position][1] == score:
                hit_key = hits[position][0]
                for unit_position in index.positions(hit_key):
                    unit = self._unit(unit_position)
                    same_film = film is not None and unit.film_id == film
                    rank = (0 if same_film else 1, -_approved_rank(unit.approved), unit_position)
                    tier.append((rank, hit_key, unit))
                position += 1
            tier.sort(key=lambda item: item[0])
            for _, hit_key, unit in tier:
                if (hit_key, unit.target_text) in seen:
                    continue
                seen.add((hit_key, unit.target_text))
                kind: Literal["exact", "fuzzy"] = "exact" if hit_key == key else "fuzzy"
                matches.append(Match(unit, score, kind))
                if len(matches) == limit:
                    break
        return matches
