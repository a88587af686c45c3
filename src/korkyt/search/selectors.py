"""Cross-script search over films and people.

1. The query is folded with ``korkyt.translit.search_key`` exactly like the indexed titles and names, so
   "Қыз Жібек", "Qyz Jıbek", "Kyz-Zhibek", "Кыз Жибек" and "Kız Jibek" become one key.
2. A shortlist is read from the database (``korkyt.search.shortlist``): equal keys and key prefixes
   (B-tree) with the keys having every word or a typo correction of it from the dictionary of indexed
   words (SQLite FTS5 ``unicode61`` / PostgreSQL ``simple`` full text, the last word also a prefix), and
   only when nothing matched, the keys having all words but one; each bounded.
3. The shortlist is ranked in Python: exact key > key beginning with the query's whole words > every word
   found (last word may be the beginning of a word) > every word found within the typo allowance (one
   edit for words of 5+ letters, two for 9+) > similar (rapidfuzz); in a tier, fewer words found only as
   the beginning of a word first. Ties go to original titles over variants over director names, then to
   closer lengths.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from korkyt.core.actors import Actor
from korkyt.search import shortlist
from korkyt.search.dictionary import Dictionary, allowed_edits
from korkyt.search.models import EntrySource, EntryType, SearchEntry
from korkyt.search.names import NameRow
from korkyt.translit import query_keys, search_key

__all__ = [
    "Found",
    "Hit",
    "allowed_edits",
    "find",
    "naive_search",
    "people_matching",
    "people_named",
    "score",
    "search",
]

QUERY_MAX = 200
WORDS_MAX = 12  # query words searched for; the others are ignored
FEW = 3  # fewer hits than this: also try typo corrections of words that are in the dictionary

EXACT, PREFIX, WORDS, TYPO, SIMILAR = 5, 4, 3, 2, 1
SOURCE_BONUS: dict[str, int] = {EntrySource.ORIGINAL: 2, EntrySource.VARIANT: 1, EntrySource.CREDIT: 0}


class Hit(NamedTuple):
    type: str
    id: int
    score: tuple[float, ...]
    matched: str


def _reading_cost(
    qwords: Sequence[str], limit: int, kwords: Sequence[str], last: bool
) -> tuple[int, int] | None:
    """``_word_cost`` of the best of a query word's readings (c read as j, or as c)."""
    best: tuple[int, int] | None = None
    for qword in qwords:
        cost = _word_cost(qword, limit, kwords, last)
        if cost is not None and (best is None or cost < best):
            best = cost
    return best


def _word_cost(qword: str, limit: int, kwords: Sequence[str], last: bool) -> tuple[int, int] | None:
    """(edits, kind) of the best match of one query word among the key's words; None when none fits.
    kind 0 = equal, 1 = prefix of a word (last query word only). ``limit``: the typos allowed."""
    if qword in kwords:
        return (0, 0)
    if last:
        for kword in kwords:
            if kword.startswith(qword):
                return (0, 1)  # the best after equal
    if not limit:
        return None
    best: tuple[int, int] | None = None
    distance = Levenshtein.distance
    for kword in kwords:
        edits = distance(qword, kword, score_cutoff=limit)
        if edits <= limit:
            if best is None or (edits, 0) < best:
                best = (edits, 0)
        elif last and len(kword) > len(qword):
            edits = distance(qword, kword[: len(qword)], score_cutoff=limit)
            if edits <= limit and (best is None or (edits, 1) < best):
                best = (edits, 1)
    return best


def score(qkey: str, key: str, source: str) -> tuple[float, ...] | None:
    """The rank of one indexed key for a folded query (bigger is better); None when it does not match."""
    return _Scorer((qkey,))(key, source)


def word_readings(qkeys: Sequence[str]) -> list[list[str]]:
    """Per query word, its readings (``korkyt.translit.query_keys``: the first key reads c as j, the other
    as c), the first key's word first; at most ``WORDS_MAX`` words."""
    words = [[w] for w in qkeys[0].split()[:WORDS_MAX]]
    for other in qkeys[1:]:
        others = other.split()[:WORDS_MAX]
        if len(others) == len(words):
            for group, word in zip(words, others, strict=True):
                if word not in group:
                    group.append(word)
    return words


class _Scorer:
    """``score`` for one query: its words split once, each key ranked once (many entries share a key).
    ``qkeys``: the readings of the query (``korkyt.translit.query_keys``), the usual one first."""

    def __init__(self, qkeys: Sequence[str]) -> None:
        self.qkey = qkeys[0]
        self.qkeys = tuple(qkeys)
        words = word_readings(qkeys)
        self.words = [(tuple(w), allowed_edits(w[0]), i == len(words) - 1) for i, w in enumerate(words)]
        self.ranked: dict[str, tuple[int, float, int] | None] = {}

    def __call__(self, key: str, source: str) -> tuple[float, ...] | None:
        try:
            rank = self.ranked[key]
        except KeyError:
            rank = self.ranked[key] = self._rank(key)
        if rank is None:
            return None
        return (rank[0], rank[1], -rank[2], SOURCE_BONUS.get(source, 0), -abs(len(key) - len(self.qkey)))

    def _rank(self, key: str) -> tuple[int, float, int] | None:
        """(tier, minus the edits or, for similar keys, the similarity, the query words found only as the
        beginning of a key's word) of a key; None: no match. A prefix key begins with the query's whole
        words: "jol" is a whole word of «Анаға апарар жол» but only the beginning of "jolourles"."""
        if key in self.qkeys:
            return (EXACT, 0, 0)
        if any(key.startswith(qkey + " ") for qkey in self.qkeys):
            return (PREFIX, 0, 0)
        kwords = key.split()
        edits = prefixes = 0
        for word, limit, last in self.words:
            cost = _reading_cost(word, limit, kwords, last)
            if cost is None:
                return self._similar(key)
            edits += cost[0]
            prefixes += cost[1]
        return (WORDS if edits == 0 else TYPO, -edits, prefixes)

    def loose(self, key: str, source: str) -> tuple[float, ...]:
        """The rank of a key that only the last resort found (one typo too many, or a word left out): the
        typo tier, its edits counted with one more allowed per word and a word not found as edits of its
        length."""
        kwords = key.split()
        edits = prefixes = 0
        for word, limit, last in self.words:
            cost = _reading_cost(word, limit + 1, kwords, last)
            edits += len(word[0]) if cost is None else cost[0]
            prefixes += 0 if cost is None else cost[1]
        return (TYPO, -edits, -prefixes, SOURCE_BONUS.get(source, 0), -abs(len(key) - len(self.qkey)))

    def _similar(self, key: str) -> tuple[int, float, int] | None:
        qkey = self.qkey
        similarity = fuzz.ratio(qkey, key)
        partial = fuzz.partial_ratio(qkey, key) if len(qkey) >= 4 else 0.0
        best = max(similarity, partial * 0.95)
        if best < 80:
            return None
        return (SIMILAR, best, 0)


def search(*, user: Actor, q: str, **options: Any) -> list[Hit]:
    """Films and people matching ``q`` in any script or spelling, best first, one hit per record
    (``options``: those of ``find``: type, limit and the film filters)."""
    return find(user=user, q=q, names=False, **options).hits


class Found(NamedTuple):
    hits: list[Hit]
    names: list[NameRow]  # what the results show of some of the hits, read along (``results.present``)


def find(
    *,
    user: Actor,
    q: str,
    type: str | None = None,
    limit: int = 20,
    kind: str | None = None,
    country: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    language: str | None = None,
    names: bool = True,
) -> Found:
    """``search``, with (``names``) the titles and names of the hits read in the same statement when the
    first one finds at most ``limit`` films and people."""
    qkeys = query_keys((q or "")[:QUERY_MAX])
    if not qkeys or _one_letter_over_and_over(q, qkeys[0]):
        return Found([], [])
    qkey = qkeys[0]
    limit = max(1, min(int(limit), 100))
    scope = shortlist.scope(
        user,
        type,
        {"kind": kind, "country": country, "year_from": year_from, "year_to": year_to, "language": language},
    )
    typed = word_readings(qkeys)
    words = list(dict.fromkeys(w for group in typed for w in group))  # every reading of every word
    dictionary = Dictionary(scope.postgres)
    ranking = _Ranking(qkeys)
    lookup = dictionary.first_statement(words)
    wanted = limit if names else 0
    if lookup is None:
        groups = _expanded(dictionary, typed)
        first = shortlist.first(scope, qkey, groups, names=wanted)
        ranking.add(first.entries)
    else:  # PostgreSQL: the dictionary is asked in the same statement, the words taken as typed
        first = shortlist.first(scope, qkey, typed, lookup, names=wanted)
        dictionary.receive(first.words)
        ranking.add(first.entries)
        groups = _expanded(dictionary, typed)
        if groups != typed:  # a word is not in the dictionary: its corrections
            ranking.add(shortlist.words(scope, groups))
    if len(ranking.best) < FEW and any(allowed_edits(w) for w in words):
        # few answers: correctly spelled words may still be typos of other words ("kelin" for "kelim")
        corrected = _expanded(dictionary, typed, known_too=True)
        if corrected != groups:
            ranking.add(shortlist.words(scope, corrected))
        groups = corrected
    if not ranking.best:
        ranking.add(shortlist.fallback(scope, qkey, groups, dictionary), last_resort=True)
    ordered = sorted(
        ranking.best.values(), key=lambda h: (h.score, h.type == EntryType.FILM, -h.id), reverse=True
    )
    return Found(ordered[:limit], first.names)


def _one_letter_over_and_over(q: str, qkey: str) -> bool:
    """A letter typed three times or more and nothing else ("zzzz", "қққ"): the key keeps one letter of a
    repeated run ("Anna" is ``ana``), so it would read as that letter alone and list every name beginning
    with it. Nobody searching means that: nothing is found."""
    return len(qkey) == 1 and sum(ch.isalnum() for ch in q) >= 3


def _expanded(
    dictionary: Dictionary, typed: Sequence[Sequence[str]], *, known_too: bool = False
) -> list[list[str]]:
    """Per query word: its readings, then the dictionary's corrections of each (``Dictionary.expansions``)."""
    words = list(dict.fromkeys(w for group in typed for w in group))
    found = dict(zip(words, dictionary.expansions(words, known_too=known_too), strict=True))
    return [list(dict.fromkeys([*group, *(c for w in group for c in found[w][1:])])) for group in typed]


class _Ranking:
    """The best hit per film or person among the entries seen so far (each entry scored once)."""

    def __init__(self, qkeys: Sequence[str]) -> None:
        self.score = _Scorer(qkeys)
        self.seen: set[int] = set()
        self.best: dict[tuple[str, int], Hit] = {}

    def add(self, rows: Iterable[shortlist.Row], *, last_resort: bool = False) -> None:
        """Rank ``rows``; those of the ``last_resort`` are ranked as typos by their edits with one more
        allowed per word (``_Scorer.loose``), kept even when they match in no other way, unless the usual
        rank is better still."""
        score, seen, best = self.score, self.seen, self.best
        for entry_id, entry_type, film_id, person_id, key, source in rows:
            if entry_id in seen:
                continue
            seen.add(entry_id)
            rank = score(key, source)
            if last_resort:
                loose = score.loose(key, source)
                rank = loose if rank is None or loose > rank else rank
            if rank is None:
                continue
            target = (entry_type, (film_id if entry_type == EntryType.FILM else person_id) or 0)
            current = best.get(target)
            if current is None or rank > current.score:
                best[target] = Hit(entry_type, target[1], rank, key)


def naive_search(*, q: str, limit: int = 20) -> list[int]:
    """The peer of the benchmark: a case-insensitive substring scan over the titles as they are written."""
    from korkyt.catalogue.models import FilmTitle

    rows = FilmTitle.objects.filter(text__icontains=q).order_by().values_list("film_id", flat=True)
    return list(rows.distinct()[:limit])


def people_matching(q: str) -> QuerySet[Any]:
    """The ids of the people one of whose names contains ``q`` once both are folded: one of the query's
    readings is part of an indexed key of the person (``korkyt.translit.found_in`` over the index; the
    catalogue's ``people_matching``, which lists people, the API's ``/api/people?q=`` and the casting
    search use it). A subquery: ``Person.objects.filter(pk__in=people_matching(q))``."""
    keys = query_keys(q[:QUERY_MAX])
    entries = SearchEntry.objects.filter(type=EntryType.PERSON)
    if not keys:
        return entries.none().values("person_id")
    found = Q()
    for key in keys:
        found |= Q(key__contains=key)
    return entries.filter(found).values("person_id")


def people_named(name: str, language: str | None = None) -> list[int]:
    """The people one of whose names folds to the same key as ``name`` in any script ("Ермек Тұрсынов",
    "Yermek Tursunov"), by the indexed key: one indexed lookup, ids in ascending order."""
    key = search_key(name.strip(), language)[:300] if name.strip() else ""
    if not key:
        return []
    return sorted(
        set(SearchEntry.objects.filter(type=EntryType.PERSON, key=key).values_list("person_id", flat=True))
    )
