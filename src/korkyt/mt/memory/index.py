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
from collections import Counter
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

COLUMNS = 64
_BLOCK = 16_384  # keys per counting block
_COMPARE_UP_TO = 5
_SMALL = [np.uint8(j) for j in range(_COMPARE_UP_TO)]
_SLACK = 1e-9


class PairIndex:
    """Distinct normalised source keys of one pair, with their unit positions."""

    def __init__(self, keys: Sequence[str], positions: Sequence[int]) -> None:
        # key → position, built by dict() in C; the few keys shared by several units also get the list
        # of all their positions, in the order given.
        first = dict(zip(keys, positions, strict=True))
        first.pop("", None)
        self._first = first
        self._more: dict[str, list[int]] = {}
        if len(first) < len(keys) - keys.count(""):
            shared = {key for key, times in Counter(keys).items() if times > 1 and key}
            self._more = {key: [] for key in shared}
            for key, position in zip(keys, positions, strict=True):
                if key in shared:
                    self._more[key].append(position)
        ordered = sorted(first, key=len)
        self.keys = ordered
        self._key_array = np.array(ordered, dtype=object)
        self.lengths = np.fromiter((len(k) for k in ordered), dtype=np.int64, count=len(ordered))
        # Keys are sorted by length: the runs of equal length, for per-length thresholds.
        self.run_lengths, self.run_starts = np.unique(self.lengths, return_index=True)
        self._build_counts(ordered)

    def __contains__(self, key: str) -> bool:
        return key in self._first

    def positions(self, key: str) -> list[int]:
        """The positions given with ``key``, in the order given (empty if it is not indexed)."""
        more = self._more.get(key)
        if more is not None:
            return more
        position = self._first.get(key)
        return [] if position is None else [position]

    def __len__(self) -> int:
        return len(self.keys)

    def _build_counts(self, keys: list[str]) -> None:
        count = len(keys)
        self.counts = np.zeros((COLUMNS, count), dtype=np.uint8)
        self.overflow = np.zeros(0, dtype=np.int64)
        self.column_of: dict[str, int] = {}
        if not count:
            return
        codes = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32)
        # Character frequencies by code point; the 63 most frequent get a column each (ties by code
        # point), every other character shares the last one.
        frequency = np.bincount(codes)
        top = np.argsort(-frequency, kind="stable")[: COLUMNS - 1]
        top = top[frequency[top] > 0]
        column_of_code = np.full(len(frequency), COLUMNS - 1, dtype=np.int64)
        column_of_code[top] = np.arange(len(top))
        self.column_of = {chr(int(code)): column for column, code in enumerate(top)}
        columns = column_of_code[codes]
        # Per-key counts with one bincount per block of keys (bounded memory), then clipped to uint8.
        ends = np.cumsum(self.lengths)
        overflow: list[np.ndarray] = []
        for first in range(0, count, _BLOCK):
            last = min(first + _BLOCK, count)
            lo = int(ends[first - 1]) if first else 0
            hi = int(ends[last - 1])
            owners = np.repeat(np.arange(last - first), self.lengths[first:last])
            block = np.bincount(owners * COLUMNS + columns[lo:hi], minlength=(last - first) * COLUMNS)
            block = block.reshape(last - first, COLUMNS)
            overflow.append(np.flatnonzero((block > 255).any(axis=1)) + first)
            self.counts[:, first:last] = np.minimum(block, 255).T
        self.overflow = np.concatenate(overflow)

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
        # The bound never exceeds the query's length: a one-byte accumulator does for most segments
        # and halves the memory traffic of the loop below.
        bound = np.zeros(size, dtype=np.uint8 if la <= 255 else np.uint16)
        buffer = np.empty(size, dtype=np.uint8)
        flags = np.empty(size, dtype=bool)
        flag_counts = flags.view(np.uint8)
        for column, times in wanted.items():
            counts = self.counts[column, start:stop]
            if times <= _COMPARE_UP_TO:
                # min(n, t) = Σ_{j<t} [n > j]: comparisons and additions run several times faster
                # than numpy's uint8 minimum, so a character the query has a few times costs less.
                for j in range(times):
                    np.greater(counts, _SMALL[j], out=flags)
                    np.add(bound, flag_counts, out=bound, casting="unsafe")
            else:
                np.minimum(counts, np.uint8(min(times, 255)), out=buffer)
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
