"""The interface catalogues keep one style per language: one pair of quotation marks (« » in Russian,
Kazakh, Azerbaijani, Kyrgyz and Turkmen; “ ” in Turkish and Uzbek, as in English) and one word for the
password, so that a form's label and its error message name the same thing. Uzbek writes its letters oʻ, gʻ
and the tutuq belgisi with the modifier letters U+02BB and U+02BC."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "korkyt" / "locale"

QUOTES = {"ru": "«»", "kk": "«»", "az": "«»", "ky": "«»", "tk": "«»", "tr": "“”", "uz": "“”"}
#: The word each language uses for "password", and the variants it must not mix in.
PASSWORD = {
    "ru": ("пароль", ()),
    "kk": ("құпиясөз", ("құпия сөз",)),
    "az": ("parol", ("şifrə",)),
    "ky": ("сырсөз", ("пароль",)),
    "tk": ("açar söz", ("parol",)),
    "tr": ("parola", ("şifre",)),
    "uz": ("parol", ("maxfiy so",)),
}


def _translations(language: str) -> list[tuple[str, str]]:
    """(source, translation) of every entry, each plural form on its own."""
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle)
    rows = []
    for message in catalogue:
        if not message.id:
            continue
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        rows += [(source, s) for s in strings if s]
    return rows


@pytest.mark.parametrize("language", sorted(QUOTES))
def test_one_pair_of_quotation_marks(language: str) -> None:
    other = {"«»": "“”", "“”": "«»"}[QUOTES[language]]
    wrong = [source for source, text in _translations(language) if other[0] in text or other[1] in text]
    assert not wrong, f"{language}: {len(wrong)} entries quote with {other}, e.g. {wrong[:3]}"


@pytest.mark.parametrize("language", sorted(PASSWORD))
def test_one_word_for_password(language: str) -> None:
    word, variants = PASSWORD[language]
    about = [(s, t.casefold()) for s, t in _translations(language) if "password" in s.casefold()]
    assert sum(word in t for _s, t in about) > len(about) // 2  # the word is the one mostly used
    mixed = [s for s, t in about if any(v in t for v in variants)]
    assert not mixed, f"{language}: {mixed[:3]}"


def test_uzbek_letters_use_the_modifier_letters() -> None:
    """Uzbek Latin writes oʻ and gʻ with U+02BB and the tutuq belgisi with U+02BC, never with a quotation
    mark or an ASCII apostrophe (which also breaks words for search and spelling tools)."""
    import re

    wrong_og = re.compile(r"[oOgG][‘’'`]")
    wrong_tutuq = re.compile(r"(?<=[^\W\d_])[‘’'`ʻ](?=[a-z])")
    rows = _translations("uz")
    bad = [
        t
        for _s, t in rows
        if wrong_og.search(t)
        or wrong_tutuq.search(t.replace("oʻ", "").replace("Oʻ", "").replace("gʻ", "").replace("Gʻ", ""))
    ]
    assert not bad, f"{len(bad)} entries, e.g. {bad[:3]}"
    assert sum("oʻ" in t or "gʻ" in t for _s, t in rows) > 500
