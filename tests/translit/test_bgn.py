"""BGN/PCGN schemes: Kyrgyz and Russian match ICU; the other languages' bgn schemes exist."""

from __future__ import annotations

import unicodedata

import pytest

from korkyt.translit import transliterate

icu = pytest.importorskip("icu", reason="PyICU is needed to compare with ICU's BGN transforms")

KY_WORDS = [
    "Кыргызстан",
    "Бишкек",
    "Ош",
    "Жалал-Абад",
    "Чүй",
    "Ысык-Көл",
    "Нарын",
    "Талас",
    "Баткен",
    "Манас",
    "Айтматов",
    "Чыңгыз",
    "Жамиля",
    "Токтогул",
    "Курманжан",
    "Датка",
    "Жаңы",
    "жыл",
    "ырчы",
    "өлкө",
    "үй",
    "күн",
    "Шаршен",
    "ШАРШЕН",
    "Ёлка",
    "Юрий",
    "Щедрин",
    "Цирк",
    "Хан",
    "Жаш",
    "мээрим",
    "Республикасы",
    "менен",
    "Казакстан",
    "Кытай",
    "Өзбекстан",
    "Тажикстан",
    "чектешет",
    "сүйүү",
    "ЖАШ",
    "ЧЫҢГЫЗ",
    "ыйык",
    "Айша",
    "майя",
    "Бакыт",
    "Чолпон-Ата",
    "Каракол",
    "Үсөн",
    "Шайлообек",
    "Аңгеме",
    "Ыңгайлуу",
]
RU_WORDS = [
    "Россия",
    "Москва",
    "Санкт-Петербург",
    "Екатеринбург",
    "Ельцин",
    "Юрий",
    "Гагарин",
    "Щукин",
    "Чехов",
    "Толстой",
    "Лев",
    "Война",
    "мир",
    "Фёдор",
    "Достоевский",
    "съезд",
    "объект",
    "подъезд",
    "ель",
    "поезд",
    "Новосибирск",
    "Ярославль",
    "Хабаровск",
    "Владивосток",
    "район",
    "Майя",
    "Айвазовский",
    "Чайковский",
    "Пётр",
    "Ильич",
    "ЕЛЬЦИН",
    "ЁЖ",
    "Ёж",
    "ёж",
    "Эйзенштейн",
    "Потёмкин",
    "Тарковский",
    "Андрей",
    "Солярис",
    "Сталкер",
    "Мосфильм",
    "Шукшин",
    "Калина",
    "Утомлённые",
    "Звягинцев",
    "Левиафан",
    "Бондарчук",
    "Аэлита",
    "поэт",
    "мэр",
    "Тайга",
    "Донецк",
    "детский",
    "братск",
    "Шмидт",
    "выход",
]


def _icu(tid: str, text: str) -> str:
    return unicodedata.normalize("NFC", icu.Transliterator.createInstance(tid).transliterate(text))


@pytest.mark.parametrize("word", KY_WORDS)
def test_kyrgyz_bgn_matches_icu(word: str) -> None:
    assert transliterate(word, "ky", "Latn") == _icu("Kirghiz-Latin/BGN", word)


@pytest.mark.parametrize("word", RU_WORDS)
def test_russian_bgn_matches_icu(word: str) -> None:
    assert transliterate(word, "ru", "Latn") == _icu("Russian-Latin/BGN", word)


def test_kyrgyz_published_example() -> None:
    assert transliterate("Кыргызстан", "ky", "Latn") == "Kyrgyzstan"


def test_kyrgyz_common_turkic_style_scheme() -> None:
    assert transliterate("Чыңгыз Шаршен", "ky", "Latn", scheme="turkic") == "Çıñgız Şarşen"


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [("kk", "Қазақстан тілі", "Qazaqstan tili"), ("uz", "Ўзбекистон ер", "Ū̆zbekiston yer"),
     ("az", "Бакы", "Bakı"), ("tk", "Ашгабат җаң ер", "Ashgabat jang yer")],
)  # fmt: skip
def test_bgn_scheme_for_every_language(lang: str, text: str, want: str) -> None:
    assert transliterate(text, lang, "Latn", scheme="bgn") == unicodedata.normalize("NFC", want)


def test_turkmen_bgn_converts_the_letters_icu_leaves_in_cyrillic() -> None:
    assert "и" in _icu("Turkmen-Latin/BGN", "Түркменистан")
    assert transliterate("Түркменистан", "tk", "Latn", scheme="bgn") == "Türkmenistan"


KY_TABLE = [
    ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "ë"), ("ж", "j"),
    ("з", "z"), ("и", "i"), ("й", "ĭ"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("ң", "ng"),
    ("о", "o"), ("ө", "ö"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"), ("ү", "ü"),
    ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"), ("щ", "shch"), ("ъ", "ʺ"),
    ("ы", "y"), ("ь", "ʹ"), ("э", "e"), ("ю", "yu"), ("я", "ya"),
]  # fmt: skip


@pytest.mark.parametrize(("cyr", "lat"), KY_TABLE)
def test_kyrgyz_bgn_letter_table(cyr: str, lat: str) -> None:
    assert transliterate(f"б{cyr}а", "ky", "Latn") == unicodedata.normalize("NFC", f"b{lat}a")
    assert transliterate(f"б{cyr}а", "ky", "Latn") == _icu("Kirghiz-Latin/BGN", f"б{cyr}а")


RU_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


@pytest.mark.parametrize("letter", list(RU_LETTERS))
def test_russian_bgn_letter_table_matches_icu(letter: str) -> None:
    for word in (f"б{letter}р", f"{letter}р", letter.upper() + "ра"):
        assert transliterate(word, "ru", "Latn") == _icu("Russian-Latin/BGN", word), word


TR_TABLE = [
    ("қ", "k"), ("ғ", "ğ"), ("ж", "j"), ("ш", "ş"), ("ч", "ç"), ("ы", "ı"), ("і", "i"), ("ң", "n"),
    ("ө", "ö"), ("ү", "ü"), ("ұ", "u"), ("ә", "e"), ("х", "h"), ("һ", "h"), ("й", "y"), ("ў", "o"),
]  # fmt: skip


@pytest.mark.parametrize(("cyr", "lat"), TR_TABLE)
def test_turkish_spelling_letter_table(cyr: str, lat: str) -> None:
    assert transliterate(f"б{cyr}а", "tr", "Latn") == f"b{lat}a"
