from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from korkyt.mt.memory import FileFormatError, TMUnit, TranslationMemory, read_tmx, tmx_bytes, write_tmx

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US"
          srclang="kk-KZ" datatype="plaintext"/>
  <body>
    <tu tuid="7" creationid="aigerim" creationdate="20250301T101500Z">
      <prop type="x-film">film-12</prop>
      <note>Said by the grandmother</note>
      <tuv xml:lang="kk-KZ"><seg>Балам, <bpt i="1">&lt;i&gt;</bpt>кел<ept i="1">&lt;/i&gt;</ept>!</seg></tuv>
      <tuv xml:lang="tr-TR"><seg>Yavrum, gel!</seg></tuv>
      <tuv xml:lang="az"><seg>Balam, gəl!</seg></tuv>
    </tu>
    <tu srclang="tr"><tuv xml:lang="kk"><seg>Иә</seg></tuv><tuv xml:lang="tr"><seg>Evet</seg></tuv></tu>
    <tu><tuv xml:lang="kk"><seg>жалғыз</seg></tuv></tu>
  </body>
</tmx>
"""


def test_reading_gives_one_unit_per_target_language_with_metadata() -> None:
    units = read_tmx(SAMPLE.encode())
    assert [(u.source_lang, u.target_lang) for u in units] == [("kk", "tr"), ("kk", "az"), ("tr", "kk")]
    first = units[0]
    assert first.source_text == "Балам, <i>кел</i>!"
    assert first.target_text == "Yavrum, gel!"
    assert first.film_id == "film-12" and first.context == "Said by the grandmother"
    assert first.author == "aigerim" and first.id == "7"
    assert first.approved == datetime(2025, 3, 1, 10, 15, tzinfo=UTC)
    assert units[2].source_text == "Evet" and units[2].target_text == "Иә"


def test_units_round_trip_through_a_file(tmp_path: Path) -> None:
    units = [
        TMUnit(
            'Сәлем <b>&</b> "қош"',
            "Selam & 'hoş'",
            "kk",
            "tr",
            film_id="f1",
            context="greeting",
            author="a",
            approved=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC),
            id="u1",
        ),
        TMUnit("Салам", "Salam", "ky", "az", approved=date(2024, 1, 2)),
        TMUnit("Ассалом", "Сәлем", "uz-Cyrl", "kk-Latn"),
    ]
    path = tmp_path / "memory.tmx"
    write_tmx(units, path)
    back = read_tmx(path)
    assert [(u.source_text, u.target_text, u.source_lang, u.target_lang) for u in back] == [
        (u.source_text, u.target_text, u.source_lang, u.target_lang) for u in units
    ]
    assert (
        back[0].film_id == "f1"
        and back[0].context == "greeting"
        and back[0].author == "a"
        and back[0].id == "u1"
    )
    assert back[0].approved == units[0].approved
    assert back[1].approved == datetime(2024, 1, 2, tzinfo=UTC)
    assert b'<header creationtool="Korkyt"' in path.read_bytes() and b'srclang="*all*"' in path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["memory.tmx"]  # no temporary file left behind


def test_memory_loaded_from_tmx_is_searchable() -> None:
    memory = TranslationMemory(read_tmx(io.BytesIO(SAMPLE.encode())))
    assert memory.lookup("балам, кел", "kk", "az")[0].unit.target_text == "Balam, gəl!"


def test_control_characters_are_dropped_on_writing() -> None:
    data = tmx_bytes([TMUnit("a\x00b\x1bc", "d", "kk", "tr")])
    assert read_tmx(data)[0].source_text == "abc"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<tmx version="1.4"><header srclang="kk"/><body><tu><tuv xml:lang="kk"><seg>&lol2;</seg></tuv>
<tuv xml:lang="tr"><seg>x</seg></tuv></tu></body></tmx>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="kk"><seg>&secret;</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL])
def test_entity_declarations_are_refused(data: bytes) -> None:
    with pytest.raises(FileFormatError, match="declares XML entities"):
        read_tmx(data)


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    path.write_bytes(SAMPLE.encode())
    with pytest.raises(FileFormatError, match="larger than the limit"):
        read_tmx(path, max_bytes=100)
    with pytest.raises(FileFormatError, match="larger than the limit"):
        read_tmx(io.BytesIO(SAMPLE.encode()), max_bytes=100)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed XML at line 1"),
        (b"<tmx><body><tu>", "not well-formed"),
        (b"<html/>", "root element is <html>"),
        (b"<tmx version='1.4'><header/></tmx>", "no <body>"),
        (
            b"<tmx><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>",
            "translation unit 1: a <tuv> has no xml:lang",
        ),
        (
            b"<tmx><body><tu tuid='9'><tuv xml:lang='kk'/></tu></body></tmx>",
            r"unit 1 \(9\): the <tuv> for kk has no <seg>",
        ),
        (
            b"<tmx><body><tu><tuv xml:lang='Kazakh!'><seg>a</seg></tuv></tu></body></tmx>",
            "not a language tag",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_message_naming_the_problem(data: bytes, message: str) -> None:
    with pytest.raises(FileFormatError, match=message):
        read_tmx(data)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="no such file"):
        read_tmx(tmp_path / "absent.tmx")
