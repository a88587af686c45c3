"""Letter tables and context rules of every scheme (data only; compiled by ``engine.Converter``).

Sources and policies are in docs/transliteration.md. Keys are lower-case source letters; capitals are
derived by the engine (title form by default, all caps inside all-caps words).
"""

from __future__ import annotations

import re

from korkyt.translit._chars import LETTER, OKINA, TUTUQ, UPPER
from korkyt.translit._quotes import closing_quotes_after_og
from korkyt.translit.engine import Rule

_APOS_NOT_TUTUQ = "'\u2019\u2018`\u00b4\u02bb"


def _table(spec: str) -> dict[str, str]:
    """Parse ``"а a, б b, ь -"`` into a dict; ``-`` stands for deletion."""
    out: dict[str, str] = {}
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        src, dst = item.split()
        out[src] = "" if dst == "-" else dst
    return out


# --- Kazakh, 2021 Latin alphabet ------------------------------------------------------------------
KK_2021 = _table(
    "а a, ә ä, б b, в v, г g, ғ ğ, д d, е e, ж j, з z, и i, й i, к k, қ q, л l, м m, н n, ң ñ, о o,"
    " ө ö, п p, р r, с s, т t, у u, ұ ū, ү ü, ф f, х h, һ h, ш ş, ы y, і ı, э e,"
    # Russian-only letters (policy, docs/transliteration.md)
    " ц ts, ч ch, щ şş, ъ -, ь -, ё io, ю iu, я ia"
)
KK_2021_REVERSE = _table(
    "a а, ä ә, b б, d д, e е, f ф, g г, ğ ғ, h х, i и, ı і, j ж, k к, l л, m м, n н, ñ ң, o о,"
    " ö ө, p п, q қ, r р, s с, ş ш, t т, u у, ū ұ, ü ү, v в, y ы, z з,"
    # letters outside the 2021 alphabet, from foreign names (policy)
    " c ц, w у, x х"
)
KK_2021_REVERSE_SEQS = {"ch": "ч", "ia": "я", "iu": "ю", "io": "ё"}
_KK_LATN_VOWELS = "aäeoöuūüyıiAÄEOÖUŪÜYIİ"
KK_2021_REVERSE_RULES = [
    # i after a vowel is й (қайда → qaida), unless it starts ia/iu/io (я ю ё)
    Rule("iİ", "й", prev=f"[{_KK_LATN_VOWELS}]", ahead="(?![aouAOU])"),
]

# --- Uzbek, 1995 Latin alphabet -------------------------------------------------------------------
_UZ_CYR_VOWELS = "аеёиоуэюяўАЕЁИОУЭЮЯЎ"
UZ_1995 = _table(
    "а a, б b, в v, г g, д d, е e, ё yo, ж j, з z, и i, й y, к k, л l, м m, н n, о o, п p, р r,"
    " с s, т t, у u, ф f, х x, ц s, ч ch, ш sh, щ shch, ы i, ь -, э e, ю yu, я ya, қ q, ҳ h"
) | {"ъ": TUTUQ, "ў": "o" + OKINA, "ғ": "g" + OKINA}
UZ_1995_RULES = [
    Rule("еЕ", "ye", prev=f"[{_UZ_CYR_VOWELS}ъьЪЬ]", word_start=True),  # ер → yer, поезд → poyezd
    Rule("цЦ", "ts", prev=f"[{_UZ_CYR_VOWELS}]", ahead=f"(?={LETTER})"),  # лицей → litsey; цирк → sirk
    Rule("сС", "s" + TUTUQ + "h", rest="[ҳҲ]"),  # Исҳоқ → Isʼhoq
]
UZ_1995_REVERSE = _table(
    "a а, b б, c ц, d д, e е, f ф, g г, h ҳ, i и, j ж, k к, l л, m м, n н, o о, p п, q қ, r р,"
    " s с, t т, u у, v в, w в, x х, y й, z з"
)
UZ_1995_REVERSE_RAW = {TUTUQ: "ъ"}
#: an apostrophe after o or g that closes a quotation is not the mark of oʻ/gʻ ('Bobo' → 'Бобо')
UZ_1995_REVERSE_HOLD = closing_quotes_after_og
UZ_1995_REVERSE_SEQS: dict[str, str] = {
    "sh": "ш",
    "ch": "ч",
    "yo": "ё",
    "yu": "ю",
    "ya": "я",
    "ye": "е",
}
for _a in _APOS_NOT_TUTUQ:
    UZ_1995_REVERSE_SEQS["o" + _a] = "ў"
    UZ_1995_REVERSE_SEQS["g" + _a] = "ғ"
for _a in _APOS_NOT_TUTUQ + TUTUQ:
    UZ_1995_REVERSE_SEQS["s" + _a + "h"] = "сҳ"
_APOS_CLASS = "[" + re.escape(_APOS_NOT_TUTUQ) + "]"
UZ_1995_REVERSE_RULES = [
    Rule("yY", "й", ahead=f"(?=[oO]{_APOS_CLASS})"),  # yoʻl → йўл, not ёʻл
    Rule("eE", "э", prev="[aeiouAEIOU]", word_start=True),  # ekran → экран, poet → поэт
    Rule("eE", "э", prev=f"[oO]{_APOS_CLASS}"),  # oʻ is a vowel too: qoʻe → қўэ
    # the tutuq belgisi has no case: inside an all-caps word it is the capital Ъ (МАЪНО ↔ MAʼNO)
    Rule(_APOS_NOT_TUTUQ + TUTUQ, "Ъ", prev=UPPER[:-1] + OKINA + "]", ahead=f"(?={UPPER})"),
    # any apostrophe between letters that is not part of oʻ/gʻ is the tutuq belgisi
    Rule(_APOS_NOT_TUTUQ, "ъ", prev="[^\\W\\d_oOgG]", ahead=f"(?={LETTER})"),
]

# --- Azerbaijani, 1991 Latin alphabet -------------------------------------------------------------
AZ_1991 = _table(
    "а a, б b, в v, г q, ғ ğ, д d, е e, ә ə, ж j, з z, и i, ы ı, ј y, к k, ҝ g, л l, м m, н n, о o,"
    " ө ö, п p, р r, с s, т t, у u, ү ü, ф f, х x, һ h, ч ç, ҹ c, ш ş,"
    # Russian-only letters (policy)
    " й y, ё yo, ц ts, щ şç, ъ -, ь -, э e, ю yu, я ya"
)
AZ_1991_REVERSE = _table(
    "a а, b б, c ҹ, ç ч, d д, e е, ə ә, f ф, g ҝ, ğ ғ, h һ, x х, ı ы, i и, j ж, k к, q г, l л,"
    " m м, n н, o о, ö ө, p п, r р, s с, ş ш, t т, u у, ü ү, v в, y ј, z з,"
    " w в"  # outside the alphabet, from foreign names (policy)
)

# --- Turkmen, national Latin alphabet -------------------------------------------------------------
TK_1993 = _table(
    "а a, б b, в w, г g, д d, е e, ё ýo, ж ž, җ j, з z, и i, й ý, к k, л l, м m, н n, ң ň, о o,"
    " ө ö, п p, р r, с s, т t, у u, ү ü, ф f, х h, ц ts, ч ç, ш ş, щ şç, ъ -, ы y, ь -, э e, ә ä,"
    " ю ýu, я ýa"
)
TK_1993_RULES = [Rule("еЕ", "ýe", word_start=True)]
TK_1993_REVERSE = _table(
    "a а, b б, ç ч, d д, e е, ä ә, f ф, g г, h х, i и, j җ, ž ж, k к, l л, m м, n н, ň ң, o о,"
    " ö ө, p п, r р, s с, ş ш, t т, u у, ü ү, w в, v в, y ы, ý й, z з,"
    " c ц, q к, x х"  # outside the alphabet, from foreign names (policy)
)
TK_1993_REVERSE_SEQS = {"ýa": "я", "ýo": "ё", "ýu": "ю"}
TK_1993_REVERSE_RULES = [
    Rule("ýÝ", "е", word_start=True, rest="[eE]"),  # ýeňiş → еңиш
    Rule("eE", "э", word_start=True),  # el → эл
]

# --- BGN/PCGN romanisations (as ICU's *-Latin/BGN transforms write them) ----------------------------
_RU_BASE = (
    "а a, б b, в v, г g, д d, е e, ё ë, ж zh, з z, и i, й y, к k, л l, м m, н n, о o, п p, р r,"
    " с s, т t, у u, ф f, х kh, ц ts, ч ch, ш sh, щ shch, ы y, э e, ю yu, я ya"
)
_SIGNS = {"ъ": "\u02ba", "ь": "\u02b9"}
RU_BGN = _table(_RU_BASE) | _SIGNS
_RU_VOWELS = "аеёиоуыэюяАЕЁИОУЫЭЮЯ"
RU_BGN_RULES = [
    Rule("еЕ", "ye", prev=f"[{_RU_VOWELS}йъьЙЪЬ]", word_start=True),
    Rule("ёЁ", "yë", prev=f"[{_RU_VOWELS}йъьЙЪЬ]", word_start=True),
    Rule("йЙ", "y·", ahead="(?=[ауыэАУЫЭ])"),
    Rule("ыЫ", "·y", prev=f"[{_RU_VOWELS}]"),
    Rule("ыЫ", "y·", ahead="(?=[ауыэАУЫЭ])"),
    Rule("эЭ", "·e", prev=f"[^\\W\\d_{_RU_VOWELS}йЙ]"),
]
RU_BGN_SEQS = {"тс": "t·s", "шч": "sh·ch"}

KY_BGN = (
    _table(
        "а a, б b, в v, г g, д d, е e, ё ë, ж j, з z, и i, й ĭ, к k, л l, м m, н n, ң ng, о o, ө ö,"
        " п p, р r, с s, т t, у u, ү ü, ф f, х kh, ц ts, ч ch, ш sh, щ shch, ы y, э e, ю yu, я ya"
    )
    | _SIGNS
)
KY_BGN_SEQS = {"нг": "n·g", "шч": "sh·ch"}

KK_BGN = (
    _table(
        "а a, ә ä, б b, в v, г g, ғ gh, д d, е e, ё ë, ж zh, з z, и ī, й ī̆, к k, қ q, л l, м m,"
        " н n, ң ng, о o, ө ö, п p, р r, с s, т t, у ū, ұ u, ү ü, ф f, х kh, һ h, ц ts, ч ch,"
        " ш sh, щ shch, ы y, і i, э ė, ю yu, я ya"
    )
    | _SIGNS
)
KK_BGN_SEQS = {"нг": "n·g", "шч": "sh·ch"}

UZ_BGN = _table(
    "а a, б b, в w, г g, д d, е e, ё ë, ж j, з z, и i, й ĭ, к k, л l, м m, н n, о o, п p, р r,"
    " с s, т t, у ū, ф f, х kh, ц ts, ч ch, ш sh, щ shch, ы y, э e, ю yu, я ya, ў ū̆, қ q, ғ gh,"
    " ҳ h"
) | {"ъ": "\u02b9", "ь": "\u02b9"}
UZ_BGN_RULES = [Rule("еЕ", "ye", word_start=True), Rule("ёЁ", "yë", word_start=True)]
UZ_BGN_SEQS = {"сҳ": "s·h"}

AZ_BGN = AZ_1991 | _table("й ĭ, э ė, ю yu̇, я yȧ") | {"ъ": "\u02ba", "ь": "\u02b9"}

TK_BGN = (
    _table(
        "а a, б b, в w, г g, д d, е e, ё ë, ж zh, җ j, з z, и i, й y, к k, л l, м m, н n, ң ng,"
        " о o, ө ö, п p, р r, с s, т t, у u, ү ü, ф f, х h, ц ts, ч ch, ш sh, щ shch, ы y, э e,"
        " ә ä, ю yu, я ya"
    )
    | _SIGNS
)
TK_BGN_RULES = [Rule("еЕ", "ye", word_start=True), Rule("ёЁ", "yë", word_start=True)]
TK_BGN_SEQS = {"нг": "n·g", "шч": "sh·ch"}

# --- Turkish-orthography Latin for any Turkic Cyrillic text; Kyrgyz in Common Turkic style ----------
TR_TURKIC = _table(
    "а a, ә e, б b, в v, г g, ғ ğ, д d, е e, ё yo, ж j, җ c, з z, и i, й y, ј y, к k, қ k, ҝ g,"
    " л l, м m, н n, ң n, о o, ө ö, п p, р r, с s, т t, у u, ұ u, ү ü, ў o, ф f, х h, һ h, ҳ h,"
    " ц ts, ч ç, ҹ c, ш ş, щ şç, ъ -, ы ı, і i, ь -, э e, ю yu, я ya"
)
KY_CTA = _table(
    "а a, б b, в v, г g, д d, е e, ё yo, ж j, з z, и i, й y, к k, л l, м m, н n, ң ñ, о o, ө ö,"
    " п p, р r, с s, т t, у u, ү ü, ф f, х x, ц ts, ч ç, ш ş, щ şç, ъ -, ы ı, ь -, э e, ю yu, я ya"
)
