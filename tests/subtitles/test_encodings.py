"""Encodings: files made here in UTF-8 (with/without BOM), UTF-16 and legacy code pages."""

from __future__ import annotations

import pytest

from korkyt.subtitles import EncodingError, dump, load, loads


def srt(*texts: str) -> str:
    return "\n".join(f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{t}\n" for n, t in enumerate(texts, 1))


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # Short Russian with Kazakh names as a CP1251 file would hold them (no Kazakh-only letters).
        ("Привет, Алматы! Как дела у Ерлана?", "cp1251"),
        ("Салем, досым. Іс калай?", "cp1251"),
        ("Да", "cp1251"),
        ("Ёлка в Астане", "cp1251"),
        # Short Turkish in CP1254.
        ("Merhaba dünya, nasılsın?", "cp1254"),
        ("Şişli’de çay içtik.", "cp1254"),
        ("Ağrı dağı", "cp1254"),
        ("Öğretmen «Işık» geldi", "cp1254"),
        # KOI8-R.
        ("Где ты был вчера?", "koi8-r"),
        ("Москва слезам не верит", "koi8-r"),
    ],
)
def test_short_legacy_files_are_detected(text, encoding):
    doc = loads(srt(text).encode(encoding))
    assert doc.encoding == encoding
    assert doc.cues[0].text == text


def test_longer_cp1251_and_cp1254_files():
    ru = srt("Мы приехали в Актау на фестиваль.", "Фильм начнётся в восемь вечера.", "Спасибо, до встречи!")
    tr = srt("Festivale hoş geldiniz.", "Gösterim saat sekizde başlıyor.", "Teşekkürler, görüşürüz!")
    assert loads(ru.encode("cp1251")).encoding == "cp1251"
    assert loads(tr.encode("cp1254")).encoding == "cp1254"


@pytest.mark.parametrize(
    ("encoded", "name"),
    [
        (srt("Сәлем, әлем!").encode("utf-8"), "utf-8"),
        (srt("Сәлем, әлем!").encode("utf-8-sig"), "utf-8-sig"),
        (srt("Сәлем, әлем!").encode("utf-16"), "utf-16-le"),
        (b"\xfe\xff" + srt("Сәлем, әлем!").encode("utf-16-be"), "utf-16-be"),
        (srt("Сәлем, әлем!").encode("utf-16-le"), "utf-16-le"),
        (srt("Salem").encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_with_and_without_bom(encoded, name):
    doc = loads(encoded)
    assert doc.encoding == name
    assert doc.cues[0].text in ("Сәлем, әлем!", "Salem")


def test_given_encoding_is_used_and_a_wrong_one_names_the_line():
    data = srt("ok", "Привет").encode("cp1251")
    assert loads(data, encoding="cp1251").cues[1].text == "Привет"
    with pytest.raises(EncodingError, match="line 7"):
        loads(data, encoding="utf-8")
    with pytest.raises(EncodingError, match="unknown encoding"):
        loads(data, encoding="klingon")


def test_binary_with_nul_bytes_is_refused():
    with pytest.raises(EncodingError, match="binary"):
        loads(b"1\n00:00:01,000 --> 00:00:02,000\n\x00\xff\x00\x00\xfe\n\xff\xfe\xfd\x00")


def test_file_on_disk_round_trip_keeps_detected_encoding(tmp_path):
    path = tmp_path / "old.srt"
    path.write_bytes(srt("Ақтау").replace("Ақ", "Ак").encode("cp1251"))
    doc = load(path)
    assert doc.encoding == "cp1251"
    out = tmp_path / "new.srt"
    dump(doc, out, encoding="cp1251")
    assert out.read_bytes() == path.read_bytes()


def test_utf16_without_bom_and_mostly_cyrillic_text():
    long_lines = srt(*["Бұл өте ұзын қазақша жол, оны оқу керек болады әрине"] * 6)
    doc = loads(long_lines.encode("utf-16-le"))
    assert doc.encoding == "utf-16-le" and doc.cues[0].text.startswith("Бұл")


def test_utf8_with_a_few_damaged_bytes_is_refused_with_the_line():
    good = srt(*["Сәлем, досым! Қалайсың?"] * 10).encode("utf-8")
    damaged = good.replace("Қалайсың".encode(), b"\xca\xe0\xeb\xe0\xe9", 1)  # one cue in CP1251
    with pytest.raises(EncodingError, match=r"UTF-8 except for .* line 3"):
        loads(damaged)
