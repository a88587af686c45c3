"""Give the stored index the keys of the current folding, for data migrations after the key function
changed (``korkyt.translit.search_keys``): ``RunPython(rekey)``.

Every entry keeps its film or person, text, language, source and public flag; its keys are computed again
from its own ``text`` (a title or name is stored whole there), entries of one film or person that now
share a key become one (the first, so an original title before its variants) and a text folded to two keys
(ё read as е) gets its second row; people whose names were written around the catalogue's services get
their rows from their names. The dictionary of words and their variants is then made again from the keys.
Works on the historical models a migration passes; ``korkyt catalogue reindex`` is the rebuild from the
catalogue itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from korkyt.search.dictionary import variants
from korkyt.translit import search_keys

KEY_MAX = 300
WORD_MAX = 100
CHUNK = 1000  # films or people rewritten at a time


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def rekey(apps: Any, schema_editor: Any) -> None:
    entries = apps.get_model("search", "SearchEntry")
    words: set[str] = set()
    for column in ("film_id", "person_id"):
        targets = sorted(
            set(entries.objects.exclude(**{column: None}).values_list(column, flat=True).distinct())
        )
        for ids in _chunks(targets):
            rows = entries.objects.filter(**{f"{column}__in": ids}).order_by("pk")
            fresh = []
            seen: set[tuple[int, str]] = set()
            for row in rows:
                target = getattr(row, column)
                for key in dict.fromkeys(k[:KEY_MAX] for k in search_keys(row.text, row.language)):
                    if (target, key) in seen:
                        continue
                    seen.add((target, key))
                    words.update(w for w in key.split() if len(w) <= WORD_MAX)
                    fresh.append(
                        entries(
                            type=row.type,
                            film_id=row.film_id,
                            person_id=row.person_id,
                            key=key,
                            text=row.text,
                            language=row.language,
                            source=row.source,
                            public=row.public,
                        )
                    )
            entries.objects.filter(**{f"{column}__in": ids}).delete()
            entries.objects.bulk_create(fresh, batch_size=2000)
    words |= _unindexed_people(apps)
    _dictionary(apps, words)


def _unindexed_people(apps: Any) -> set[str]:
    """Index the people whose names were written around the catalogue's services (the demo's voice actors
    were): people are listed by name through the index. Returns the words of their keys."""
    entries = apps.get_model("search", "SearchEntry")
    names = apps.get_model("catalogue", "PersonName")
    indexed = entries.objects.filter(type="person").values("person_id")
    rows = names.objects.exclude(person_id__in=indexed).values_list(
        "person_id", "text", "language", "generated", "position"
    )
    fresh = []
    seen: set[tuple[int, str]] = set()
    for person_id, text, language, generated, position in sorted(rows, key=lambda r: (r[3], r[4], r[0])):
        source = "original" if not generated and position == 0 else "variant"
        for key in dict.fromkeys(k[:KEY_MAX] for k in search_keys(text, language)):
            if (person_id, key) not in seen:
                seen.add((person_id, key))
                fresh.append(
                    entries(type="person", person_id=person_id, key=key, text=text[:300], language=language,
                            source=source, public=True)
                )  # fmt: skip
    entries.objects.bulk_create(fresh, batch_size=2000)
    return {w for e in fresh for w in e.key.split() if len(w) <= WORD_MAX}


def _dictionary(apps: Any, words: set[str]) -> None:
    """The dictionary made again: exactly the words of the keys, with their one-letter deletions."""
    word_model = apps.get_model("search", "SearchWord")
    variant_model = apps.get_model("search", "SearchWordVariant")
    variant_model.objects.all().delete()
    word_model.objects.all().delete()
    ordered = sorted(words)
    word_model.objects.bulk_create((word_model(word=w) for w in ordered), batch_size=2000)
    batch: list[Any] = []
    for word in ordered:
        batch.extend(variant_model(variant=v, word=word) for v in sorted(variants(word)))
        if len(batch) >= 20000:
            variant_model.objects.bulk_create(batch, batch_size=2000, ignore_conflicts=True)
            batch = []
    variant_model.objects.bulk_create(batch, batch_size=2000, ignore_conflicts=True)
