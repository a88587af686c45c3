"""Checks for the mistakes real Turkic text carries, and ``fix`` for the safe ones.

Finding codes (stable, documented in docs/transliteration.md):

``mixed-script``      a word mixing Cyrillic and Latin letters (homoglyphs such as Latin "a" in Cyrillic)
``foreign-letter``    a letter that is not in the alphabet of the language in that script
``uz-apostrophe``     Uzbek oʻ/gʻ or tutuq belgisi written with another apostrophe (' ’ ‘ `)
``combining-dot-i``   "i" followed by U+0307 COMBINING DOT ABOVE (left by English lower-casing of "İ")
``mojibake``          text decoded with the wrong legacy encoding (UTF-8 as CP1252/CP1251, CP1251 as CP1252,
                      CP1254 as Latin-1)
``kk-i-variant``      Kazakh і typed as Latin i/ı/I/İ or Ukrainian ї in Cyrillic, or Cyrillic і in Latin
``missing-letters``   Kazakh Cyrillic text long enough to show none of the language's own letters (typed on a
                      Russian keyboard: ң ғ қ ө ұ ү і as н г к о у у и)
``uz-missing-mark``   a common Uzbek Latin word written without the mark of its oʻ/gʻ (ozbek, yoq, togri)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from korkyt.translit._chars import (
    APOSTROPHES,
    CYRILLIC_SET,
    LATIN_SET,
    OKINA,
    RUSSIAN_LOWER,
    TUTUQ,
    nfc,
)
from korkyt.translit._quotes import closing_quotes_after_og
from korkyt.translit.engine import unprotected_spans


@dataclass(frozen=True)
class Finding:
    """One problem in a text: ``code``, the span ``[start, end)`` in the NFC text, a human message,
    the replacement for the span when known, and whether ``fix`` may apply it automatically."""

    code: str
    start: int
    end: int
    message: str
    suggestion: str | None
    safe: bool


# Cyrillic ↔ Latin look-alikes.
_LAT_TO_CYR = dict(zip("aceopxyiAВCEHKMOPTXYIjJhəƏsS", "асеорхуіАВСЕНКМОРТХУІјЈһәӘѕЅ", strict=True))
_LAT_TO_CYR["B"] = "В"
_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}

_EXTRA_CYR = {
    "kk": "әғқңөұүһі",
    "uz": "ўқғҳ",
    "az": "әғјҝөүһҹ",
    "tk": "әҗңөү",
    "ky": "ңөү",
    "ru": "",
    "tr": "",
}
_EXTRA_LAT = {
    "kk": "äğıñöşūüi",
    "uz": "",
    "az": "çəğıöşüi",
    "tk": "äçžňöşüý",
    "tr": "çğıöşüâîû",
    "ky": "",
    "ru": "",
}
_SUGGEST_LAT = {
    ("az", "ä"): "ə",
    ("kk", "ə"): "ä",
    ("tr", "ə"): "e",
}

_SCHWA_CYR = {"ə": "ә", "Ə": "Ә"}  # Latin schwa found in Cyrillic text
_SCHWA_LAT = {"ә": "ə", "Ә": "Ə"}  # Cyrillic schwa found in Latin text
_APOS_VARIANTS = "'\u2019\u2018`\u00b4\u02b9"
_WORD = re.compile(r"(?:[^\W\d_]|[" + re.escape(APOSTROPHES) + r"](?=[^\W\d_])|\u0307)+")
_COMBINING_DOT = re.compile("[iıI]\u0307")


def _alphabet(lang: str, script: str) -> frozenset[str]:
    base = lang.split("-", 1)[0].lower()
    if script == "Cyrl":
        letters = RUSSIAN_LOWER + _EXTRA_CYR.get(base, "")
    else:
        letters = "abcdefghijklmnopqrstuvwxyz" + _EXTRA_LAT.get(base, "")
    return frozenset(letters + letters.upper() + ("İ" if "i" in letters else ""))


def _normalise_script(script: str) -> str:
    low = script.strip().lower()
    if low in ("cyrl", "cyrillic"):
        return "Cyrl"
    if low in ("latn", "latin"):
        return "Latn"
    raise ValueError(f"script must be 'Cyrl' or 'Latn', not {script!r}")


def lint(text: str, lang: str, script: str) -> list[Finding]:
    """Findings for ``text`` written in ``lang`` (kk, uz, az, tk, ky, tr, ru) and ``script``.

    Spans refer to ``unicodedata.normalize("NFC", text)``; findings are sorted by position.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {type(text).__name__}")
    script = _normalise_script(script)
    base = lang.strip().replace("_", "-").split("-", 1)[0].lower()
    if base not in _EXTRA_CYR:
        raise ValueError(f"unsupported language {lang!r}; supported: {', '.join(sorted(_EXTRA_CYR))}")
    text = nfc(text)
    findings: list[Finding] = []
    for m in _COMBINING_DOT.finditer(text):
        repl = "İ" if m.group()[0] == "I" else "i"
        findings.append(
            Finding(
                "combining-dot-i",
                m.start(),
                m.end(),
                "dotted i written with a combining dot (U+0307)",
                repl,
                True,
            )
        )
    alphabet = _alphabet(base, script)
    for start, end in unprotected_spans(text):  # markup such as {\i1}, \N, <i>, URLs are not text
        for m in _WORD.finditer(text, start, end):
            findings.extend(_check_word(m.group(), m.start(), base, script, alphabet))
    if base == "uz" and script == "Latn":
        findings.extend(_uz_apostrophes(text))
        findings.extend(_uz_missing_marks(text))
    if script == "Cyrl":
        findings.extend(missing_letters(text, base))
    garbled = _mojibake(text, base, script)
    if garbled:  # letters inside mis-decoded text are not worth reporting one by one
        findings = [f for f in findings if not any(g.start < f.end and f.start < g.end for g in garbled)]
        findings.extend(garbled)
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def _check_word(word: str, offset: int, lang: str, script: str, alphabet: frozenset[str]) -> list[Finding]:
    cyr = [c for c in word if c in CYRILLIC_SET]
    lat = [c for c in word if c in LATIN_SET]
    out: list[Finding] = []
    if cyr and lat:
        out.extend(_mixed(word, offset, lang, script, len(cyr), len(lat)))
        return out
    word_script = "Cyrl" if cyr else "Latn" if lat else None
    if word_script != script:
        # a whole word of the other script (a name, a brand) is left alone, except a lone schwa
        schwa = _SCHWA_CYR if script == "Cyrl" else _SCHWA_LAT
        for i, ch in enumerate(word):
            if ch in schwa:
                out.append(
                    Finding(
                        "foreign-letter",
                        offset + i,
                        offset + i + 1,
                        f"{ch!r} is the schwa of the other script",
                        schwa[ch],
                        len(word) == 1,
                    )
                )
        return out
    for i, ch in enumerate(word):
        if not ch.isalpha() or ch in alphabet or ch in APOSTROPHES:
            continue
        pos = offset + i
        if lang == "kk" and script == "Cyrl" and ch in "їЇ":
            out.append(
                Finding(
                    "kk-i-variant",
                    pos,
                    pos + 1,
                    "Kazakh і typed as Ukrainian ї",
                    "і" if ch == "ї" else "І",
                    True,
                )
            )
            continue
        suggestion = _SUGGEST_LAT.get((lang, ch.lower()))
        if suggestion and ch.isupper():
            suggestion = suggestion.upper()
        out.append(
            Finding(
                "foreign-letter",
                pos,
                pos + 1,
                f"letter {ch!r} is not in the {lang}-{script} alphabet",
                suggestion,
                False,
            )
        )
    return out


def _mixed(word: str, offset: int, lang: str, script: str, n_cyr: int, n_lat: int) -> list[Finding]:
    # Kazakh і typed as a Latin i inside a Cyrillic word, or Cyrillic і inside a Latin word.
    if lang == "kk":
        other = [c for c in word if (c in LATIN_SET) == (script == "Cyrl")]
        if script == "Cyrl" and other and all(c in "iıIİ" for c in other):
            return [
                Finding(
                    "kk-i-variant",
                    offset + i,
                    offset + i + 1,
                    "Kazakh і typed as a Latin letter",
                    "і" if c in "iı" else "І",
                    True,
                )
                for i, c in enumerate(word)
                if c in "iıIİ"
            ]
        if script == "Latn" and other and all(c in "іІ" for c in other):
            return [
                Finding(
                    "kk-i-variant",
                    offset + i,
                    offset + i + 1,
                    "Cyrillic і in a Kazakh Latin word",
                    "ı" if c == "і" else "I",
                    True,
                )
                for i, c in enumerate(word)
                if c in "іІ"
            ]
    schwa = _SCHWA_CYR if script == "Cyrl" else _SCHWA_LAT
    other = [c for c in word if (c in LATIN_SET) == (script == "Cyrl")]
    if other and all(c in schwa for c in other):
        return [
            Finding(
                "foreign-letter",
                offset + i,
                offset + i + 1,
                f"{c!r} is the {'Latin' if script == 'Cyrl' else 'Cyrillic'} schwa",
                schwa[c],
                True,
            )
            for i, c in enumerate(word)
            if c in schwa
        ]
    target = script if (n_cyr >= n_lat) == (script == "Cyrl") else ("Cyrl" if n_cyr >= n_lat else "Latn")
    table = _LAT_TO_CYR if target == "Cyrl" else _CYR_TO_LAT
    source_set = LATIN_SET if target == "Cyrl" else CYRILLIC_SET
    fixed = "".join(table.get(c, c) if c in source_set else c for c in word)
    converted = not any(c in source_set for c in fixed)
    if not converted and target != script:
        # try the requested script instead
        table = _LAT_TO_CYR if script == "Cyrl" else _CYR_TO_LAT
        source_set = LATIN_SET if script == "Cyrl" else CYRILLIC_SET
        fixed = "".join(table.get(c, c) if c in source_set else c for c in word)
        converted = not any(c in source_set for c in fixed)
        target = script
    name = "Cyrillic" if target == "Cyrl" else "Latin"
    if converted:
        msg = f"word mixes Cyrillic and Latin letters; look-alikes can be made {name}"
        return [Finding("mixed-script", offset, offset + len(word), msg, fixed, True)]
    msg = "word mixes Cyrillic and Latin letters that have no look-alike in the other script"
    return [Finding("mixed-script", offset, offset + len(word), msg, None, False)]


_UZ_OG = re.compile("(?<=[oOgG])[" + re.escape(_APOS_VARIANTS) + "]")
_UZ_TUTUQ = re.compile("(?<=[^\\W\\d_oOgG])[" + re.escape(_APOS_VARIANTS + OKINA) + "](?=[^\\W\\d_])")


def _uz_apostrophes(text: str) -> list[Finding]:
    out = []
    quotes = set(closing_quotes_after_og(text))
    for m in _UZ_OG.finditer(text):
        letter = text[m.start() - 1]
        quote = m.start() in quotes  # oʻ/gʻ at a word end, or the end of a quotation
        message = f"{letter}ʻ is written with U+02BB, not {m.group()!r}"
        if quote:
            message = f"{letter}ʻ with {m.group()!r} instead of U+02BB, or {letter} then a closing quote"
        out.append(Finding("uz-apostrophe", m.start(), m.end(), message, OKINA, not quote))
    for m in _UZ_TUTUQ.finditer(text):
        out.append(
            Finding(
                "uz-apostrophe",
                m.start(),
                m.end(),
                f"the tutuq belgisi is written with U+02BC, not {m.group()!r}",
                TUTUQ,
                True,
            )
        )
    return out


#: The letters of Kazakh Cyrillic that Russian lacks: a text of MISSING_LETTERS_AFTER letters or more with
#: none of them was most likely typed on a Russian keyboard (or is not Kazakh at all). Kyrgyz is left out:
#: its three (ң ө ү) are rare enough for a plain sentence of 60 letters to have none.
_OWN_LETTERS = {"kk": "әғқңөұүһі"}
_LANGUAGE_NAMES = {"kk": "Kazakh"}
MISSING_LETTERS_AFTER = 60


def missing_letters(text: str, lang: str) -> list[Finding]:
    """The ``missing-letters`` finding of a Cyrillic ``text`` in ``lang`` (one over the whole text), or
    none: a document-level check a caller may run on a whole document (the subtitle checks do)."""
    base = lang.strip().replace("_", "-").split("-", 1)[0].lower()
    own = _OWN_LETTERS.get(base)
    if own is None:
        return []
    lang = base
    letters = [c for start, end in unprotected_spans(text) for c in text[start:end] if c in CYRILLIC_SET]
    if len(letters) < MISSING_LETTERS_AFTER or any(c.lower() in own for c in letters):
        return []
    message = (
        f"none of the {_LANGUAGE_NAMES[lang]} letters {' '.join(own)} in {len(letters)} Cyrillic letters: "
        "typed on a Russian keyboard, or not written in this language?"
    )
    return [Finding("missing-letters", 0, len(text), message, None, False)]


#: Common Uzbek words whose unmarked spelling is no other word: what a text typed without oʻ/gʻ shows.
_UZ_MARKED = {
    "ozbek": "oʻzbek",
    "ozbekiston": "oʻzbekiston",
    "ozbekcha": "oʻzbekcha",
    "boladi": "boʻladi",
    "bolgan": "boʻlgan",
    "bolib": "boʻlib",
    "bolsa": "boʻlsa",
    "bolmaydi": "boʻlmaydi",
    "yoq": "yoʻq",
    "kop": "koʻp",
    "togri": "toʻgʻri",
    "ogil": "oʻgʻil",
    "gozal": "goʻzal",
    "orniga": "oʻrniga",
    "qoshiq": "qoʻshiq",
    "songra": "soʻngra",
    "korsatish": "koʻrsatish",
    "korish": "koʻrish",
}
_UZ_UNMARKED = re.compile(
    r"(?<![^\W\d_])(" + "|".join(sorted(_UZ_MARKED, key=len, reverse=True)) + r")(?![^\W\d_ʻʼ'])", re.I
)


def _uz_missing_marks(text: str) -> list[Finding]:
    out = []
    for m in _UZ_UNMARKED.finditer(text):
        word = m.group()
        right = _UZ_MARKED[word.lower()]
        if word.isupper() and len(word) > 1:
            right = right.upper().replace("ʻ".upper(), "ʻ")
        elif word[0].isupper():
            right = right[0].upper() + right[1:]
        out.append(
            Finding("uz-missing-mark", m.start(), m.end(), f"{word!r} is written {right!r}", right, False)
        )
    return out


# UTF-8 lead bytes seen through CP1252/Latin-1 followed by a continuation byte: Ð Ñ Ò Ó for Cyrillic
# (ғ қ ң ү ұ һ ҳ are D2 xx, ә ө D3 xx), Ã Ä Å Æ É for Turkic Latin (ç ö ü, ğ ı İ, ş ň ž ū, Ə C6 8F,
# ə C9 99), Ê for the Uzbek ʻ and ʼ (CA BB, CA BC); or seen through CP1251 (Р С). CP1251 Cyrillic seen
# through CP1252 is all À-ÿ.
_CONT_1252 = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122"
_CONT_1251 = (
    "\u0402-\u040f\u0452-\u045f\u0490\u0491\u00a0-\u00bb"
    "\u0401\u0451\u0404\u0454\u0406\u0407\u0456\u0457\u2013-\u2122"
)
_MOJIBAKE = re.compile(
    f"(?<!\\S)\\S*(?:[ÐÑÒÓÃÄÅÆÉÊ][{_CONT_1252}]|(?:[РС][{_CONT_1251}]){{2}})\\S*"
    "|(?<![^\\W\\d_])[\u00c0-\u00ff]{3,}(?![^\\W\\d_])"
)
# Turkish text in CP1254 read as Latin-1 or CP1252: the six code points where CP1254 differs.
_CP1254 = str.maketrans("ÐÝÞðýþ", "ĞİŞğış")
_CP1254_TOKEN = re.compile("(?<!\\S)\\S*[ÐÝÞðýþ]\\S*")
_CP1254_LANGS = ("tr", "az", "kk", "tk")  # the Latin alphabets with ğ ı ş that CP1254 was used for
# Latin Extended-B, IPA and modifier letters other than Ə ə ʹ ʻ ʼ: a "repair" giving one (French
# «CAFÉ» followed by » would give «CAFɻ») did not undo a wrong decoding.
_UNLIKELY = re.compile("[\u0180-\u018e\u0190-\u0258\u025a-\u02b8\u02ba\u02bd-\u02ff]")


def _repair(token: str, script: str) -> str | None:
    repairs = [("cp1252", "utf-8"), ("latin-1", "utf-8"), ("cp1251", "utf-8")]
    if script == "Cyrl":  # in Latin text a word of À-ÿ letters is more likely real (Turkish «üçü»)
        repairs.append(("cp1252", "cp1251"))
    for enc, dec in repairs:
        try:
            fixed = token.encode(enc).decode(dec)
        except UnicodeError:
            continue
        if fixed == token or _UNLIKELY.search(fixed):
            continue
        if dec == "utf-8" or all(c in CYRILLIC_SET for c in fixed):
            return fixed
    return None


def _mojibake(text: str, lang: str, script: str) -> list[Finding]:
    out = []
    for m in _MOJIBAKE.finditer(text):
        fixed = _repair(m.group(), script)
        if fixed is not None:
            out.append(Finding("mojibake", m.start(), m.end(),
                               "text decoded with the wrong encoding", fixed, False))  # fmt: skip
    if script == "Latn" and lang in _CP1254_LANGS:
        out.extend(_cp1254(text, lang, [(f.start, f.end) for f in out]))
    return out


def _cp1254(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Finding]:
    """Words whose Ð Ý Þ ð ý þ (not letters of ``lang``) read as CP1254 give a word of ``lang``'s
    alphabet: «Ýstanbul» → «İstanbul», «þehir» → «şehir»; Icelandic «Þór», «Guðrún» stay."""
    alphabet = _alphabet(lang, "Latn")
    out = []
    for m in _CP1254_TOKEN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        token = m.group()
        fixed = "".join(c if c in alphabet else c.translate(_CP1254) for c in token)
        if fixed == token or not all(c in alphabet or c in APOSTROPHES for c in fixed if c.isalpha()):
            continue
        message = "Turkish-alphabet text in CP1254 decoded as Latin-1"
        out.append(Finding("mojibake", m.start(), m.end(), message, fixed, False))
    return out


def fix(text: str, lang: str, script: str) -> str:
    """Return the NFC ``text`` with the suggestions of all safe findings applied."""
    findings = [f for f in lint(text, lang, script) if f.safe and f.suggestion is not None]
    text = nfc(text)
    parts: list[str] = []
    pos = 0
    for f in findings:
        if f.start < pos:
            continue  # overlapping finding: the first one wins
        parts.append(text[pos : f.start])
        parts.append(f.suggestion or "")
        pos = f.end
    parts.append(text[pos:])
    return nfc("".join(parts))
