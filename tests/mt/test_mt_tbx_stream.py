"""The TBX writer streams like the TMX one: joined, its chunks are the document as it was written at once
(bytes recorded from the tree-built writer), whatever the chunk size; the glossary page streams it."""

from __future__ import annotations

import pytest

from korkyt.mt.memory import Concept, Term, read_tbx, tbx_bytes, tbx_chunks

CONCEPTS = [
    Concept(
        (
            Term("Қорқыт Ата", "kk"),
            Term("Korkut Ata", "tr"),
            Term("Dede Korkut", "tr", forbidden=True, part_of_speech="noun"),
        ),
        "korkyt-ata",
        "The bard <&>",
        "film",
        False,
    ),
    Concept((Term("a\x01b", "ky"),), None, None, None, True),
]

BASIC = b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Korkyt glossary</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n      <conceptEntry id="korkyt-ata">\n        <descrip type="subjectField">film</descrip>\n        <descrip type="definition">The bard &lt;&amp;&gt;</descrip>\n        <langSec xml:lang="kk">\n          <termSec>\n            <term>\xd2\x9a\xd0\xbe\xd1\x80\xd2\x9b\xd1\x8b\xd1\x82 \xd0\x90\xd1\x82\xd0\xb0</term>\n          </termSec>\n        </langSec>\n        <langSec xml:lang="tr">\n          <termSec>\n            <term>Korkut Ata</term>\n          </termSec>\n          <termSec>\n            <term>Dede Korkut</term>\n            <termNote type="partOfSpeech">noun</termNote>\n            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n          </termSec>\n        </langSec>\n      </conceptEntry>\n      <conceptEntry id="c2">\n        <note>do-not-translate</note>\n        <langSec xml:lang="ky">\n          <termSec>\n            <term>ab</term>\n          </termSec>\n        </langSec>\n      </conceptEntry>\n    </body>\n  </text>\n</tbx>\n'

MIN = b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Min" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Korkyt glossary</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n      <conceptEntry id="korkyt-ata">\n        <descrip type="subjectField">film</descrip>\n        <langSec xml:lang="kk">\n          <termSec>\n            <term>\xd2\x9a\xd0\xbe\xd1\x80\xd2\x9b\xd1\x8b\xd1\x82 \xd0\x90\xd1\x82\xd0\xb0</term>\n          </termSec>\n        </langSec>\n        <langSec xml:lang="tr">\n          <termSec>\n            <term>Korkut Ata</term>\n          </termSec>\n          <termSec>\n            <term>Dede Korkut</term>\n            <termNote type="partOfSpeech">noun</termNote>\n            <termNote type="administrativeStatus">notRecommended</termNote>\n          </termSec>\n        </langSec>\n      </conceptEntry>\n      <conceptEntry id="c2">\n        <note>do-not-translate</note>\n        <langSec xml:lang="ky">\n          <termSec>\n            <term>ab</term>\n          </termSec>\n        </langSec>\n      </conceptEntry>\n    </body>\n  </text>\n</tbx>\n'

NONE = b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Korkyt glossary</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body />\n  </text>\n</tbx>\n'


@pytest.mark.parametrize(
    ("concepts", "dialect", "expected"),
    [(CONCEPTS, "TBX-Basic", BASIC), (CONCEPTS, "TBX-Min", MIN), ([], "TBX-Basic", NONE)],
)
@pytest.mark.parametrize("size", [1, 200, 65_536])
def test_the_chunks_join_into_the_document_written_at_once(concepts, dialect, expected, size) -> None:
    assert tbx_bytes(concepts, dialect=dialect) == expected
    chunks = list(tbx_chunks(iter(concepts), dialect=dialect, size=size))
    assert b"".join(chunks) == expected
    if size == 1:  # a chunk per concept, then the end
        assert len(chunks) == len(concepts) + 1 if concepts else len(chunks) == 1


def test_an_unknown_dialect_is_refused_before_anything_is_written() -> None:
    with pytest.raises(ValueError, match="TBX-Basic or TBX-Min"):
        tbx_chunks(CONCEPTS, dialect="TBX-Max")  # type: ignore[arg-type]


def test_a_streamed_glossary_reads_back(tmp_path) -> None:
    path = tmp_path / "g.tbx"
    path.write_bytes(b"".join(tbx_chunks(CONCEPTS, size=10)))
    back = read_tbx(path)
    assert [c.id for c in back] == ["korkyt-ata", "c2"]
    assert [t.text for t in back[0].terms] == ["Қорқыт Ата", "Korkut Ata", "Dede Korkut"]
    assert back[0].terms[2].forbidden and back[1].do_not_translate
