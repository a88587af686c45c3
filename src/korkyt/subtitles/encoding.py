"""Decoding subtitle bytes: BOMs, UTF-16 without BOM, UTF-8, and legacy Cyrillic/Turkish code pages.

Legacy single-byte files are first ranked by charset-normalizer (restricted to the code pages used for
these languages), then re-ranked by a Turkic/Cyrillic-aware plausibility score, because a short CP1251 or
CP1254 subtitle file gives a statistical detector very little to go on. The score penalises, per word:
Latin and Cyrillic letters mixed in one word (what CP1254 text decoded as CP1251 looks like), upper case
inside a lower-case word (CP1251 decoded as KOI8-R and vice versa), and Latin words made mostly of
accented letters (Cyrillic decoded as a Latin code page).
"""

from __future__ import annotations

import codecs
import re

from .errors import EncodingError

#: Legacy code pages we consider, in order of preference when the scores tie. CP1254 stands in for
#: CP1252/Latin-1 too: they differ only in six letters (Ğ İ Ş ğ ı ş against Icelandic Ð Ý Þ ð ý þ).
LEGACY = ("cp1251", "cp1254", "koi8-r")
SUPPORTED = frozenset(
    {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "ascii", *LEGACY, "latin-1"}
)

_WORD_RE = re.compile(r"[^\W\d_]+")
_TURKISH_EXTRA = set("çğıöşüÇĞİÖŞÜâîûÂÎÛ")
_ASCII_LETTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalise_name(name: str) -> str:
    """Canonical spelling of an encoding name (``"CP1251"`` → ``"cp1251"``, ``"utf_8"`` → ``"utf-8"``)."""
    try:
        info = codecs.lookup(name)
    except LookupError as exc:
        raise EncodingError(f"unknown encoding {name!r}; use e.g. utf-8, cp1251, cp1254, koi8-r") from exc
    canonical = info.name.replace("_", "-")
    aliases = {"iso8859-1": "latin-1", "koi8-r": "koi8-r", "windows-1251": "cp1251"}
    return aliases.get(canonical, canonical)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode subtitle bytes; return ``(text, encoding_name)``.

    With ``encoding`` given the bytes must decode cleanly in it; otherwise the encoding is detected.
    """
    if encoding is not None:
        name = normalise_name(encoding)
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise EncodingError(
                f"the file is not valid {name}: byte 0x{data[exc.start]:02x} at line {line} "
                f"(offset {exc.start}) cannot be decoded; omit the encoding to detect it"
            ) from exc
    return detect_and_decode(data)


def detect_and_decode(data: bytes) -> tuple[str, str]:
    """Detect the encoding of ``data`` and decode it."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _strict(data, "utf-32")
    if data.startswith(codecs.BOM_UTF16_LE):
        return _strict(data[2:], "utf-16-le")
    if data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data[2:], "utf-16-be")
    utf16 = _guess_utf16(data)
    if utf16:
        return _strict(data, utf16)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc)
    if b"\x00" in data:
        raise EncodingError(
            "the file contains NUL bytes and is not UTF-16 or UTF-8: it looks like binary data, "
            "not a subtitle file",
            code="encoding.binary",
        )
    return _legacy(data)


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> None:
    """A file that is UTF-8 but for a few bytes is damaged, not legacy: say so instead of guessing."""
    sample = data[:262144]
    good = len(_UTF8_SEQ.findall(sample))
    bad = len(sample.decode("utf-8", errors="replace").split("\ufffd")) - 1
    if good >= 20 and bad * 10 <= good:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EncodingError(
            f"the file is UTF-8 except for {bad} invalid byte(s), the first at line {line} "
            f"(0x{data[exc.start]:02x}); repair those bytes, or give the encoding if it is not UTF-8",
            code="encoding.damaged_utf8",
            params={"count": bad, "line": line, "byte": f"0x{data[exc.start]:02x}"},
        )


def _strict(data: bytes, name: str) -> tuple[str, str]:
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"the file starts like {name} but byte offset {exc.start} is not valid {name}; "
            "the file may be truncated or damaged",
            code="encoding.truncated",
            params={"encoding": name, "offset": exc.start},
        ) from exc
    return text.lstrip("\ufeff"), name


def _guess_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    # High bytes of Latin (00, 01, 02) and Cyrillic (04) text; ASCII timing lines give the NULs.
    odd_high = sum(odd.count(b) for b in (0, 1, 2, 4)) / len(odd)
    even_high = sum(even.count(b) for b in (0, 1, 2, 4)) / len(even)
    if even_nul < 0.05 and (odd_nul > 0.3 or (odd_nul > 0.1 and odd_high > 0.9)):
        return "utf-16-le"
    if odd_nul < 0.05 and (even_nul > 0.3 or (even_nul > 0.1 and even_high > 0.9)):
        return "utf-16-be"
    return None


def plausibility_penalty(text: str) -> float:
    """How implausible ``text`` is as Turkic/Russian/English prose (0 = perfectly plausible)."""
    penalty = 0.0
    words = 0
    for word in _WORD_RE.findall(text):
        if len(word) < 2:
            continue
        words += 1
        cyr = lat = 0
        nonascii_lat = 0.0
        for ch in word:
            if "\u0400" <= ch <= "\u04ff":
                cyr += 1
            elif ch in _ASCII_LETTERS:
                lat += 1
            else:
                lat += 1
                if ch not in _TURKISH_EXTRA:
                    nonascii_lat += 1.0
                else:
                    nonascii_lat += 0.25
        if cyr and lat:
            penalty += 3
        if lat and nonascii_lat / len(word) > 0.34:
            penalty += 2
        # Upper case after lower case inside a word: KOI8-R/CP1251 confusion.
        body = word[1:]
        if any(c.isupper() for c in body) and any(c.islower() for c in word) and not word.isupper():
            lower_seen = False
            for c in word:
                if c.islower():
                    lower_seen = True
                elif c.isupper() and lower_seen:
                    penalty += 1.5
                    break
    # Symbols in the middle of text that legacy decodes produce (¤ ¦ § ± µ ¶ etc.) are suspicious.
    penalty += 5 * sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    penalty += sum(text.count(ch) for ch in "¤¦§±µ¶©®°¬Ђ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ") * 0.2
    return penalty / max(words, 1)


def _legacy(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    sample = data[:65536]
    ranked: dict[str, int] = {}
    try:
        matches = from_bytes(sample, cp_isolation=list(LEGACY))
        for rank, match in enumerate(matches):
            ranked.setdefault(normalise_name(match.encoding), rank)
    except Exception:  # charset-normalizer is only a first opinion; our score decides below
        ranked = {}
    candidates: list[tuple[float, int, int, str, str]] = []
    for order, name in enumerate(LEGACY):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        cn_rank = ranked.get(name, len(LEGACY))
        candidates.append((round(plausibility_penalty(text), 3), cn_rank, order, name, text))
    if not candidates:
        raise EncodingError(
            "the file is not UTF-8, UTF-16 or a supported legacy code page (CP1251, CP1254, KOI8-R); "
            "give the encoding explicitly",
            code="encoding.unsupported",
        )
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    name = candidates[0][3]
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:  # a byte past the sample did not fit
        raise EncodingError(
            f"the file looks like {name} but byte offset {exc.start} is not valid in it; "
            "give the encoding explicitly",
            code="encoding.legacy_mismatch",
            params={"encoding": name, "offset": exc.start},
        ) from exc
