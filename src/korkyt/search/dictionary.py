"""Typo corrections of query words from the dictionary of indexed words (``SearchWord``).

- Words of 5 to 8 letters (one typo allowed) are corrected through ``SearchWordVariant``: every dictionary
  word of 4 to 9 letters is stored with each of its one-letter deletions. Two words within one edit of each
  other share such a variant (symmetric deletion), so the dictionary words within one edit of a query word
  are one B-tree lookup of the word and its deletions; the same lookup tells whether the word itself is in
  the dictionary. Every query word of these lengths is looked up in one statement.
- Longer words (two typos allowed) are looked up by trigrams: SQLite, the words sharing a trigram with the
  query word (FTS5 on the dictionary); PostgreSQL, the 40 most similar (``pg_trgm``). Long words have many
  trigrams, so few candidates.

Candidates are always checked with Levenshtein. ``loose`` (one edit more, for the last resort) uses the
trigram lookup for every length.

What the dictionary says of a query word (in it or not, its corrections) is kept in each process for a few
minutes (``WORD_CACHE_SECONDS``, at most ``WORD_CACHE_SIZE`` words): the words people search for repeat, and
a search whose words are all remembered needs no dictionary statement. Writes on the index in this process
forget everything at once. What another process wrote is seen when the remembered words expire; until then
only typo corrections towards words that are new can be missing (a word as typed is always searched).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from rapidfuzz.distance import Levenshtein

from korkyt.search.db import fetch

SIMILAR_WORDS = 40  # PostgreSQL: the most similar dictionary words checked for a typo (long words)
WORD_CANDIDATES = 2000  # SQLite: bound on the dictionary words sharing a trigram with a query word
VARIANT_MIN, VARIANT_MAX = 4, 9  # dictionary words stored with their deletions: within one edit of 5-8
WORD_CACHE_SIZE = 50_000
WORD_CACHE_SECONDS = 300.0


def allowed_edits(word: str) -> int:
    """Typos tolerated in a query word: none under 5 letters, one from 5, two from 9."""
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def variants(word: str) -> set[str]:
    """The word and each of its one-letter deletions, for the dictionary words of 4 to 9 letters."""
    return _deletions(word) if VARIANT_MIN <= len(word) <= VARIANT_MAX else set()


def _by_variants(word: str) -> bool:
    return allowed_edits(word) == 1


def _marks(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


Remembered = tuple[float, bool, "tuple[str, ...] | None"]


class _WordCache:
    """Per process: word -> (when, in the dictionary, corrections or None when not looked up), and the loose
    spellings of the last resort; the oldest go first when full."""

    def __init__(self) -> None:
        self.words: dict[tuple[str, str], Remembered] = {}
        self.loose: dict[tuple[str, str, bool], tuple[float, tuple[str, ...]]] = {}

    def get(self, word: str) -> tuple[bool, tuple[str, ...] | None] | None:
        found = self.words.get((connection.alias, word))
        if found is None or not _fresh(found[0]):
            return None
        return found[1], found[2]

    def put(self, word: str, known: bool, similar: Sequence[str] | None) -> None:
        key = (connection.alias, word)
        found = self.words.get(key)
        if (
            found is not None
            and _fresh(found[0])
            and found[1] == known
            and (similar is None or found[2] is not None)
        ):
            return  # nothing new (an expired entry is written again, with the time of now)
        _bound(self.words)
        self.words[key] = (time.monotonic(), known, None if similar is None else tuple(similar))

    def get_loose(self, word: str, prefix: bool) -> tuple[str, ...] | None:
        found = self.loose.get((connection.alias, word, prefix))
        if found is None or not _fresh(found[0]):
            return None
        return found[1]

    def put_loose(self, word: str, prefix: bool, found: Sequence[str]) -> None:
        _bound(self.loose)
        self.loose[(connection.alias, word, prefix)] = (time.monotonic(), tuple(found))

    def clear(self) -> None:
        self.words.clear()
        self.loose.clear()


def _fresh(when: float) -> bool:
    return time.monotonic() - when <= WORD_CACHE_SECONDS


def _bound(entries: dict[Any, Any]) -> None:
    while len(entries) >= WORD_CACHE_SIZE:
        del entries[next(iter(entries))]


_cache = _WordCache()


def forget() -> None:
    """Drop what this process remembers of the dictionary (after a write on the index)."""
    _cache.clear()


@dataclass
class Dictionary:
    """The corrections of the words of one query, each word looked up at most once."""

    postgres: bool
    known: set[str] = field(default_factory=set)
    _checked: set[str] = field(default_factory=set)
    _similar: dict[str, list[str]] = field(default_factory=dict)
    _loose: dict[str, list[str]] = field(default_factory=dict)
    _pending: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))

    def expansions(self, words: Sequence[str], *, known_too: bool = False) -> list[list[str]]:
        """For each query word: itself and, when the word is not in the dictionary (a typo, or a word being
        typed) or ``known_too``, the dictionary words within its typo allowance."""
        self._look_up(list(dict.fromkeys(w for w in words if allowed_edits(w))), known_too)
        return [
            [w] if not allowed_edits(w) or (w in self.known and not known_too) else [w, *self._similar[w]]
            for w in words
        ]

    def recall(self, words: Iterable[str]) -> None:
        """Take what this process remembers of these words."""
        for word in words:
            if word in self._checked or not allowed_edits(word):
                continue
            found = _cache.get(word)
            if found is None:
                continue
            known, similar = found
            self._checked.add(word)
            if known:
                self.known.add(word)
            if similar is not None:
                self._similar[word] = list(similar)

    def _remember(self, words: Iterable[str]) -> None:
        for word in words:
            _cache.put(word, word in self.known, self._similar.get(word))

    def _look_up(self, words: list[str], known_too: bool) -> None:
        self.recall(words)
        unchecked = [w for w in words if w not in self._checked]
        short = [w for w in unchecked if _by_variants(w)]
        long = [w for w in unchecked if not _by_variants(w)]
        # long words already checked whose similar words are now wanted too (known ones, with known_too)
        again = [w for w in words if w not in self._similar and w in self._checked] if known_too else []
        if self.postgres:
            if short or long or again:
                self._look_up_postgres(short, long, again)
        else:
            if short:
                everything = _all_variants(short)
                self._add_variants(short, fetch(_VARIANTS_SQL.format(_marks(everything)), everything))
            if long:
                sql = f"SELECT word FROM search_searchword WHERE word IN ({_marks(long)})"  # noqa: S608
                self.known.update(row[0] for row in fetch(sql, long))
            for word in [*long, *again]:
                if word not in self._similar and (known_too or word not in self.known):
                    self._similar[word] = _near(word, _sqlite_similar(word, allowed_edits(word)))
        self._checked.update(unchecked)
        self._remember([*unchecked, *again])

    def _add_variants(self, words: Sequence[str], rows: Iterable[tuple[str, str]]) -> None:
        """The dictionary words within one edit of each of ``words``, from the rows (variant, word) found
        for their variants; a word that is its own variant is in the dictionary."""
        found: dict[str, set[str]] = {}
        for variant, word in rows:
            found.setdefault(variant, set()).add(word)
        for word in words:
            candidates = set().union(*(found.get(v, set()) for v in _deletions(word)))
            if word in candidates:
                self.known.add(word)
            self._similar[word] = _near(word, sorted(candidates))

    def first_statement(self, words: Sequence[str]) -> tuple[str, list[Any]] | None:
        """PostgreSQL: the first lookup of the query words as one statement to send along with other work
        (rows: kind, word, other; ``receive`` takes them). None on SQLite or when no word needs it."""
        self.recall(dict.fromkeys(words))
        unchecked = [w for w in dict.fromkeys(words) if allowed_edits(w) and w not in self._checked]
        if not self.postgres or not unchecked:
            return None
        self._pending = (
            [w for w in unchecked if _by_variants(w)],
            [w for w in unchecked if not _by_variants(w)],
        )
        return _postgres_statement(*self._pending, [])

    def receive(self, rows: Iterable[tuple[str, str, str | None]]) -> None:
        short, long = self._pending
        self._postgres_rows(short, long, [], rows)
        self._checked.update([*short, *long])
        self._remember([*short, *long])

    def _look_up_postgres(self, short: Sequence[str], long: Sequence[str], always: Sequence[str]) -> None:
        self._postgres_rows(short, long, always, fetch(*_postgres_statement(short, long, always)))

    def _postgres_rows(
        self,
        short: Sequence[str],
        long: Sequence[str],
        always: Sequence[str],
        rows: Iterable[tuple[str, str, str | None]],
    ) -> None:
        rows = list(rows)
        self._add_variants(short, [(word, other) for kind, word, other in rows if kind == "v" and other])
        self.known.update(word for kind, word, _ in rows if kind == "k")
        similar: dict[str, list[str]] = {w: [] for w in [*long, *always]}
        for kind, word, other in rows:
            if kind == "s" and other:
                similar[word].append(other)
        for word, found in similar.items():
            if word in always or word not in self.known:
                self._similar[word] = _near(word, found)

    def loose(self, word: str, *, prefix: bool) -> list[str]:
        """Dictionary words within one edit more than the typo allowance of ``word``; with ``prefix`` also
        longer words that begin so (a word being typed)."""
        if word not in self._loose:
            edits = allowed_edits(word) + 1
            remembered = _cache.get_loose(word, prefix)
            if remembered is not None:
                self._loose[word] = list(remembered)
                return self._loose[word]
            if self.postgres:
                found = _postgres_loose(word, edits, prefix)
            else:
                found = _sqlite_similar(word, edits, prefix)
            distance = Levenshtein.distance
            self._loose[word] = [
                w
                for w in found
                if w != word
                and (
                    distance(word, w, score_cutoff=edits) <= edits
                    or (prefix and distance(word, w[: len(word)], score_cutoff=edits) <= edits)
                )
            ]
            _cache.put_loose(word, prefix, self._loose[word])
        return self._loose[word]


def _postgres_statement(
    short: Sequence[str], long: Sequence[str], always: Sequence[str]
) -> tuple[str, list[Any]]:
    """One statement: the variants of the ``short`` words; which ``long`` words are in the dictionary, and
    the similar words of those that are not and of the ``always`` ones. Rows: (kind, word, other)."""
    candidates = [*long, *always]
    # only the branches this lookup needs: an empty one still costs the server its planning
    parts: list[str] = []
    params: list[Any] = []
    if short or not candidates:
        parts.append("SELECT 'v', variant, word FROM search_searchwordvariant WHERE variant = ANY(%s)")
        params.append(_all_variants(short))
    if long:
        parts.append(
            "SELECT 'k', q.w, NULL FROM unnest(%s::text[]) AS q(w) "
            "WHERE EXISTS (SELECT 1 FROM search_searchword k WHERE k.word = q.w)"
        )
        params.append(list(long))
    if candidates:
        parts.append(
            "SELECT 's', q.w, s.word FROM unnest(%s::text[], %s::int[], %s::bool[]) AS q(w, edits, always) "
            "CROSS JOIN LATERAL (SELECT word FROM search_searchword "
            "WHERE word %% q.w AND length(word) BETWEEN length(q.w) - q.edits AND length(q.w) + q.edits "
            "ORDER BY similarity(word, q.w) DESC LIMIT %s) s "
            "WHERE q.always OR NOT EXISTS (SELECT 1 FROM search_searchword k WHERE k.word = q.w)"
        )
        params.extend(
            [
                candidates,
                [allowed_edits(w) for w in candidates],
                [False] * len(long) + [True] * len(always),
                SIMILAR_WORDS,
            ]
        )
    return " UNION ALL ".join(parts), params


_VARIANTS_SQL = "SELECT variant, word FROM search_searchwordvariant WHERE variant IN ({})"


def _all_variants(words: Sequence[str]) -> list[str]:
    """The query words and their one-letter deletions (query words of 5 to 8 letters)."""
    return sorted(set().union(*(_deletions(w) for w in words)))


def _near(word: str, found: Sequence[str]) -> list[str]:
    edits = allowed_edits(word)
    return [w for w in found if w != word and Levenshtein.distance(word, w, score_cutoff=edits) <= edits]


def _sqlite_similar(word: str, edits: int, prefix: bool = False) -> list[str]:
    """Dictionary words sharing a trigram with ``word``, within ``edits`` of its length (any longer length
    with ``prefix``)."""
    grams = trigrams(word)
    if connection.vendor != "sqlite" or not grams:
        return []
    sql = (
        "SELECT w.word FROM search_word_fts f JOIN search_searchword w ON w.id = f.rowid "
        "WHERE search_word_fts MATCH %s AND length(w.word) BETWEEN %s AND %s LIMIT %s"
    )
    high = 1000 if prefix else len(word) + edits
    match = " OR ".join(f'"{g}"' for g in grams)
    return [row[0] for row in fetch(sql, [match, len(word) - edits, high, WORD_CANDIDATES])]


def _postgres_loose(word: str, edits: int, prefix: bool) -> list[str]:
    """The dictionary words most similar to ``word`` (or to a part of them, with ``prefix``)."""
    if prefix:
        sql = (
            "SELECT word FROM search_searchword WHERE %s <%% word AND length(word) >= %s "
            "ORDER BY word_similarity(%s, word) DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute("SET pg_trgm.word_similarity_threshold = 0.3")
            cursor.execute(sql, [word, len(word) - edits, word, SIMILAR_WORDS])
            return [row[0] for row in cursor.fetchall()]
    sql = (
        "SELECT word FROM search_searchword WHERE word %% %s AND length(word) BETWEEN %s AND %s "
        "ORDER BY similarity(word, %s) DESC LIMIT %s"
    )
    return [row[0] for row in fetch(sql, [word, len(word) - edits, len(word) + edits, word, SIMILAR_WORDS])]


def trigrams(qkey: str) -> list[str]:
    grams: list[str] = []
    for word in qkey.split():
        for i in range(max(len(word) - 2, 0)):
            gram = word[i : i + 3]
            if gram not in grams:
                grams.append(gram)
    return grams[:24]
