from __future__ import annotations

from pathlib import Path

import pytest

from korkyt.mt.memory import Concept, FileFormatError, Glossary, Term, fold, read_tbx, tbx_bytes, write_tbx

TBX_V2_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="aktau">
      <descrip type="subjectField">place</descrip>
      <langSet xml:lang="kk"><tig><term>Ақтау</term></tig></langSet>
      <langSet xml:lang="ru"><tig><term>Актау</term></tig>
        <tig><term>Шевченко</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
    <termEntry id="korkyt">
      <note>do-not-translate</note>
      <langSet xml:lang="tr"><ntig><termGrp><term>Korkut Ata</term></termGrp></ntig></langSet>
    </termEntry>
  </body></text>
</martif>"""

TBX_MIN_2013 = """<?xml version="1.0"?>
<TBX dialect="TBX-Min">
  <header><id>g</id><languages source="kk" target="tr"/></header>
  <body>
    <entry id="e1">
      <subjectField>film</subjectField>
      <langGroup xml:lang="kk">
        <termGroup><term>түсірілім алаңы</term><partOfSpeech>noun</partOfSpeech></termGroup>
      </langGroup>
      <langGroup xml:lang="tr">
        <termGroup><term>set</term><status>preferred</status></termGroup>
        <termGroup><term>plato</term><status>notRecommended</status></termGroup>
      </langGroup>
    </entry>
  </body>
</TBX>"""


def test_tbx_v2_basic_concepts_terms_statuses_and_notes() -> None:
    aktau, korkyt = read_tbx(TBX_V2_BASIC.encode())
    assert aktau.id == "aktau" and aktau.subject == "place"
    assert [(t.text, t.lang, t.forbidden) for t in aktau.terms] == [
        ("Ақтау", "kk", False),
        ("Актау", "ru", False),
        ("Шевченко", "ru", True),
    ]
    assert not aktau.do_not_translate
    assert korkyt.do_not_translate and korkyt.terms_in("tr")[0].text == "Korkut Ata"


def test_tbx_min_2013_entries_are_read() -> None:
    [entry] = read_tbx(TBX_MIN_2013.encode())
    assert entry.subject == "film"
    assert entry.terms_in("kk")[0].part_of_speech == "noun"
    assert [(t.text, t.forbidden) for t in entry.terms_in("tr")] == [("set", False), ("plato", True)]


@pytest.mark.parametrize("dialect", ["TBX-Basic", "TBX-Min"])
def test_concepts_round_trip_through_tbx_v3(tmp_path: Path, dialect: str) -> None:
    concepts = [
        Concept(
            (Term("Қыз Жібек", "kk"), Term("Kız Jibek", "tr"), Term("Kyz Zhibek", "en", forbidden=True)),
            id="qyz",
            subject="character",
            do_not_translate=True,
        ),
        Concept((Term("кадр", "kk", part_of_speech="noun"), Term("kare", "tr")), definition="one film image"),
    ]
    path = tmp_path / "glossary.tbx"
    write_tbx(concepts, path, dialect=dialect)  # type: ignore[arg-type]
    back = read_tbx(path)
    assert [c.terms for c in back] == [c.terms for c in concepts]
    assert back[0].id == "qyz" and back[0].do_not_translate and back[0].subject == "character"
    assert back[1].id == "c2"
    assert back[1].definition == ("one film image" if dialect == "TBX-Basic" else None)
    assert f'type="{dialect}"'.encode() in path.read_bytes()


def test_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="dialect"):
        tbx_bytes([], dialect="TBX-Max")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<glossary/>", "not a TBX file"),
        (
            b"<martif><text><body><termEntry><langSet><tig><term>x</term></tig></langSet>"
            b"</termEntry></body></text></martif>",
            "no xml:lang",
        ),
        (
            b"<tbx><text><body><conceptEntry id='c'><langSec xml:lang='kk'><termSec/></langSec>"
            b"</conceptEntry></body></text></tbx>",
            r"concept 1 \(c\): a kk term group has no <term>",
        ),
        (b'<!DOCTYPE tbx [<!ENTITY x "y">]><tbx>&x;</tbx>', "declares XML entities"),
        (b"<tbx", "not well-formed"),
    ],
)
def test_malformed_tbx_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(FileFormatError, match=message):
        read_tbx(data)


def test_deeply_nested_tbx_is_read_without_recursion_errors() -> None:
    data = b"<tbx>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</tbx>"
    assert read_tbx(data) == []


def test_tbx_over_the_size_limit_is_refused() -> None:
    with pytest.raises(FileFormatError, match="larger than the limit"):
        read_tbx(TBX_V2_BASIC.encode(), max_bytes=64)


def glossary() -> Glossary:
    return Glossary(
        [
            Concept((Term("Işık", "tr"), Term("Жарық", "kk")), id="light"),
            Concept((Term("İstanbul", "tr"), Term("Стамбул", "kk")), id="istanbul", do_not_translate=True),
            Concept((Term("Korkut Ata", "tr"), Term("Қорқыт ата", "kk")), id="korkyt"),
            Concept((Term("Korkut", "tr"), Term("plato", "tr", forbidden=True)), id="korkut"),
        ]
    )


def test_terms_are_found_case_insensitively_with_turkish_dotted_and_dotless_i() -> None:
    hits = glossary().find("IŞIK yok ama ışık var; İSTANBUL'da istanbul.", "tr")
    assert [(h.concept.id, h.start, h.end) for h in hits] == [
        ("light", 0, 4),
        ("light", 13, 17),
        ("istanbul", 23, 34),  # İSTANBUL'da: the suffix after the apostrophe belongs to the hit
        ("istanbul", 35, 43),
    ]
    assert hits[2].do_not_translate


def test_dotted_i_is_not_dotless_in_turkish() -> None:
    assert glossary().find("isik", "tr") == []  # ı and i are different letters in Turkish


def test_inflected_forms_match_in_turkic_languages() -> None:
    g = glossary()
    hits = g.find("Korkutlar ve ışıklar; Korkut Ata'nın kopuzu", "tr")
    assert [(h.concept.id, h.start, h.end) for h in hits] == [
        ("korkut", 0, 9),
        ("light", 13, 20),
        ("korkyt", 22, 36),
    ]
    assert [(h.concept.id, h.end) for h in g.find("Қорқыт Атаның қобызы, жарықтың", "kk")] == [
        ("korkyt", 13),
        ("light", 30),
    ]
    assert g.find("Korkutçuluklarımızdan", "tr") == []  # more than eight letters after the term: another word
    assert g.find("Xkorkut", "tr") == []  # a term starts a word


def test_short_terms_and_other_languages_match_whole_words_only() -> None:
    g = Glossary([Concept((Term("ай", "kk"), Term("moon", "en"), Term("Ata", "en")), id="moon")])
    assert [h.concept.id for h in g.find("Ай туды", "kk")] == ["moon"]
    assert g.find("Ол айтты", "kk") == []  # "ай" + "тты" is the verb "said", not the moon
    assert g.find("moons and Atari", "en") == []
    assert [h.term.text for h in g.find("the moon", "en")] == ["moon"]


def test_longest_term_wins_and_spacing_inside_terms_is_flexible() -> None:
    hits = glossary().find("KORKUT  ATA geldi, Korkut da.", "tr")
    assert [(h.concept.id, h.start, h.end) for h in hits] == [("korkyt", 0, 11), ("korkut", 19, 25)]


def test_forbidden_terms_are_reported_as_such() -> None:
    [hit] = glossary().find("Plato hazır.", "tr")
    assert hit.forbidden and hit.term.text == "plato"


def test_language_without_terms_finds_nothing() -> None:
    assert glossary().find("Ақтау", "ky") == []


def test_fold_keeps_offsets_and_applies_turkic_i() -> None:
    assert fold("IİıiŞ", "tr") == "ıiıiş"
    assert fold("IİıiŞ", "kk") == "iiıiş"
    assert len(fold("ẞtraße İ", "de")) == len("ẞtraße İ")


def test_glossary_regex_is_safe_for_terms_with_special_characters() -> None:
    g = Glossary([Concept((Term("C++ (film)", "en"), Term("a.b", "en")))])
    assert [h.term.text for h in g.find("c++ (film) and a.b but not axb", "en")] == ["C++ (film)", "a.b"]


def test_kazakh_latin_terms_follow_turkish_i_casing() -> None:
    g = Glossary([Concept(terms=(Term("qazaq tılı", "kk-Latn"),), id="lang")])
    assert [(h.concept.id, h.end) for h in g.find("QAZAQ TILI", "kk-Latn")] == [("lang", 10)]
    assert [h.concept.id for h in g.find("Qazaq tılınıñ", "kk-Latn")] == ["lang"]
    assert g.find("qazaq tili", "kk-Latn") == []  # і (ı) and и (i) are different letters
    assert fold("İI", "kk-Latn") == "iı"
    assert fold("İI", "kk-Cyrl") == "ii"  # a Latin I in Cyrillic Kazakh text is an English I
    assert fold("İI", "en") == "ii"
