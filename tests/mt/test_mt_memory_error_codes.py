"""The problems of a TMX or TBX file a person can meet, inside a translation unit or a concept too, carry a
stable code and its parameters beside the English message (the command line's), so that an application can
word them in its own language."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.mt.memory import FileFormatError, read_tbx, read_tmx
from korkyt.mt.memory.xmlfiles import CODES

_TMX = b"<tmx version='1.4'><header srclang='kk'/><body>%s</body></tmx>"
_TBX = b"<tbx><text><body>%s</body></text></tbx>"

# code: (reader, file, the parameters it carries, the English message)
SAMPLES: dict[str, tuple[Any, bytes, dict[str, object], str]] = {
    "tu_no_lang": (
        read_tmx,
        _TMX % b"<tu><tuv xml:lang='kk'><seg>a</seg></tuv></tu><tu><tuv><seg>b</seg></tuv></tu>",
        {"unit": "2"},
        "TMX file: translation unit 2: a <tuv> has no xml:lang",
    ),
    "tu_bad_lang": (
        read_tmx,
        _TMX % b"<tu tuid='x7'><tuv xml:lang='Kazakh!'><seg>a</seg></tuv></tu>",
        {"unit": "1 (x7)", "tag": "Kazakh!"},
        "TMX file: translation unit 1 (x7): 'Kazakh!' is not a language tag (expected e.g. 'kk', 'kk-Latn', "
        "'uz-Cyrl')",
    ),
    "tu_no_seg": (
        read_tmx,
        _TMX % b"<tu tuid='9'><tuv xml:lang='kk'/></tu>",
        {"unit": "1 (9)", "language": "kk"},
        "TMX file: translation unit 1 (9): the <tuv> for kk has no <seg>",
    ),
    "concept_no_lang": (
        read_tbx,
        _TBX % b"<conceptEntry><langSec><termSec><term>x</term></termSec></langSec></conceptEntry>",
        {"concept": "1"},
        "TBX file: concept 1: a language section has no xml:lang",
    ),
    "concept_bad_lang": (
        read_tbx,
        _TBX % b"<conceptEntry id='c'><langSec xml:lang='k'><termSec><term>x</term></termSec></langSec>"
        b"</conceptEntry>",
        {"concept": "1 (c)", "tag": "k"},
        "TBX file: concept 1 (c): 'k' is not a language tag (expected e.g. 'kk', 'kk-Latn', 'uz-Cyrl')",
    ),
    "concept_no_term": (
        read_tbx,
        _TBX % b"<conceptEntry id='c'><langSec xml:lang='kk'><termSec/></langSec></conceptEntry>",
        {"concept": "1 (c)", "language": "kk"},
        "TBX file: concept 1 (c): a kk term group has no <term>",
    ),
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_a_unit_or_concept_that_cannot_be_read_has_its_code_and_parameters(code: str) -> None:
    reader, data, params, message = SAMPLES[code]
    with pytest.raises(FileFormatError) as info:
        reader(data)
    assert info.value.code == code and code in CODES
    assert info.value.params == params
    assert str(info.value) == message  # the command line's message is unchanged


def test_a_declared_source_language_that_is_no_tag_has_the_code_too() -> None:
    data = b"<tmx><body><tu srclang='??'><tuv xml:lang='kk'><seg>a</seg></tuv>" + (
        b"<tuv xml:lang='tr'><seg>b</seg></tuv></tu></body></tmx>"
    )
    with pytest.raises(FileFormatError) as info:
        read_tmx(data)
    assert info.value.code == "tu_bad_lang" and info.value.params == {"unit": "1", "tag": "??"}


@pytest.mark.parametrize("reader", [read_tmx, read_tbx])
def test_a_file_past_the_limit_says_the_limit_in_mb(reader: Any) -> None:
    with pytest.raises(FileFormatError) as info:
        reader(b"x" * (2 * 1024 * 1024 + 1), max_bytes=2 * 1024 * 1024)
    assert info.value.code == "too_large" and info.value.params == {"limit": 2}
    assert str(info.value).endswith(": the file is larger than the limit of 2 MB")
