"""The shortlist index of one language pair's memory, exact for fuzz.ratio ≥ threshold.

Two filters that can only drop units that cannot reach the threshold, then rapidfuzz on the rest:

1. Length band. ``fuzz.ratio(a, b) = 200·LCS(a, b) / (|a| + |b|)`` and ``LCS ≤ min(|a|, |b|)``, so a
   key of length ``lb`` can reach threshold ``t`` only if ``la·t/(200−t) ≤ lb ≤ la·(200−t)/t``. Keys are
   sorted by length; the band is a slice.
2. Character-count bound. The longest common subsequence uses each character at most as often as it
   occurs in both strings, so ``LCS ≤ Σ_c min(count_a(c), count_b(c))``. Counts are kept per key for the
   pair's 63 most frequent characters plus one shared column for all others (sharing a column can only
   raise the bound, so it stays a bound). A key whose bound gives a ratio under the threshold is dropped.

What survives (typically a few hundred of ~100,000 keys) is scored with ``rapidfuzz.process.extract``
and ``fuzz.ratio`` with the threshold as ``score_cutoff``, the same scorer a full scan would use; so the
hits are the full scan's hits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

COLUMNS = 64
_SLACK = 1e-9


class PairIndex:
    """Distinct normalised source keys of one pair, with their unit positions."""

    def __init__(self, keys: Sequence[str], positions: Sequence[int]) -> None:
        by_key: dict[str, list[int]] = {}
        for key, position in zip(keys, positions, strict=True):
            if key:
                by_key.setdefault(key, []).append(position)
        ordered = sorted(by_key, key=len)
        self.by_key = by_key
        self.keys = ordered
        self._key_array = np.array(ordered, dtype=object)
        self.lengths = np.fromiter((len(k) for k in ordered), dtype=np.int64, count=len(ordered))
        # Keys are sorted by length: the runs of equal length, for per-length thresholds.
        self.run_lengths, self.run_starts = np.unique(self.lengths, return_index=True)
        self._build_counts(ordered)

    def __len__(self) -> int:
        return len(self.keys)

    def _build_counts(self, keys: list[str]) -> None:
        count = len(keys)
        self.counts = np.zeros((COLUMNS, count), dtype=np.uint8)
        overflow = np.zeros(count, dtype=bool)
        self.overflow = np.zeros(0, dtype=np.int64)
        self.column_of: dict[str, int] = {}
        if not count:
            return
        codes = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32)
        owners = np.repeat(np.arange(count), self.lengths)
        distinct, inverse, frequency = np.unique(codes, return_inverse=True, return_counts=True)
        column_of_distinct = np.full(len(distinct), COLUMNS - 1, dtype=np.int64)
        top = np.argsort(-frequency, kind="stable")[: COLUMNS - 1]
        column_of_distinct[top] = np.arange(len(top))
        self.column_of = {chr(int(distinct[i])): int(column_of_distinct[i]) for i in top}
        columns = column_of_distinct[inverse.ravel()]
        for column in range(COLUMNS):
            per_key = np.bincount(owners[columns == column], minlength=count)
            overflow |= per_key > 255
            self.counts[column] = np.minimum(per_key, 255)
        self.overflow = np.flatnonzero(overflow)

    def search(self, query: str, threshold: float) -> list[tuple[str, float]]:
        """Every key with ``fuzz.ratio(query, key) ≥ threshold``, best first: (key, score)."""
        la = len(query)
        if la == 0 or not self.keys:
            return []
        low = math.ceil(la * threshold / (200 - threshold) - _SLACK)
        high = math.floor(la * (200 - threshold) / threshold + _SLACK)
        start = int(np.searchsorted(self.lengths, low, side="left"))
        stop = int(np.searchsorted(self.lengths, high, side="right"))
        if start >= stop:
            return []
        candidates = self._shortlist(query, threshold, start, stop)
        if not len(candidates):
            return []
        choices = self._key_array[candidates].tolist()
        found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
        return [(choice, float(score)) for choice, score, _ in found]

    def _shortlist(self, query: str, threshold: float, start: int, stop: int) -> np.ndarray:
        la = len(query)
        if la > 60_000:  # the uint16 accumulator could overflow; score the whole band
            return np.arange(start, stop)
        wanted: dict[int, int] = {}
        for char in query:
            column = self.column_of.get(char, COLUMNS - 1)
            wanted[column] = wanted.get(column, 0) + 1
        size = stop - start
        bound = np.zeros(size, dtype=np.uint16)
        buffer = np.empty(size, dtype=np.uint8)
        for column, times in wanted.items():
            np.minimum(self.counts[column, start:stop], min(times, 255), out=buffer)
            np.add(bound, buffer, out=bound, casting="unsafe")
        # keep if 200·bound ≥ t·(la + lb), i.e. bound ≥ needed(lb), computed once per length in the band
        first = int(np.searchsorted(self.run_starts, start, side="right")) - 1
        last = int(np.searchsorted(self.run_starts, stop, side="left"))
        edges = np.clip(np.append(self.run_starts[first:last], stop), start, stop)
        needed = np.ceil(threshold * (la + self.run_lengths[first:last]) / 200.0 - _SLACK)
        keep = bound >= np.repeat(needed.astype(np.uint16), np.diff(edges))
        shortlist = np.flatnonzero(keep) + start
        if len(self.overflow):  # keys with a character over 255 times: the bound does not hold, keep them
            extra = self.overflow[(self.overflow >= start) & (self.overflow < stop)]
            shortlist = np.union1d(shortlist, extra)
        return shortlist
