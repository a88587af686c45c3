from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from korkyt.mt.memory import Match, TMUnit, TranslationMemory, normalise
from korkyt.mt.memory.index import PairIndex


def unit(source: str, target: str = "t", **kwargs: object) -> TMUnit:
    options: dict = {"source_lang": "kk", "target_lang": "tr"}
    options.update(kwargs)
    return TMUnit(source, target, **options)


def test_exact_match_ignores_case_punctuation_markup_and_spacing() -> None:
    memory = TranslationMemory([unit("Сен қайдасың?", "Neredesin?")])
    [match] = memory.lookup("<i>сен   ҚАЙДАСЫҢ!</i>", "kk", "tr")
    assert match.kind == "exact" and match.score == 100
    assert match.unit.target_text == "Neredesin?"


def test_turkish_dotted_and_dotless_i_match_in_every_casing() -> None:
    memory = TranslationMemory([unit("IŞIK YOK", "Жарық жоқ", source_lang="tr", target_lang="kk")])
    assert memory.lookup("ışık yok", "tr", "kk")[0].kind == "exact"
    assert memory.lookup("Işık yok.", "tr", "kk")[0].kind == "exact"


def test_uzbek_apostrophe_variants_match() -> None:
    memory = TranslationMemory([unit("O‘zbekiston", "Özbekistan", source_lang="uz", target_lang="tr")])
    assert memory.lookup("Oʻzbekiston", "uz-Latn", "tr")[0].kind == "exact"
    assert memory.lookup("O'zbekiston", "uz", "tr")[0].kind == "exact"


def test_exact_comes_before_fuzzy_and_fuzzy_is_scored_like_ratio() -> None:
    memory = TranslationMemory(
        [unit("мен үйге барамын", "eve gidiyorum"), unit("мен үйге бардым", "eve gittim")]
    )
    matches = memory.lookup("Мен үйге барамын.", "kk", "tr")
    assert [m.kind for m in matches] == ["exact", "fuzzy"]
    assert matches[1].score == pytest.approx(fuzz.ratio("мен үйге барамын", "мен үйге бардым"))


def test_fuzzy_below_threshold_is_not_returned() -> None:
    memory = TranslationMemory([unit("бүгін күн ашық", "bugün hava açık")])
    assert memory.lookup("ертең жаңбыр жауады", "kk", "tr") == []
    assert memory.lookup("бүгін күн ашық па", "kk", "tr", threshold=95) == []
    assert memory.lookup("бүгін күн ашық па", "kk", "tr", threshold=75)


def test_only_the_requested_pair_is_searched() -> None:
    memory = TranslationMemory([unit("сәлем", "привет", target_lang="ru")])
    assert memory.lookup("сәлем", "kk", "tr") == []
    assert memory.lookup("сәлем", "kk-Cyrl", "ru")[0].unit.target_text == "привет"
    assert memory.lookup("сәлем", "kk-Latn", "ru") == []


def test_on_equal_scores_the_same_film_comes_first_then_the_latest_approval() -> None:
    memory = TranslationMemory(
        [
            unit("сәлем", "selam (old)", film_id=1, approved=date(2020, 1, 1)),
            unit("сәлем", "selam (new)", film_id=1, approved=datetime(2025, 3, 1, tzinfo=UTC)),
            unit("сәлем", "merhaba (film 9)", film_id=9, approved=date(2019, 1, 1)),
            unit("сәлем", "selam (undated)", film_id=1),
        ]
    )
    texts = [m.unit.target_text for m in memory.lookup("Сәлем!", "kk", "tr", film=9, limit=4)]
    assert texts == ["merhaba (film 9)", "selam (new)", "selam (old)", "selam (undated)"]
    texts = [m.unit.target_text for m in memory.lookup("Сәлем!", "kk", "tr", limit=2)]
    assert texts == ["selam (new)", "selam (old)"]


def test_same_source_and_target_is_returned_once() -> None:
    memory = TranslationMemory([unit("иә", "evet", film_id=n) for n in range(5)] + [unit("иә", "tabii")])
    matches = memory.lookup("Иә.", "kk", "tr", film=3)
    assert [(m.unit.target_text, m.unit.film_id) for m in matches] == [("evet", 3), ("tabii", None)]


def test_lookup_many_returns_one_list_per_text_in_order() -> None:
    memory = TranslationMemory([unit("бір", "bir"), unit("екі", "iki")])
    results = memory.lookup_many(["екі", "жоқ", "Бір!", "екі"], "kk", "tr")
    assert [[m.unit.target_text for m in r] for r in results] == [["iki"], [], ["bir"], ["iki"]]
    assert TranslationMemory().lookup_many(["a"], "kk", "tr") == [[]]


def test_units_added_after_a_lookup_are_found() -> None:
    memory = TranslationMemory([unit("бір", "bir")])
    assert memory.lookup("екі", "kk", "tr") == []
    memory.add(unit("екі", "iki"))
    assert memory.lookup("екі", "kk", "tr")[0].unit.target_text == "iki"
    assert len(memory) == 2 and memory.pairs() == {("kk", "tr")}


def test_text_with_nothing_but_punctuation_matches_nothing() -> None:
    memory = TranslationMemory([unit("...", "..."), unit("♪", "♪")])
    assert memory.lookup("...", "kk", "tr") == []


@pytest.mark.parametrize(("limit", "threshold"), [(0, 75), (3, 0), (3, 101), (3, "75"), (True, 75)])
def test_bad_limit_or_threshold_is_refused(limit: object, threshold: object) -> None:
    with pytest.raises(ValueError, match=r"limit|threshold"):
        TranslationMemory().lookup("x", "kk", "tr", limit=limit, threshold=threshold)  # type: ignore[arg-type]


def test_lookup_of_something_that_is_not_text_is_refused() -> None:
    memory = TranslationMemory([unit("a")])
    with pytest.raises(ValueError, match="must be a string, not NoneType"):
        memory.lookup(None, "kk", "tr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="list of texts"):
        memory.lookup_many("abc", "kk", "tr")


def test_unit_with_bad_language_or_text_is_refused() -> None:
    with pytest.raises(ValueError, match="language tag"):
        TMUnit("a", "b", "Kazakh", "tr")
    with pytest.raises(ValueError, match="texts"):
        TMUnit(None, "b", "kk", "tr")  # type: ignore[arg-type]


def naive_best(memory_texts: list[str], query: str, threshold: float) -> float | None:
    """The peer: a full rapidfuzz scan over every unit of the pair."""
    key = normalise(query)
    choices = [normalise(t) for t in memory_texts]
    choices = [c for c in choices if c]
    if not key or not choices:
        return None
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=1)
    return found[0][1] if found else None


# A small alphabet so that scores near the threshold are common; markup and casing included.
SMALL = st.text(alphabet="abcıI İ.,!<i>ә", max_size=14)


@settings(max_examples=120, deadline=None)
@given(
    texts=st.lists(SMALL, min_size=0, max_size=25),
    query=SMALL,
    threshold=st.sampled_from([40.0, 60.0, 66.7, 75.0, 80.0, 90.0, 100.0]),
)
def test_best_match_is_the_full_scans_best_match(texts: list[str], query: str, threshold: float) -> None:
    memory = TranslationMemory(unit(text, f"target {n}") for n, text in enumerate(texts))
    matches = memory.lookup(query, "kk", "tr", threshold=threshold)
    best = naive_best(texts, query, threshold)
    if best is None:
        assert matches == []
    else:
        assert matches and matches[0].score == best
        assert matches[0].score == fuzz.ratio(normalise(query), normalise(matches[0].unit.source_text))


# Many distinct characters, so some share the index's last count column.
WIDE = st.text(alphabet=st.characters(min_codepoint=0x400, max_codepoint=0x4FF), min_size=1, max_size=10)


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(WIDE, min_size=1, max_size=120), query=WIDE, threshold=st.sampled_from([50.0, 75.0]))
def test_index_finds_every_key_the_full_scan_finds(keys: list[str], query: str, threshold: float) -> None:
    index = PairIndex(keys, list(range(len(keys))))
    found = {key: score for key, score in index.search(query, threshold)}
    expected = {key: fuzz.ratio(query, key) for key in set(keys) if fuzz.ratio(query, key) >= threshold}
    assert found == pytest.approx(expected)


def test_character_repeated_over_255_times_is_still_found() -> None:
    long = "а" * 300 + "б"
    index = PairIndex([long, "в" * 301], [0, 1])
    assert [key for key, _ in index.search("а" * 300, 75)] == [long]


def test_match_records_unit_score_and_kind() -> None:
    m = Match(unit("a"), 80.0, "fuzzy")
    assert (m.score, m.kind, m.unit.source_text) == (80.0, "fuzzy", "a")


# Few letters and long texts: characters repeat more than a few times, so the index takes its
# minimum path as well as its comparison path, and queries over 255 characters its wide accumulator.
REPEATING = st.text(alphabet="ab c", min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    keys=st.lists(REPEATING, min_size=1, max_size=80),
    query=REPEATING,
    threshold=st.sampled_from([60.0, 75.0]),
)
def test_index_with_repeated_characters_finds_what_the_full_scan_finds(
    keys: list[str], query: str, threshold: float
) -> None:
    index = PairIndex(keys, list(range(len(keys))))
    found = {key: score for key, score in index.search(query, threshold)}
    expected = {key: fuzz.ratio(query, key) for key in set(keys) if fuzz.ratio(query, key) >= threshold}
    assert found == pytest.approx(expected)


def test_index_of_long_keys_uses_a_wide_bound() -> None:
    keys = ["ab" * 200, "ab" * 150 + "c" * 100, "c" * 400]
    index = PairIndex(keys, [0, 1, 2])
    found = dict(index.search("ab" * 200, 75))
    assert set(found) == {"ab" * 200, "ab" * 150 + "c" * 100}
    assert found["ab" * 200] == 100


def test_index_keeps_every_position_of_a_shared_key_in_order() -> None:
    index = PairIndex(["x y", "z", "x y", "", "x y"], [10, 11, 12, 13, 14])
    assert index.positions("x y") == [10, 12, 14]
    assert index.positions("z") == [11]
    assert index.positions("") == [] and "" not in index
    assert index.positions("nothing") == [] and len(index) == 2


def rows(texts: list[str], keyed: bool) -> list[tuple[object, ...]]:
    return [
        (
            n,
            t,
            f"target {n}",
            "film-1" if n % 3 == 0 else None,
            None,
            None,
            None,
            normalise(t) if keyed else None,
        )
        for n, t in enumerate(texts)
    ]


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(SMALL, min_size=0, max_size=25), query=SMALL, keyed=st.booleans())
def test_rows_give_the_same_matches_as_units(texts: list[str], query: str, keyed: bool) -> None:
    eager = TranslationMemory(
        unit(t, f"target {n}", film_id="film-1" if n % 3 == 0 else None, id=n) for n, t in enumerate(texts)
    )
    lazy = TranslationMemory()
    lazy.extend_rows("kk-Cyrl", "tr", rows(texts, keyed))
    for limit in (1, 3):
        assert lazy.lookup(query, "kk", "tr", film="film-1", limit=limit) == eager.lookup(
            query, "kk", "tr", film="film-1", limit=limit
        )
    assert list(lazy) == list(eager)


def test_rows_become_units_only_when_returned() -> None:
    memory = TranslationMemory()
    memory.extend_rows("kk", "tr", rows(["бір", "екі", "үш"], keyed=True))
    assert all(type(u) is tuple for u in memory._units)
    [match] = memory.lookup("екі", "kk", "tr")
    assert match.unit == TMUnit("екі", "target 1", "kk", "tr", id=1)
    assert [type(u) is tuple for u in memory._units] == [True, False, True]


def test_rows_with_a_missing_text_are_refused() -> None:
    memory = TranslationMemory()
    with pytest.raises(ValueError, match="texts"):
        memory.extend_rows("kk", "tr", [(1, None, "t", None, None, None, None, None)])


def test_exact_match_does_not_hide_a_second_target_when_more_are_asked_for() -> None:
    memory = TranslationMemory([unit("сәлем", "merhaba"), unit("сәлем!", "selam"), unit("сәлем достар", "x")])
    found = memory.lookup("Сәлем", "kk", "tr", limit=3)
    assert [(m.unit.target_text, m.kind) for m in found][:2] == [("merhaba", "exact"), ("selam", "exact")]
    assert [m.kind for m in memory.lookup("Сәлем", "kk", "tr", limit=1)] == ["exact"]


def test_an_exact_match_that_fills_the_limit_skips_the_fuzzy_search(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = TranslationMemory([unit("сәлем", "merhaba"), unit("сәлем достар", "x")])
    memory.prepare("kk", "tr")

    def refuse(*args: object) -> None:
        raise AssertionError("the fuzzy search ran")

    monkeypatch.setattr(PairIndex, "search", refuse)
    assert [m.unit.target_text for m in memory.lookup("сәлем", "kk", "tr", limit=1)] == ["merhaba"]
    with pytest.raises(AssertionError, match="fuzzy search ran"):
        memory.lookup("сәлем", "kk", "tr", limit=2)
