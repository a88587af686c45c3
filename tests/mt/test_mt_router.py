from __future__ import annotations

from collections.abc import Sequence

import pytest

from korkyt.mt import (
    BadResponse,
    EngineUnavailable,
    Hop,
    MTError,
    NoEngineConfigured,
    RateLimited,
    Router,
    Segment,
    Translation,
    UnsupportedPair,
)


class StubEngine:
    """An in-process engine: tags the text with its name and pair, or raises a given error."""

    def __init__(
        self, name: str, pairs: set[tuple[str, str]], error: MTError | None = None, score: float | None = None
    ):
        self.name = name
        self._pairs = pairs
        self.error = error
        self.score = score
        self.calls: list[tuple[str, str, list[str]]] = []

    def pairs(self) -> set[tuple[str, str]]:
        if isinstance(self.error, EngineUnavailable) and not self._pairs:
            raise self.error
        return set(self._pairs)

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self._pairs

    def translate(self, segments: Sequence[Segment], source: str, target: str) -> list[Translation]:
        self.calls.append((source, target, [s.text for s in segments]))
        if self.error is not None:
            raise self.error
        return [
            Translation(f"{s.text}>{target}", self.name, self.score, (Hop(self.name, source, target),))
            for s in segments
        ]


def test_direct_engine_is_preferred_over_a_pivot() -> None:
    direct = StubEngine("apertium", {("kk", "tr")})
    pivot = StubEngine("lt", {("kk", "en"), ("en", "tr")})
    router = Router([pivot, direct])
    [translation] = router.translate(["Сәлем"], "kk-Cyrl", "tr")
    assert translation.text == "Сәлем>tr"
    assert translation.route == (Hop("apertium", "kk", "tr"),)


def test_missing_pair_is_translated_through_turkish_and_the_route_recorded() -> None:
    apertium = StubEngine("apertium", {("kk", "tr"), ("tr", "kk")}, score=0.5)
    other = StubEngine("lt", {("tr", "az"), ("ru", "az")}, score=0.8)
    router = Router([apertium, other])
    [translation] = router.translate([Segment("Сәлем")], "kk", "az")
    assert translation.text == "Сәлем>tr>az"
    assert translation.engine == "apertium+lt"
    assert translation.route == (Hop("apertium", "kk", "tr"), Hop("lt", "tr", "az"))
    assert translation.score == pytest.approx(0.4)
    assert other.calls == [("tr", "az", ["Сәлем>tr"])]


def test_pivot_order_is_tr_then_ru_then_en() -> None:
    engine = StubEngine("e", {("kk", "en"), ("en", "tk"), ("kk", "ru"), ("ru", "tk")})
    route = Router([engine]).route("kk", "tk")
    assert route is not None and route.pivot == "ru"
    assert [r.pivot for r in Router([engine]).routes("kk", "tk")] == ["ru", "en"]


def test_failed_route_falls_back_to_the_next_one() -> None:
    broken = StubEngine("down", {("kk", "az")}, error=EngineUnavailable("down: refused"))
    working = StubEngine("up", {("kk", "tr"), ("tr", "az")})
    [translation] = Router([broken, working]).translate(["x"], "kk", "az")
    assert translation.engine == "up+up"
    assert broken.calls  # it was tried first


def test_when_every_route_is_rate_limited_the_shortest_wait_is_reported() -> None:
    a = StubEngine("a", {("kk", "tr")}, error=RateLimited("a busy", 30))
    b = StubEngine("b", {("kk", "tr")}, error=RateLimited("b busy", 5))
    with pytest.raises(RateLimited) as caught:
        Router([a, b]).translate(["x"], "kk", "tr")
    assert caught.value.retry_after == 5


def test_single_failing_route_raises_its_own_error() -> None:
    engine = StubEngine("bad", {("kk", "tr")}, error=BadResponse("garbage"))
    with pytest.raises(BadResponse, match="garbage"):
        Router([engine]).translate(["x"], "kk", "tr")


def test_no_engine_configured_is_reported_cleanly() -> None:
    router = Router([])
    assert not router.configured
    assert router.status() == "no machine-translation engine is configured"
    assert not router.supports("kk", "tr")
    with pytest.raises(NoEngineConfigured, match="no machine-translation engine"):
        router.translate(["x"], "kk", "tr")
    assert Router.from_config(None).configured is False


def test_unreachable_pair_names_the_pivots_tried() -> None:
    engine = StubEngine("e", {("kk", "tr")})
    with pytest.raises(UnsupportedPair, match=r"kk → tk.*tr, ru, en"):
        Router([engine]).translate(["x"], "kk", "tk")


def test_engine_that_cannot_list_its_pairs_is_reported_as_unavailable() -> None:
    engine = StubEngine("lt", set(), error=EngineUnavailable("lt at http://x cannot be reached"))
    with pytest.raises(EngineUnavailable, match="lt at http://x cannot be reached"):
        Router([engine]).translate(["x"], "kk", "tr")


def test_same_source_and_target_is_refused() -> None:
    with pytest.raises(UnsupportedPair, match="same language"):
        Router([StubEngine("e", {("kk", "tr")})]).translate(["x"], "kk-Cyrl", "kk")


def test_router_pairs_include_pivot_reachable_pairs() -> None:
    router = Router([StubEngine("e", {("kk", "tr"), ("tr", "az")})])
    assert router.pairs() == {("kk", "tr"), ("tr", "az"), ("kk", "az")}
    assert router.supports("kk", "az")


class RoutelessEngine(StubEngine):
    """An engine written without the Hop bookkeeping."""

    def translate(self, segments: Sequence[Segment], source: str, target: str) -> list[Translation]:
        return [Translation(s.text.upper(), self.name) for s in segments]


def test_router_records_the_route_when_an_engine_does_not() -> None:
    [translation] = Router([RoutelessEngine("plain", {("kk", "tr")})]).translate(["сәлем"], "kk", "tr")
    assert translation.text == "СӘЛЕМ"
    assert translation.route == (Hop("plain", "kk", "tr"),)


def test_empty_job_returns_no_translations() -> None:
    assert Router([StubEngine("e", {("kk", "tr")})]).translate([], "kk", "tr") == []
