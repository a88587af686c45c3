from __future__ import annotations

from pathlib import Path

import pytest
from mt_http_fakes import FakeServer, Reply, Request

from korkyt.mt import (
    ApertiumEngine,
    ConfigError,
    CTranslate2Engine,
    LibreTranslateEngine,
    OpenAIChatEngine,
    Router,
    build_engines,
    canonical_tag,
)


def test_plain_config_builds_each_kind_in_order(tmp_path: Path) -> None:
    model = tmp_path / "nllb"
    model.mkdir()
    (model / "model.bin").write_bytes(b"x")
    (model / "sentencepiece.bpe.model").write_bytes(b"x")
    engines = build_engines(
        [
            {"kind": "apertium", "url": "http://127.0.0.1:2737", "pairs": ["kk>tr", ["tr", "kk"]]},
            {"kind": "libretranslate", "url": "http://127.0.0.1:5000", "api_key": "", "timeout": 5},
            {"kind": "openai", "url": "http://127.0.0.1:8080", "model": "qwen", "name": "llm", "retries": 2},
            {"kind": "ctranslate2", "model": str(model)},
            {"kind": "libretranslate", "url": "http://127.0.0.1:5001", "enabled": False},
        ]
    )
    assert [type(e) for e in engines] == [
        ApertiumEngine,
        LibreTranslateEngine,
        OpenAIChatEngine,
        CTranslate2Engine,
    ]
    assert engines[0].pairs() == {("kk", "tr"), ("tr", "kk")}
    assert isinstance(engines[1], LibreTranslateEngine) and engines[1].api_key is None
    assert engines[2].name == "llm"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"kind": "google"}, r"engine 1 \(google\): kind must be one of"),
        ({"url": "http://x"}, "kind must be one of"),
        ({"kind": "apertium"}, r"engine 1 \(apertium\): url: required"),
        ({"kind": "apertium", "url": "ftp://x"}, "not an http"),
        ({"kind": "openai", "url": "http://x"}, "model: required"),
        ({"kind": "apertium", "url": "http://x", "modle": "x"}, "unknown field.*modle"),
        ({"kind": "apertium", "url": "http://x", "pairs": ["kk-tr"]}, "'kk-tr' is not a pair"),
        ({"kind": "apertium", "url": "http://x", "pairs": [["kk", "kk"]]}, "into itself"),
        ({"kind": "apertium", "url": "http://x", "pairs": [["kk", "??"]]}, "not a language tag"),
        ({"kind": "libretranslate", "url": "http://x", "timeout": -1}, "timeout: must be a positive"),
        ({"kind": "libretranslate", "url": "http://x", "batch_size": 0}, "batch_size"),
        ({"kind": "ctranslate2"}, "model: the path"),
        ({"kind": "ctranslate2", "model": "/nonexistent/model"}, "is not a directory"),
        ("libretranslate", "must be a mapping"),
    ],
)
def test_bad_entries_are_refused_naming_the_field(entry: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_engines([entry])  # type: ignore[list-item]


def test_two_engines_with_the_same_name_are_refused() -> None:
    with pytest.raises(ConfigError, match="already named 'apertium'"):
        build_engines([{"kind": "apertium", "url": "http://a"}, {"kind": "apertium", "url": "http://b"}])


def test_config_that_is_not_a_list_is_refused() -> None:
    with pytest.raises(ConfigError, match="list"):
        build_engines({"kind": "apertium"})  # type: ignore[arg-type]


def test_router_from_config_pivots_between_real_protocol_servers(server: FakeServer) -> None:
    """Apertium kk→tr, then LibreTranslate tr→az, each a server speaking its protocol."""

    def apy(request: Request) -> Reply:
        return Reply(200, {"responseData": {"translatedText": "Merhaba dünya"}, "responseStatus": 200})

    def lt(request: Request) -> Reply:
        assert request.json()["q"] == ["Merhaba dünya"]
        return Reply(200, {"translatedText": ["Salam dünya"]})

    server.on("POST", "/apy/translate", apy)
    server.on("POST", "/lt/translate", lt)
    router = Router.from_config(
        [
            {"kind": "apertium", "url": server.url + "/apy", "pairs": ["kk>tr"]},
            {"kind": "libretranslate", "url": server.url + "/lt", "pairs": ["tr>az"]},
        ]
    )
    [translation] = router.translate(["Сәлем әлем"], "kk", "az")
    assert translation.text == "Salam dünya"
    assert [(h.engine, h.source, h.target) for h in translation.route] == [
        ("apertium", "kk", "tr"),
        ("libretranslate", "tr", "az"),
    ]


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("kk", "kk"),
        ("kk-Cyrl", "kk"),
        ("KK_latn", "kk-Latn"),
        ("uz-Latn", "uz"),
        ("uz-cyrl", "uz-Cyrl"),
        ("az-AZ", "az-AZ"),
    ],
)
def test_tags_have_one_canonical_spelling(tag: str, canonical: str) -> None:
    assert canonical_tag(tag) == canonical


@pytest.mark.parametrize("tag", ["", "kazakh", "k", "kk-", "kk-Cyrillic", "12"])
def test_malformed_tags_are_refused(tag: str) -> None:
    with pytest.raises(ValueError, match="not a language tag"):
        canonical_tag(tag)
