"""The TMX writer streams: joined, its chunks are the document as it was written at once (bytes recorded
from the tree-built writer), whatever the chunk size."""

from __future__ import annotations

import datetime as dt

import pytest

from korkyt.mt.memory import tmx_bytes
from korkyt.mt.memory.tm import TMUnit
from korkyt.mt.memory.tmx import read_tmx, tmx_chunks, tmx_srclang

UNITS = [
    TMUnit(
        "Сәлем, әлем!",
        "Merhaba dünya!",
        "kk",
        "tr",
        film_id=12,
        context="reel 1 <b>&",
        author="aida",
        approved=dt.datetime(2026, 3, 1, 10, 5, tzinfo=dt.UTC),
        id=1,
    ),
    TMUnit("a\x01b & <c>", "\"q\" 'x'", "kk", "ky", id=2),
    TMUnit("Good night", "Қайырлы түн", "en", "kk", approved=dt.date(2025, 1, 2), author="x\ty", id=3),
]

ALL = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n  <header creationtool="Korkyt" creationtoolversion="0.1" segtype="block" o-tmf="korkyt" adminlang="en" datatype="plaintext" srclang="*all*" />\n  <body>\n    <tu srclang="kk" tuid="1" creationid="aida" changedate="20260301T100500Z">\n      <prop type="x-film">12</prop>\n      <prop type="x-context">reel 1 &lt;b&gt;&amp;</prop>\n      <tuv xml:lang="kk">\n        <seg>\xd0\xa1\xd3\x99\xd0\xbb\xd0\xb5\xd0\xbc, \xd3\x99\xd0\xbb\xd0\xb5\xd0\xbc!</seg>\n      </tuv>\n      <tuv xml:lang="tr">\n        <seg>Merhaba d\xc3\xbcnya!</seg>\n      </tuv>\n    </tu>\n    <tu srclang="kk" tuid="2">\n      <tuv xml:lang="kk">\n        <seg>ab &amp; &lt;c&gt;</seg>\n      </tuv>\n      <tuv xml:lang="ky">\n        <seg>"q" \'x\'</seg>\n      </tuv>\n    </tu>\n    <tu srclang="en" tuid="3" creationid="x&#09;y" changedate="20250102T000000Z">\n      <tuv xml:lang="en">\n        <seg>Good night</seg>\n      </tuv>\n      <tuv xml:lang="kk">\n        <seg>\xd2\x9a\xd0\xb0\xd0\xb9\xd1\x8b\xd1\x80\xd0\xbb\xd1\x8b \xd1\x82\xd2\xaf\xd0\xbd</seg>\n      </tuv>\n    </tu>\n  </body>\n</tmx>\n'

ONE_SOURCE = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n  <header creationtool="Korkyt" creationtoolversion="0.1" segtype="block" o-tmf="korkyt" adminlang="en" datatype="plaintext" srclang="kk" />\n  <body>\n    <tu srclang="kk" tuid="1" creationid="aida" changedate="20260301T100500Z">\n      <prop type="x-film">12</prop>\n      <prop type="x-context">reel 1 &lt;b&gt;&amp;</prop>\n      <tuv xml:lang="kk">\n        <seg>\xd0\xa1\xd3\x99\xd0\xbb\xd0\xb5\xd0\xbc, \xd3\x99\xd0\xbb\xd0\xb5\xd0\xbc!</seg>\n      </tuv>\n      <tuv xml:lang="tr">\n        <seg>Merhaba d\xc3\xbcnya!</seg>\n      </tuv>\n    </tu>\n    <tu srclang="kk" tuid="2">\n      <tuv xml:lang="kk">\n        <seg>ab &amp; &lt;c&gt;</seg>\n      </tuv>\n      <tuv xml:lang="ky">\n        <seg>"q" \'x\'</seg>\n      </tuv>\n    </tu>\n  </body>\n</tmx>\n'

NONE = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n  <header creationtool="Korkyt" creationtoolversion="0.1" segtype="block" o-tmf="korkyt" adminlang="en" datatype="plaintext" srclang="*all*" />\n  <body />\n</tmx>\n'


@pytest.mark.parametrize(("units", "expected"), [(UNITS, ALL), (UNITS[:2], ONE_SOURCE), ([], NONE)])
@pytest.mark.parametrize("size", [1, 200, 65_536])
def test_the_chunks_join_into_the_document_written_at_once(units, expected, size) -> None:
    assert tmx_bytes(units) == expected
    srclang = tmx_srclang(u.source_lang for u in units)
    chunks = list(tmx_chunks(iter(units), srclang=srclang, size=size))
    assert b"".join(chunks) == expected
    if size == 1:
        assert len(chunks) == len(units) + 1 if units else len(chunks) == 1  # a chunk per unit, then the end


def test_the_source_language_is_canonical_and_one_or_all() -> None:
    assert tmx_srclang(["kk-Cyrl", "kk"]) == "kk"
    assert tmx_srclang(["kk", "en"]) == tmx_srclang([]) == "*all*"


def test_a_streamed_document_reads_back(tmp_path) -> None:
    path = tmp_path / "m.tmx"
    path.write_bytes(b"".join(tmx_chunks(UNITS, srclang="*all*", size=10)))
    assert [u.target_text for u in read_tmx(path)] == [u.target_text for u in UNITS]
