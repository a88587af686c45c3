"""Cross-script search over films and people.

1. The query is folded with ``korkyt.translit.search_key`` exactly like the indexed titles and names, so
   "Қыз Жібек", "Qyz Jıbek", "Kyz-Zhibek", "Кыз Жибек" and "Kız Jibek" become one key.
2. A shortlist is read from the database: equal keys and key prefixes (B-tree), words and substrings
   (SQLite FTS5 trigram phrase / PostgreSQL ``simple`` full-text prefix query) and similar keys for typos
   (FTS5 trigram OR query ranked by bm25 / ``pg_trgm`` word similarity), each bounded.
3. The shortlist is ranked in Python: exact key > key prefix > every word found (last word may be a prefix)
   > every word found within the typo allowance (one edit for words of 5+ letters, two for 9+) > similar
   (rapidfuzz). Ties go to original titles over variants over director names, then to closer lengths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from korkyt.catalogue.selectors import film_filter, film_visibility
from korkyt.search.models import EntrySource, EntryType, SearchEntry
from korkyt.translit import search_key

SHORTLIST = 200
FUZZY_SHORTLIST = 200
QUERY_MAX = 200
FEW = 3  # fewer hits than this: also try typo corrections of words that are in the dictionary

EXACT, PREFIX, WORDS, TYPO, SIMILAR = 5, 4, 3, 2, 1
SOURCE_BONUS: dict[str, int] = {EntrySource.ORIGINAL: 2, EntrySource.VARIANT: 1, EntrySource.CREDIT: 0}


@dataclass(frozen=True)
class Hit:
    type: str
    id: int
    score: tuple[float, ...]
    matched: str


def allowed_edits(word: str) -> int:
    """Typos tolerated in a query word: none under 5 letters, one from 5, two from 9."""
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0


def _word_cost(qword: str, kwords: Sequence[str], last: bool) -> tuple[int, int] | None:
    """(edits, kind) of the best match of one query word among the key's words; None when none fits.
    kind 0 = equal, 1 = prefix of a word (last query word only)."""
    best: tuple[int, int] | None = None
    limit = allowed_edits(qword)
    for kword in kwords:
        if kword == qword:
            return (0, 0)
        if last and kword.startswith(qword):
            best = min(best or (0, 1), (0, 1))
            continue
        if limit:
            distance = Levenshtein.distance(qword, kword, score_cutoff=limit)
            if distance <= limit:
                best = min(best or (distance, 0), (distance, 0))
            elif last and len(kword) > len(qword):
                distance = Levenshtein.distance(qword, kword[: len(qword)], score_cutoff=limit)
                if distance <= limit:
                    best = min(best or (distance, 1), (distance, 1))
    return best


def score(qkey: str, key: str, source: str) -> tuple[float, ...] | None:
    """The rank of one indexed key for a folded query (bigger is better); None when it does not match."""
    if key == qkey:
        tier, edits = EXACT, 0
    elif key.startswith(qkey):
        tier, edits = PREFIX, 0
    else:
        qwords, kwords = qkey.split(), key.split()
        costs = [_word_cost(w, kwords, i == len(qwords) - 1) for i, w in enumerate(qwords)]
        if all(c is not None for c in costs):
            edits = sum(c[0] for c in costs if c is not None)
            tier = WORDS if edits == 0 else TYPO
        else:
            similarity = fuzz.ratio(qkey, key)
            partial = fuzz.partial_ratio(qkey, key) if len(qkey) >= 4 else 0.0
            best = max(similarity, partial * 0.95)
            if best < 80:
                return None
            return (SIMILAR, best, SOURCE_BONUS.get(source, 0), -abs(len(key) - len(qkey)))
    closeness = -abs(len(key) - len(qkey))
    return (tier, -edits, SOURCE_BONUS.get(source, 0), closeness)


def _visible(user: Any, type: str | None, filters: dict[str, Any]) -> QuerySet[SearchEntry]:
    qs = SearchEntry.objects.all()
    film_filters = {k: v for k, v in filters.items() if v not in (None, "")}
    if film_filters:
        type = EntryType.FILM
    if type:
        qs = qs.filter(type=type)
    if type != EntryType.PERSON:
        visible = film_visibility(user, "film__")
        if visible:  # an empty Q (platform administrators) would swallow the OR
            qs = qs.filter(Q(type=EntryType.PERSON) | visible)
        if film_filters:
            qs = film_filter(qs, prefix="film__", **film_filters)  # type: ignore[arg-type]
    return qs


def _prefix_range(qkey: str) -> Q:
    if connection.vendor == "postgresql":  # LIKE 'q%' uses the varchar_pattern_ops index
        return Q(key__startswith=qkey)
    return Q(key__gte=qkey, key__lt=qkey + "\uffff")  # a B-tree range (SQLite's LIKE ignores the index)


def _similar_words(word: str, limit: int = 40) -> list[str]:
    """Dictionary words within the typo allowance of ``word`` (a trigram shortlist checked by Levenshtein)."""
    edits = allowed_edits(word)
    if not edits:
        return []
    low, high = len(word) - edits, len(word) + edits
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT word FROM search_searchword WHERE word %% %s AND length(word) BETWEEN %s AND %s "
                "ORDER BY similarity(word, %s) DESC LIMIT %s",
                [word, low, high, word, limit],
            )
        elif connection.vendor == "sqlite":
            grams = _trigrams(word)
            cursor.execute(
                "SELECT w.word FROM search_word_fts f JOIN search_searchword w ON w.id = f.rowid "
                "WHERE search_word_fts MATCH %s AND length(w.word) BETWEEN %s AND %s "
                "ORDER BY f.rank LIMIT %s",
                [" OR ".join(f'"{g}"' for g in grams), low, high, limit],
            )
        else:
            return []
        found = [row[0] for row in cursor.fetchall()]
    return [w for w in found if w != word and Levenshtein.distance(word, w, score_cutoff=edits) <= edits]


def _expansions(words: list[str], *, known_too: bool = False) -> list[list[str]]:
    """For each query word: itself and, when the word is not in the dictionary (a typo, or a word being
    typed) or ``known_too``, the dictionary words within its typo allowance."""
    long = [w for w in words if allowed_edits(w)]
    known: set[str] = set()
    if long and not known_too:
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(long))
            cursor.execute(f"SELECT word FROM search_searchword WHERE word IN ({marks})", long)  # noqa: S608
            known = {row[0] for row in cursor.fetchall()}
    return [[w] if w in known or not allowed_edits(w) else [w, *_similar_words(w)] for w in words]


def _word_candidates(words: list[str], *, known_too: bool = False) -> list[int]:
    """Entries whose key has, for every query word, the word or a correction of it (the last word may be
    a prefix): an AND of ORs through the full-text index."""
    groups = _expansions(words, known_too=known_too)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = []
            for i, group in enumerate(groups):
                terms = [t for t in group if t.isalnum()]
                if not terms:
                    continue
                if i == len(groups) - 1:
                    terms[0] = terms[0] + ":*"
                parts.append("(" + " | ".join(terms) + ")")
            if not parts:
                return []
            cursor.execute(
                "SELECT id FROM search_searchentry "
                "WHERE to_tsvector('simple', key) @@ to_tsquery('simple', %s) LIMIT %s",
                [" & ".join(parts), SHORTLIST],
            )
        elif connection.vendor == "sqlite":
            # trigram tokens: words under three letters cannot be looked up (the ranking checks them)
            parts = ["(" + " OR ".join(f'"{t}"' for t in group if len(t) >= 3) + ")" for group in groups]
            parts = [p for p in parts if p != "()"]
            if not parts:
                return []
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s",
                [" AND ".join(parts), SHORTLIST],
            )
        else:
            return []
        return [row[0] for row in cursor.fetchall()]


def _similar_candidates(qkey: str) -> list[int]:
    """The last resort when no key has every word: keys sharing the most trigrams with the query."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if len(qkey) < 3:
                return []
            cursor.execute("SET pg_trgm.word_similarity_threshold = 0.3")
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE %s <%% key "
                "ORDER BY word_similarity(%s, key) DESC LIMIT %s",
                [qkey, qkey, FUZZY_SHORTLIST],
            )
        elif connection.vendor == "sqlite":
            grams = _trigrams(qkey)
            if not grams:
                return []
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s",
                [" OR ".join(f'"{g}"' for g in grams), FUZZY_SHORTLIST],
            )
        else:
            return []
        return [row[0] for row in cursor.fetchall()]


def _trigrams(qkey: str) -> list[str]:
    grams: list[str] = []
    for word in qkey.split():
        for i in range(max(len(word) - 2, 0)):
            gram = word[i : i + 3]
            if gram not in grams:
                grams.append(gram)
    return grams[:24]


def search(
    *,
    user: Any,
    q: str,
    type: str | None = None,
    limit: int = 20,
    kind: str | None = None,
    country: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    language: str | None = None,
) -> list[Hit]:
    """Films and people matching ``q`` in any script or spelling, best first, one hit per record."""
    qkey = search_key((q or "")[:QUERY_MAX]).strip()
    if not qkey:
        return []
    limit = max(1, min(int(limit), 100))
    base = _visible(
        user,
        type,
        {"kind": kind, "country": country, "year_from": year_from, "year_to": year_to, "language": language},
    )
    fields = ("id", "type", "film_id", "person_id", "key", "source")
    rows: dict[int, tuple[Any, ...]] = {}
    for row in base.filter(Q(key=qkey) | _prefix_range(qkey)).values_list(*fields)[:SHORTLIST]:
        rows[row[0]] = row

    def add(ids: list[int]) -> None:
        wanted = [i for i in dict.fromkeys(ids) if i not in rows]
        if wanted:
            for row in base.filter(id__in=wanted).values_list(*fields):
                rows[row[0]] = row

    words = qkey.split()[:12]
    add(_word_candidates(words))
    best = _rank(qkey, rows.values())
    if len(best) < FEW and any(allowed_edits(w) for w in words):
        # few answers: correctly spelled words may still be typos of other words ("kelin" for "kelim")
        add(_word_candidates(words, known_too=True))
        best = _rank(qkey, rows.values())
    if not best:
        add(_similar_candidates(qkey))
        best = _rank(qkey, rows.values())
    ordered = sorted(best.values(), key=lambda h: (h.score, h.type == EntryType.FILM, -h.id), reverse=True)
    return ordered[:limit]


def _rank(qkey: str, rows: Any) -> dict[tuple[str, int], Hit]:
    best: dict[tuple[str, int], Hit] = {}
    for _id, entry_type, film_id, person_id, key, source in rows:
        rank = score(qkey, key, source)
        if rank is None:
            continue
        target = (entry_type, film_id if entry_type == EntryType.FILM else person_id)
        current = best.get(target)
        if current is None or rank > current.score:
            best[target] = Hit(type=entry_type, id=target[1], score=rank, matched=key)
    return best


def naive_search(*, q: str, limit: int = 20) -> list[int]:
    """The peer of the benchmark: a case-insensitive substring scan over the titles as they are written."""
    from korkyt.catalogue.models import FilmTitle

    rows = FilmTitle.objects.filter(text__icontains=q).order_by().values_list("film_id", flat=True)
    return list(rows.distinct()[:limit])
