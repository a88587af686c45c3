from __future__ import annotations

import json

import pytest
from mt_http_fakes import FakeServer, Reply, Request

from korkyt.mt import BadResponse, OpenAIChatEngine, Segment, SegmentContext
from korkyt.mt.engines.openai_chat import parse_translations


def completion(content: str) -> dict:
    return {
        "id": "x",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
    }


def echo_model(request: Request) -> Reply:
    body = request.json()
    user = body["messages"][1]["content"]
    numbered = json.loads(user[user.rindex("{") :])
    return Reply(
        200, completion(json.dumps([f"tr:{text}" for text in numbered.values()], ensure_ascii=False))
    )


def test_batch_is_sent_numbered_and_answers_are_matched_in_order(server: FakeServer) -> None:
    server.on("POST", "/v1/chat/completions", echo_model)
    engine = OpenAIChatEngine(server.url, model="qwen2.5-7b", api_key="k")
    context = SegmentContext(previous=("Алдыңғы жол",), film_title="Қыз Жібек")
    result = engine.translate([Segment("Сәлем", context), Segment("Қалайсың?")], "kk", "tr")
    assert [t.text for t in result] == ["tr:Сәлем", "tr:Қалайсың?"]
    request = server.requests[0]
    assert request.headers["Authorization"] == "Bearer k"
    body = request.json()
    assert body["model"] == "qwen2.5-7b" and body["temperature"] == 0.0
    assert "Kazakh (Cyrillic script)" in body["messages"][0]["content"]
    assert "Turkish (Latin script)" in body["messages"][0]["content"]
    assert "Қыз Жібек" in body["messages"][1]["content"]
    assert "Алдыңғы жол" in body["messages"][1]["content"]


def test_url_ending_in_v1_is_not_doubled(server: FakeServer) -> None:
    server.on("POST", "/v1/chat/completions", echo_model)
    engine = OpenAIChatEngine(server.url + "/v1", model="m")
    assert engine.translate([Segment("a")], "en", "tr")[0].text == "tr:a"
    assert "Authorization" not in server.requests[0].headers


def test_model_answering_prose_is_bad_response_quoting_it(server: FakeServer) -> None:
    server.on(
        "POST", "/v1/chat/completions", Reply(200, completion("Sure! Here is the translation: Merhaba"))
    )
    engine = OpenAIChatEngine(server.url, model="m")
    with pytest.raises(BadResponse, match=r"expected a JSON array of 1 translations.*Sure!"):
        engine.translate([Segment("Hello")], "en", "tr")


def test_answer_without_choices_is_bad_response(server: FakeServer) -> None:
    server.on("POST", "/v1/chat/completions", Reply(200, {"error": None, "data": []}))
    engine = OpenAIChatEngine(server.url, model="m")
    with pytest.raises(BadResponse, match=r"choices\[0\]"):
        engine.translate([Segment("Hello")], "en", "tr")


def test_default_pairs_cover_the_network_languages_in_both_kazakh_scripts() -> None:
    engine = OpenAIChatEngine("http://127.0.0.1:9", model="m")
    assert engine.supports("kk-Latn", "uz-Cyrl") and engine.supports("tk", "ky")
    assert not engine.supports("kk", "kk")


def test_model_name_is_required() -> None:
    with pytest.raises(ValueError, match="model"):
        OpenAIChatEngine("http://127.0.0.1:9", model=" ")


@pytest.mark.parametrize(
    "content",
    [
        '["Merhaba", "Nasılsın?"]',
        '```json\n["Merhaba", "Nasılsın?"]\n```',
        '<think>the user wants Turkish [maybe]</think>\n["Merhaba", "Nasılsın?"]',
        'Here you go:\n["Merhaba", "Nasılsın?"]\nHope this helps.',
        '{"1": "Merhaba", "2": "Nasılsın?"}',
        '[{"n": 1, "translation": "Merhaba"}, {"n": 2, "translation": "Nasılsın?"}]',
        '{"translations": ["Merhaba", "Nasılsın?"]}',
    ],
)
def test_answer_shapes_models_produce_are_understood(content: str) -> None:
    assert parse_translations(content, 2) == ["Merhaba", "Nasılsın?"]


@pytest.mark.parametrize(
    "content",
    ["", "Merhaba", '["Merhaba"]', '["Merhaba", 3]', '{"1": "Merhaba"}', "[unterminated", "null"],
)
def test_answers_that_do_not_hold_two_translations_are_refused(content: str) -> None:
    with pytest.raises(BadResponse):
        parse_translations(content, 2)
