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


def _sqlite_ids(qkey: str) -> list[int]:
    ids: list[int] = []
    with connection.cursor() as cursor:
        if len(qkey) >= 3:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s",
                ['"' + qkey + '"', SHORTLIST],
            )
            ids += [r[0] for r in cursor.fetchall()]
        grams = _trigrams(qkey)
        if grams:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s",
                [" OR ".join(f'"{g}"' for g in grams), FUZZY_SHORTLIST],
            )
            ids += [r[0] for r in cursor.fetchall()]
    return ids


def _trigrams(qkey: str) -> list[str]:
    grams: list[str] = []
    for word in qkey.split():
        for i in range(max(len(word) - 2, 0)):
            gram = word[i : i + 3]
            if gram not in grams:
                grams.append(gram)
    return grams[:24]


def _postgres_ids(qkey: str) -> list[int]:
    words = [w for w in qkey.split() if w.isalnum()]
    ids: list[int] = []
    with connection.cursor() as cursor:
        if words:
            cursor.execute(
                "SELECT id FROM search_searchentry "
                "WHERE to_tsvector('simple', key) @@ to_tsquery('simple', %s) LIMIT %s",
                [" & ".join(f"{w}:*" for w in words), SHORTLIST],
            )
            ids += [r[0] for r in cursor.fetchall()]
        if len(qkey) >= 3:
            cursor.execute("SET pg_trgm.word_similarity_threshold = 0.3")
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE %s <%% key "
                "ORDER BY word_similarity(%s, key) DESC LIMIT %s",
                [qkey, qkey, FUZZY_SHORTLIST],
            )
            ids += [r[0] for r in cursor.fetchall()]
    return ids


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
    if connection.vendor == "postgresql":
        ids = _postgres_ids(qkey)
    elif connection.vendor == "sqlite":
        ids = _sqlite_ids(qkey)
    else:  # another database: a bounded scan of the keys
        ids = list(base.filter(key__contains=qkey).values_list("id", flat=True)[:SHORTLIST])
    ids = [i for i in dict.fromkeys(ids) if i not in rows]
    if ids:
        for row in base.filter(id__in=ids).values_list(*fields):
            rows[row[0]] = row
    best: dict[tuple[str, int], Hit] = {}
    for _id, entry_type, film_id, person_id, key, source in rows.values():
        rank = score(qkey, key, source)
        if rank is None:
            continue
        target = (entry_type, film_id if entry_type == EntryType.FILM else person_id)
        current = best.get(target)
        if current is None or rank > current.score:
            best[target] = Hit(type=entry_type, id=target[1], score=rank, matched=key)
    ordered = sorted(best.values(), key=lambda h: (h.score, h.type == EntryType.FILM, -h.id), reverse=True)
    return ordered[:limit]


def naive_search(*, q: str, limit: int = 20) -> list[int]:
    """The peer of the benchmark: a case-insensitive substring scan over the titles as they are written."""
    from korkyt.catalogue.models import FilmTitle

    return list(
        FilmTitle.objects.filter(text__icontains=q).values_list("film_id", flat=True).distinct()[:limit]
    )
