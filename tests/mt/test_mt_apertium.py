from __future__ import annotations

import pytest
from mt_http_fakes import FakeServer, Reply, Request

from korkyt.mt import ApertiumEngine, BadResponse, Segment, UnsupportedPair

LIST_PAIRS = {
    "responseData": [
        {"sourceLanguage": "kaz", "targetLanguage": "tur"},
        {"sourceLanguage": "tur", "targetLanguage": "kaz"},
        {"sourceLanguage": "tur", "targetLanguage": "aze"},
        {"sourceLanguage": "kaz", "targetLanguage": "tat"},
        {"sourceLanguage": "tur", "targetLanguage": "uzb_Cyrl"},
        {"sourceLanguage": "kaz", "targetLanguage": "kir_xyz"},
    ],
    "responseDetails": None,
    "responseStatus": 200,
}


def apy_translate(request: Request) -> Reply:
    form = request.form()
    text = form["q"][0]
    return Reply(
        200, {"responseData": {"translatedText": f"[{form['langpair'][0]}] {text}"}, "responseStatus": 200}
    )


def test_pairs_map_apertium_codes_to_korkyt_tags(server: FakeServer) -> None:
    server.on("GET", "/listPairs", Reply(200, LIST_PAIRS))
    engine = ApertiumEngine(server.url)
    # tat is not a network language; a script variant becomes a script subtag
    assert engine.pairs() == {("kk", "tr"), ("tr", "kk"), ("tr", "az"), ("tr", "uz-Cyrl")}
    assert engine.supports("kk-Cyrl", "tr")
    assert not engine.supports("kk-Latn", "tr")


def test_each_segment_is_posted_with_the_apertium_langpair(server: FakeServer) -> None:
    server.on("GET", "/listPairs", Reply(200, LIST_PAIRS))
    server.on("POST", "/translate", apy_translate)
    engine = ApertiumEngine(server.url)
    result = engine.translate([Segment("Сәлем"), Segment("Қош бол")], "kk", "tr")
    assert [t.text for t in result] == ["[kaz|tur] Сәлем", "[kaz|tur] Қош бол"]
    posted = [r.form() for r in server.requests if r.method == "POST"]
    assert [p["markUnknown"] for p in posted] == [["no"], ["no"]]


def test_pair_not_installed_raises_unsupported_pair(server: FakeServer) -> None:
    server.on(
        "POST",
        "/translate",
        Reply(
            400,
            {
                "status": "error",
                "code": 400,
                "message": "Bad Request",
                "explanation": "That pair is not installed",
            },
        ),
    )
    engine = ApertiumEngine(server.url, pairs=[("kk", "ky")])
    with pytest.raises(UnsupportedPair, match="kk → ky"):
        engine.translate([Segment("Сәлем")], "kk", "ky")


def test_answer_without_response_data_is_bad_response(server: FakeServer) -> None:
    server.on("POST", "/translate", Reply(200, {"responseStatus": 200}))
    engine = ApertiumEngine(server.url, pairs=[("kk", "tr")])
    with pytest.raises(BadResponse, match="responseData"):
        engine.translate([Segment("Сәлем")], "kk", "tr")


def test_translated_text_that_is_not_text_is_bad_response(server: FakeServer) -> None:
    server.on("POST", "/translate", Reply(200, {"responseData": {"translatedText": 42}}))
    engine = ApertiumEngine(server.url, pairs=[("kk", "tr")])
    with pytest.raises(BadResponse, match="int"):
        engine.translate([Segment("Сәлем")], "kk", "tr")


def test_list_pairs_garbage_is_bad_response(server: FakeServer) -> None:
    server.on("GET", "/listPairs", Reply(200, {"responseData": ["kaz-tur"]}))
    with pytest.raises(BadResponse):
        ApertiumEngine(server.url).pairs()


def test_script_variant_pair_is_requested_with_its_apertium_code(server: FakeServer) -> None:
    server.on("GET", "/listPairs", Reply(200, LIST_PAIRS))
    server.on("POST", "/translate", apy_translate)
    [translation] = ApertiumEngine(server.url).translate(["Merhaba"], "tr", "uz-Cyrl")
    assert translation.text == "[tur|uzb_Cyrl] Merhaba"
