"""The shortlist of a search: the index entries worth ranking, read in as few statements as possible.

Every statement is plain SQL over ``search_searchentry``. For the public (who see published films only) the
entries' own ``public`` flag is the whole condition. Otherwise the film table is joined, and the visibility
and filter conditions are the catalogue's own ``Q`` objects, compiled to SQL once per process and kind of
viewer, so the search sees exactly the films the catalogue lets the viewer see.

- ``first``: keys equal to the query or beginning with it (a B-tree range), together with the entries having
  every query word or one of its corrections, the last word possibly a prefix (the word index: SQLite FTS5
  ``unicode61`` tokens, PostgreSQL ``simple`` full text), in one statement. On PostgreSQL the dictionary
  lookup of the query words rides in the same statement (a round trip and a plan fewer), with the words as
  typed; when one is not in the dictionary, ``words`` follows with its corrections.
- ``words``: the word query again, with corrections.
- ``fallback``: when no key has every word, the entries having every word but one (a word too short for typo
  tolerance, or one typo too many), or for a query of one word its spellings within one more edit; the keys
  closest in length to the query first.

Typo corrections come from the dictionary of indexed words (``korkyt.search.dictionary``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Q

from korkyt.catalogue.models import Film
from korkyt.catalogue.selectors import film_filter, film_visibility, sees_published_films_only
from korkyt.core.actors import Actor
from korkyt.search.db import fetch
from korkyt.search.dictionary import Dictionary
from korkyt.search.models import EntryType
from korkyt.search.names import NameRow, names_sql

SHORTLIST = 200
FUZZY_SHORTLIST = 200
FUZZY_POOL = 2000  # the keys of the last resort are chosen by length among this many
PREFIX_MIN = 3  # a last word this long is also looked up as the beginning of a word (shorter: too many)

Row = tuple[int, str, int | None, int | None, str, str]
_FIELDS = "e.id, e.type, e.film_id, e.person_id, e.key, e.source"


# Who sees what ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which index entries the viewer may get: a condition over ``e`` and, when ``join``, the film table."""

    where: str
    params: tuple[Any, ...]
    join: bool
    postgres: bool

    def select(
        self,
        condition: str,
        params: Sequence[Any],
        limit: int,
        *,
        words: bool = False,
        order: str = "",
        order_params: Sequence[Any] = (),
    ) -> tuple[str, list[Any]]:
        """A statement for ``limit`` visible entries matching ``condition`` (``words``: a condition on the
        SQLite word index, joined), in ``order``."""
        if words and not self.postgres:
            source = "search_token_fts JOIN search_searchentry e ON e.id = search_token_fts.rowid"
        else:
            source = "search_searchentry e"
        if self.join:
            film = connection.ops.quote_name(Film._meta.db_table)
            source += f" LEFT OUTER JOIN {film} ON {film}.id = e.film_id"
        where = f"{condition} AND {self.where}" if self.where else condition
        sql = f"SELECT {_FIELDS} FROM {source} WHERE {where}"  # noqa: S608 - names and placeholders only
        args = [*params, *self.params]
        if order:
            sql += f" ORDER BY {order}"
            args.extend(order_params)
        return sql + " LIMIT %s", [*args, limit]


def scope(user: Actor, type: str | None, filters: dict[str, Any]) -> Scope:
    """Entries of people, and of the films ``user`` may see that pass the catalogue filters. The filters
    are the films' (kind, country, years, language): with them, only films are found; a search for people
    ignores them."""
    film_filters = tuple(sorted((k, v) for k, v in filters.items() if v not in (None, "")))
    if type == EntryType.PERSON:
        film_filters = ()
    if film_filters:
        type = EntryType.FILM
    elif sees_published_films_only(user):  # the public: the entries' own flag, no film table
        return _public(connection.vendor, str(type or ""))
    visible = film_visibility(user) if type != EntryType.PERSON else None
    key = (connection.alias, connection.vendor, str(type or ""), visible, film_filters)
    try:
        return _compiled(*key)
    except TypeError:  # a condition that cannot be a cache key: compiled for this request only
        return _compiled.__wrapped__(*key)


@lru_cache(maxsize=8)
def _public(vendor: str, type: str) -> Scope:
    """People and published films (``SearchEntry.public``), of one type or both."""
    if type:
        return Scope("e.type = %s AND e.public", (type,), False, vendor == "postgresql")
    return Scope("e.public", (), False, vendor == "postgresql")


@lru_cache(maxsize=256)
def _compiled(
    alias: str, vendor: str, type: str, visible: Q | None, film_filters: tuple[tuple[str, Any], ...]
) -> Scope:
    """The scope as SQL (stable per kind of viewer: compiled once per process)."""
    parts: list[str] = []
    params: list[Any] = []
    if type:
        parts.append("e.type = %s")
        params.append(type)
    join = False
    if visible is not None:
        films = Film.objects.filter(visible) if visible else Film.objects.all()
        if film_filters:
            films = film_filter(films, **dict(film_filters))
        query = films.query
        if query.where:
            where, where_params = query.get_compiler(connection=connection).compile(query.where)
            join = True
            if type == EntryType.FILM:
                parts.append(f"({where})")
            else:  # an empty condition (platform administrators) would swallow the OR
                parts.append(f"(e.type = %s OR ({where}))")
                params.append(EntryType.PERSON.value)
            params.extend(where_params)
    return Scope(" AND ".join(parts), tuple(params), join, vendor == "postgresql")


# The statements -------------------------------------------------------------------------------------


def _successor(text: str) -> str | None:
    """The smallest string after every string that begins with ``text`` (code point order)."""
    last = ord(text[-1]) + 1
    if last > 0x10FFFF or 0xD800 <= last <= 0xDFFF:
        return None
    return text[:-1] + chr(last)


def _prefix(scope: Scope, qkey: str) -> tuple[str, list[Any]]:
    """Keys equal to the query or beginning with it: a range of the B-tree index."""
    upper = _successor(qkey)
    if scope.postgres:  # the varchar_pattern_ops index compares bytes (UTF-8 keeps code point order)
        if upper is None:
            pattern = qkey.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            return "e.key LIKE %s", [pattern]
        return "e.key ~>=~ %s AND e.key ~<~ %s", [qkey, upper]
    if upper is None:
        return "e.key >= %s", [qkey]
    return "e.key >= %s AND e.key < %s", [qkey, upper]


def _terms(scope: Scope, group: Sequence[str]) -> list[str]:
    """The spellings of a query word as word-index terms (PostgreSQL's ``simple`` words are letters and
    digits; SQLite's are quoted)."""
    if scope.postgres:
        return [t for t in group if t.isalnum()]
    return [f'"{t}"' for t in group if t]


def readings(group: Sequence[str]) -> list[str]:
    """The readings of a query word that lead its group (``korkyt.translit.query_keys``: the word with c
    read as j, then as c); the terms after them are typo corrections."""
    first = group[0].replace("c", "j")
    count = 1
    while count < len(group) and group[count].replace("c", "j") == first:
        count += 1
    return list(group[:count])


def _expressions(scope: Scope, groups: Sequence[Sequence[str]]) -> list[str]:
    """One word-index expression per query word that can be looked up: an OR of its spellings, the word
    as typed (each of its readings) also as a prefix when it is the last (being typed) and has at least
    ``PREFIX_MIN`` letters. A shorter last word after other words is left to the ranking (the keys
    beginning with the whole query come from the key index); alone, it is looked up as a whole word."""
    parts: list[str] = []
    for i, group in enumerate(groups):
        terms = _terms(scope, group)
        if not terms:
            continue
        if i == len(groups) - 1:
            if len(group[0]) >= PREFIX_MIN:
                star = ":*" if scope.postgres else "*"
                typed = set(_terms(scope, readings(group)))
                terms = [t + star if t in typed else t for t in terms]
            elif parts:  # one or two letters being typed after other words: ranked, not looked up
                continue
        parts.append("(" + (" | " if scope.postgres else " OR ").join(terms) + ")")
    return parts


def _all(scope: Scope, parts: Sequence[str]) -> str:
    return (" & " if scope.postgres else " AND ").join(parts)


def _matching(scope: Scope, expression: str) -> tuple[str, list[Any]]:
    """A condition: the key matches the word-index expression."""
    if scope.postgres:
        return "to_tsvector('simple', e.key) @@ to_tsquery('simple', %s)", [expression]
    return "search_token_fts MATCH %s", [expression]


_NO_ID = "CAST(NULL AS bigint)"
_NO_NAME = "CAST(NULL AS text), CAST(NULL AS boolean), CAST(NULL AS text)"  # title kind, generated, scheme


class First(NamedTuple):
    entries: list[Row]
    words: list[tuple[str, str, str | None]]  # rows of the dictionary lookup sent along
    names: list[NameRow]  # what the results show, when the entries are of few films and people


def first(
    scope: Scope,
    qkey: str,
    groups: Sequence[Sequence[str]],
    lookup: tuple[str, list[Any]] | None = None,
    names: int = 0,
) -> First:
    """Entries whose key is the query or begins with it (at most ``SHORTLIST``), then entries having every
    word or one of its corrections (at most ``SHORTLIST``), in one statement; with ``lookup`` (a statement
    of the dictionary, rows of three columns) in the same statement too; and when the entries are of at most
    ``names`` films and people, what the results show of them (``korkyt.search.names``)."""
    sql, args = scope.select(*_prefix(scope, qkey), SHORTLIST)
    parts = [f"SELECT * FROM ({sql}) AS p"]  # noqa: S608
    entries_args = [*args]
    expressions = _expressions(scope, groups)
    if expressions:
        words_sql, words_args = scope.select(
            *_matching(scope, _all(scope, expressions)), SHORTLIST, words=True
        )
        parts.append(f"SELECT * FROM ({words_sql}) AS w")  # noqa: S608
        entries_args.extend(words_args)
    # one row shape for all: a mark, then columns whose types agree across the branches
    statement = ["SELECT 'e', s.type, s.id, s.film_id, s.key, s.source, NULL, NULL, NULL, s.person_id FROM s"]
    statement_args: list[Any] = []
    if lookup is not None:
        found = f"SELECT 'd', d.kind, {_NO_ID}, {_NO_ID}, d.word, d.other, {_NO_NAME}, {_NO_ID}"
        statement.insert(0, f"{found} FROM ({lookup[0]}) AS d(kind, word, other)")
        statement_args.extend(lookup[1])
    if names:
        shown = names_sql("SELECT film_id FROM s", "SELECT person_id FROM s")
        few = "(SELECT count(*) FROM (SELECT DISTINCT type, film_id, person_id FROM s) AS targets) <= %s"
        statement.append(f"SELECT 'n', n.* FROM ({shown}) AS n WHERE {few}")  # noqa: S608
        statement_args.append(names)
    cte = "WITH s AS MATERIALIZED (" + " UNION ALL ".join(parts) + ") "
    rows = fetch(cte + " UNION ALL ".join(statement), [*entries_args, *statement_args])
    result = First([], [], [])
    for row in rows:
        mark = row[0]
        if mark == "e":
            result.entries.append((row[2], row[1], row[3], row[9], row[4], row[5]))
        elif mark == "d":
            result.words.append((row[1], row[4], row[5]))
        else:
            result.names.append(row[1:])
    return result


def words(scope: Scope, groups: Sequence[Sequence[str]]) -> list[Row]:
    """Entries having every word or one of its corrections (the last word possibly a prefix)."""
    parts = _expressions(scope, groups)
    if not parts:
        return []
    return fetch(*scope.select(*_matching(scope, _all(scope, parts)), SHORTLIST, words=True))


def fallback(scope: Scope, qkey: str, groups: Sequence[Sequence[str]], dictionary: Dictionary) -> list[Row]:
    """The last resort when no key has every word: keys having every word but one, or for a query with one
    word that can be looked up, one of its spellings within one edit more than the typo allowance (longer
    words beginning so too, when it is the last word)."""
    parts = _expressions(scope, groups)
    if len(parts) > 1:
        alternatives = ["(" + _all(scope, [*parts[:i], *parts[i + 1 :]]) + ")" for i in range(len(parts))]
        expression = (" | " if scope.postgres else " OR ").join(alternatives)
    elif parts:
        index = next(i for i, group in enumerate(groups) if _terms(scope, group))
        typed = readings(groups[index])
        last = index == len(groups) - 1
        loose: list[list[str]] = [[] for _ in groups]
        loose[index] = list(
            dict.fromkeys([*typed, *(w for r in typed for w in dictionary.loose(r, prefix=last))])
        )
        expression = _expressions(scope, loose)[0]
    else:
        return []
    # the keys closest in length to the query first, among a bounded pool: a common word has many keys
    if scope.postgres:
        pool = (
            "e.id IN (SELECT id FROM search_searchentry "
            "WHERE to_tsvector('simple', key) @@ to_tsquery('simple', %s) LIMIT %s)"
        )
    else:
        pool = "e.id IN (SELECT rowid FROM search_token_fts WHERE search_token_fts MATCH %s LIMIT %s)"
    order, order_params = "abs(length(e.key) - %s)", [len(qkey)]
    statement = scope.select(
        pool, [expression, FUZZY_POOL], FUZZY_SHORTLIST, order=order, order_params=order_params
    )
    return fetch(*statement)
