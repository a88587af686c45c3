from __future__ import annotations

import pytest
from mt_http_fakes import FakeServer, Reply, Request

from korkyt.mt import (
    BadResponse,
    EngineUnavailable,
    LibreTranslateEngine,
    RetryPolicy,
    Router,
    Segment,
    Translation,
    UnsupportedPair,
)

LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["az", "ky", "tr", "ru"]},
    {"code": "az", "name": "Azerbaijani", "targets": ["en"]},
    {"code": "tr", "name": "Turkish", "targets": ["en", "tr"]},
    {"code": "zh-Hant", "name": "Chinese", "targets": ["en"]},
    {"code": "not a code!", "name": "?", "targets": ["en"]},
]


def upper_translator(request: Request) -> Reply:
    body = request.json()
    return Reply(200, {"translatedText": [text.upper() for text in body["q"]]})


def test_pairs_come_from_the_languages_endpoint(server: FakeServer) -> None:
    server.on("GET", "/languages", Reply(200, LANGUAGES))
    engine = LibreTranslateEngine(server.url)
    pairs = engine.pairs()
    assert ("en", "az") in pairs and ("az", "en") in pairs and ("zh-Hant", "en") in pairs
    assert ("tr", "tr") not in pairs
    assert engine.supports("az", "en") and engine.supports("az-Latn", "en")
    assert not engine.supports("kk", "tr")
    engine.pairs()
    assert len(server.requests) == 2 - 1  # cached after the first call


def test_batch_is_sent_as_one_request_with_api_key(server: FakeServer) -> None:
    server.on("POST", "/translate", upper_translator)
    engine = LibreTranslateEngine(server.url, api_key="secret", pairs=[("en", "tr")])
    result = engine.translate([Segment("one"), Segment("two\nlines")], "en", "tr")
    assert [t.text for t in result] == ["ONE", "TWO\nLINES"]
    assert all(t.engine == "libretranslate" and t.score is None for t in result)
    assert result[0].route[0].source == "en" and result[0].route[0].target == "tr"
    body = server.requests[0].json()
    assert body == {
        "q": ["one", "two\nlines"],
        "source": "en",
        "target": "tr",
        "format": "text",
        "api_key": "secret",
    }


def test_empty_segments_are_not_sent(server: FakeServer) -> None:
    server.on("POST", "/translate", upper_translator)
    engine = LibreTranslateEngine(server.url, pairs=[("en", "tr")])
    result = engine.translate([Segment(""), Segment("hi"), Segment("  ")], "en", "tr")
    assert [t.text for t in result] == ["", "HI", "  "]
    assert server.requests[0].json()["q"] == ["hi"]


def test_large_job_is_split_into_batches(server: FakeServer) -> None:
    server.on("POST", "/translate", upper_translator)
    engine = LibreTranslateEngine(server.url, pairs=[("en", "tr")], batch_size=2)
    result = engine.translate([Segment(w) for w in "abcde"], "en", "tr")
    assert [t.text for t in result] == list("ABCDE")
    assert [len(r.json()["q"]) for r in server.requests] == [2, 2, 1]


def test_wrong_number_of_translations_is_bad_response(server: FakeServer) -> None:
    server.on("POST", "/translate", Reply(200, {"translatedText": ["only one"]}))
    engine = LibreTranslateEngine(server.url, pairs=[("en", "tr")])
    with pytest.raises(BadResponse, match="1 translations for 2 segments"):
        engine.translate([Segment("a"), Segment("b")], "en", "tr")


def test_missing_translated_text_is_bad_response(server: FakeServer) -> None:
    server.on("POST", "/translate", Reply(200, {"detail": "ok"}))
    engine = LibreTranslateEngine(server.url, pairs=[("en", "tr")])
    with pytest.raises(BadResponse, match="translatedText"):
        engine.translate([Segment("a")], "en", "tr")


def test_pair_not_offered_raises_unsupported_pair_without_a_request(server: FakeServer) -> None:
    engine = LibreTranslateEngine(server.url, pairs=[("en", "tr")])
    with pytest.raises(UnsupportedPair, match="kk → tr"):
        engine.translate([Segment("Сәлем")], "kk", "tr")
    assert server.requests == []


def test_server_saying_language_not_supported_is_unsupported_pair(server: FakeServer) -> None:
    server.on("POST", "/translate", Reply(400, {"error": "kk is not supported"}))
    engine = LibreTranslateEngine(server.url, pairs=[("kk", "tr")])
    with pytest.raises(UnsupportedPair):
        engine.translate([Segment("Сәлем")], "kk", "tr")


def test_languages_endpoint_answering_garbage_is_bad_response(server: FakeServer) -> None:
    server.on("GET", "/languages", Reply(200, {"languages": "all of them"}))
    with pytest.raises(BadResponse, match="/languages"):
        LibreTranslateEngine(server.url).pairs()


def test_plain_strings_are_accepted_as_segments(server: FakeServer) -> None:
    server.on("POST", "/translate", upper_translator)
    engine = LibreTranslateEngine(server.url, pairs=[("en", "tr")])
    assert [t.text for t in engine.translate(["a", "b"], "en", "tr")] == ["A", "B"]


def test_a_down_engine_is_not_asked_for_its_pairs_on_every_chunk(server: FakeServer) -> None:
    server.on("GET", "/languages", [Reply(503, {"error": "down"})] * 3 + [Reply(200, LANGUAGES)])
    sleeps: list[float] = []
    down = LibreTranslateEngine(server.url, retry=RetryPolicy(attempts=3), sleep=sleeps.append)
    working = StubTranslator()
    router = Router([down, working])
    for _ in range(30):  # a 1,500-cue job: 30 chunks of 50
        [result] = router.translate(["Сәлем"], "kk", "tr")
        assert result.engine == "stub"
    # Asked once (three attempts, two backoff waits); the 503 is remembered, not asked again per chunk.
    assert len(server.requests) == 3 and len(sleeps) == 2
    with pytest.raises(EngineUnavailable, match="HTTP 503"):
        down.pairs()  # the remembered error is raised again
    down.failed_discovery_seconds = 0.0  # once the failure is old, the engine is asked again
    assert ("en", "az") in down.pairs()
    assert len(server.requests) == 4


class StubTranslator:
    name = "stub"

    def pairs(self) -> set[tuple[str, str]]:
        return {("kk", "tr")}

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self.pairs()

    def translate(self, segments: list[Segment], source: str, target: str) -> list[Translation]:
        return [Translation(s.text, self.name) for s in segments]
