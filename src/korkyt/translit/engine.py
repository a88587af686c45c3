"""The compiled converter behind every transliteration scheme.

A scheme is data: single letters, letter sequences and context rules. ``Converter`` compiles them once
into one regular expression (context rules, sequences and the capitals that need all-caps output) and
one ``str.translate`` table (every context-free letter), so converting a text is one regex pass whose
callback runs only where a rule applies, followed by one table lookup per character in C.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal
from unicodedata import is_normalized, normalize

from korkyt.translit._chars import LETTER, LOWER, UPPER, char_class, nfc
from korkyt.translit.casing import capitalize_word
from korkyt.translit.casing import upper as turkic_aware_upper

CapsMode = Literal["word", "icu"]

#: Spans that are never converted, each looked for only when its marker character is in the text:
#: markup tags, ASS/SSA override blocks and line-break escapes, HTML entities, URLs, e-mail addresses.
_PROTECTED_PARTS = {
    "<": r"</?[A-Za-z][^<>\n]{0,300}>",
    "{": r"\{[^{}\n]*\}",
    "\\": r"\\[Nnh]",
    "&": r"&(?:[A-Za-z]{2,8}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});",
    "/": r"(?<![\w+.-])(?:[A-Za-z][A-Za-z0-9+.-]{1,15}://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}»…'’]",
    "@": r"(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+",
}
_PROTECT_HINT = re.compile(r"[<{\\&@:]")


@cache
def _protected_regex(markers: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(p for m, p in _PROTECTED_PARTS.items() if m in markers))


def unprotected_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text`` outside markup, URLs and e-mail addresses."""
    protected = _protected(text)
    if protected is None:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in protected.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _protected(text: str) -> re.Pattern[str] | None:
    """The regex of protected spans for ``text``, or None when it has no marker character."""
    if _PROTECT_HINT.search(text) is None and "www." not in text:
        return None
    markers = {m for m in "<{\\&@" if m in text}
    if "://" in text or "www." in text:
        markers.add("/")
    return _protected_regex(frozenset(markers)) if markers else None


#: Texts up to this length (titles, names) are remembered, up to MEMO_SIZE of them per converter.
SHORT_TEXT = 64
MEMO_SIZE = 50_000


@dataclass(frozen=True)
class Rule:
    """A context rule: a letter from ``first`` (both cases listed), then ``rest`` (a regex), written as
    ``out`` (lower case; the engine applies the source case) when the previous character matches the
    class ``prev`` or, with ``word_start``, is not a letter, and the text after matches ``ahead``."""

    first: str
    out: str
    prev: str = ""
    word_start: bool = False
    rest: str = ""
    ahead: str = ""

    def pattern(self) -> str:
        """The regex alternative for this rule, to follow the consumed first character."""
        pat = f"(?<={char_class(self.first)})"
        pre = []
        if self.prev:
            pre.append(f"(?<={self.prev}.)")
        if self.word_start:
            pre.append(r"(?<![^\W\d_].)")
        if pre:
            pat += "(?:" + "|".join(pre) + ")"
        return pat + self.rest + self.ahead


class Converter:
    """A compiled one-way conversion between scripts.

    ``letters`` maps lower-case source letters to lower-case output (``""`` deletes the letter); the
    upper-case forms are derived. ``seqs`` maps lower-case source sequences (two or more characters) to
    output, matched in any case, longest first. ``rules`` (``Rule``) convert a letter or sequence in a
    context and take precedence over sequences and letters. ``raw`` maps characters to output without
    case derivation. ``caps`` chooses how a capital with a multi-letter output is written: "word"
    (all caps inside an all-caps word, else title: Ш → Sh, ШАР → SHAR) or "icu" (title only before a
    lower-case letter, as ICU's BGN transforms do). ``hold`` gives the offsets of characters that
    pass through unconverted and do not count as letters for the rules (a closing quote after o).
    """

    def __init__(
        self,
        *,
        letters: Mapping[str, str],
        seqs: Mapping[str, str] | None = None,
        rules: Sequence[Rule] = (),
        raw: Mapping[str, str] | None = None,
        caps: CapsMode = "word",
        source_turkic: bool = False,
        target_turkic: bool = False,
        ascii_passthrough: bool = True,
        hold: Callable[[str], list[int]] | None = None,
    ) -> None:
        self._hold = hold
        self._caps_mode: CapsMode = caps
        self._ascii_passthrough = ascii_passthrough
        src_lang = "tr" if source_turkic else "und"
        tgt_lang = "tr" if target_turkic else "und"
        self._upper: Callable[[str], str] = lambda s: turkic_aware_upper(s, tgt_lang)
        self._title: Callable[[str], str] = lambda s: capitalize_word(s, target_turkic)[0] + s[1:] if s else s

        def src_upper(s: str) -> str:
            return turkic_aware_upper(s, src_lang)

        table: dict[str, str] = {}
        caps_out: dict[str, str] = {}
        for src, out in letters.items():
            table[src] = out
            up = src_upper(src)
            if up == src:
                continue
            table[up] = self._title(out)
            if self._upper(out) != self._title(out):
                caps_out[up] = self._upper(out)
        if raw:
            table.update(raw)
        # A list indexed by code point translates faster than a dict; characters past its end (and
        # any not in the table) are left as they are.
        size = max((ord(c) for c in table), default=0) + 1
        lookup: list[int | str] = list(range(size))
        for src_char, out_char in table.items():
            lookup[ord(src_char)] = out_char
        self._table = lookup
        self._memo: dict[str, str] = {}
        extra = "".join(r.out for r in rules) + "".join((seqs or {}).values())
        self._codepage = _Codepage.build(table, extra)

        # One pattern whose first element is a single character class (the first character of every
        # rule, sequence and capital), so the regex engine skips to candidates without entering the
        # alternatives; each alternative then re-checks the consumed character with a look-behind and
        # ends with an empty group whose number tells the callback which alternative matched.
        firsts: set[str] = set()
        alternatives: list[str] = []
        self._dispatch: list[tuple[str, str]] = [("", "")]  # group numbers start at 1
        for rule in rules:
            firsts.update(rule.first)
            alternatives.append(rule.pattern() + "()")
            self._dispatch.append(("rule", rule.out))
        self._seq_out: dict[str, str] = {}
        if seqs:
            for src, out in seqs.items():
                for variant in _case_variants(src, src_upper):
                    self._seq_out.setdefault(variant, self._case_seq(out, variant))
            by_first: dict[str, list[str]] = {}
            for variant in self._seq_out:
                by_first.setdefault(variant[0], []).append(variant[1:])
            parts = []
            for first, rests in sorted(by_first.items()):
                firsts.add(first)
                rests.sort(key=lambda r: (-len(r), r))
                parts.append(f"(?<={re.escape(first)})(?:" + "|".join(re.escape(r) for r in rests) + ")")
            alternatives.append("(?:" + "|".join(parts) + ")()")
            self._dispatch.append(("seq", ""))
        self._caps_out = caps_out
        if caps_out:
            firsts.update(caps_out)
            multi = char_class("".join(caps_out))
            word_cond = f"(?:(?={UPPER})|(?<={UPPER}.)(?!{LETTER}))"
            cond = word_cond if caps == "word" else f"(?!{LOWER})"
            alternatives.append(f"(?<={multi}){cond}()")
            self._dispatch.append(("caps", ""))
        self._regex = (
            re.compile(char_class("".join(firsts)) + "(?:" + "|".join(alternatives) + ")")
            if alternatives
            else None
        )

    # -- casing helpers -------------------------------------------------------------------------
    def _case_seq(self, out: str, variant: str) -> str:
        cased = [c for c in variant if c.lower() != c.upper()]
        if not cased or not cased[0].isupper():
            return out
        if len(cased) >= 2 and all(c.isupper() for c in cased):
            return self._upper(out)
        return self._title(out)

    def _all_caps_context(self, text: str, start: int, end: int) -> bool:
        nxt = text[end] if end < len(text) else ""
        if nxt.isupper():
            return True
        if nxt.islower():
            return False
        prev = text[start - 1] if start > 0 else ""
        if self._caps_mode == "icu" and nxt.isalpha():
            return False
        return prev.isupper()

    def _sub(self, m: re.Match[str]) -> str:
        src = m.group()
        kind, out = self._dispatch[m.lastindex or 0]
        if kind == "seq":
            return self._seq_out[src]
        if kind == "caps":
            return self._caps_out[src]
        if not src[0].isupper():
            return out
        if len(src) >= 2 and src.isupper():
            return self._upper(out)
        if self._all_caps_context(m.string, m.start(), m.end()):
            return self._upper(out)
        return self._title(out)

    # -- conversion -----------------------------------------------------------------------------
    def _convert_plain(self, text: str) -> str:
        if self._regex is not None:
            text = self._regex.sub(self._sub, text)
        if self._codepage is not None:
            out = self._codepage.translate(text)
            if out is not None:
                return out
        return text.translate(self._table)

    def convert(self, text: str) -> str:
        """Convert ``text`` (any normalisation form) and return NFC output.

        Short texts (titles, names) are remembered, so a catalogue that shows the same titles again
        converts each once.
        """
        if len(text) > SHORT_TEXT:
            if self._ascii_passthrough and text.isascii():
                return text
            return self._convert(text)
        memo = self._memo
        done = memo.get(text)
        if done is not None:
            return done
        if self._ascii_passthrough and text.isascii():
            return text
        out = self._convert(text)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[text] = out
        return out

    def clear_memo(self) -> None:
        """Forget the remembered short texts."""
        self._memo.clear()

    def _convert(self, text: str) -> str:
        text = nfc(text)
        held = self._hold(text) if self._hold is not None else None
        if not held:
            return self._convert_nfc(text)
        chars = list(text)
        for i in held:
            chars[i] = chr(_HELD + ord(chars[i]))
        return _HELD_CHAR.sub(lambda m: chr(ord(m.group()) - _HELD), self._convert_nfc("".join(chars)))

    def _convert_nfc(self, text: str) -> str:
        protected = _protected(text)
        if protected is None:
            out = self._convert_plain(text)
            return out if out.isascii() or is_normalized("NFC", out) else normalize("NFC", out)
        pieces: list[str] = []
        pos = 0
        for m in protected.finditer(text):
            if m.start() > pos:
                pieces.append(self._convert_plain(text[pos : m.start()]))
            pieces.append(m.group())
            pos = m.end()
        if pos < len(text):
            pieces.append(self._convert_plain(text[pos:]))
        return nfc("".join(pieces))


#: Held characters are carried through a conversion as private-use characters (plane 15), which no
#: table, sequence or rule matches and which the rules see as punctuation.
_HELD = 0xF0000
_HELD_CHAR = re.compile("[\U000f0000-\U000fffff]")

#: Punctuation common in Turkic and Russian text, given a code page slot so it needs no fallback.
_COMMON_PUNCTUATION = "«»—–…“”„‘’№\u00a0·´ʻʼ°•"


@dataclass(frozen=True)
class _Codepage:
    """A private single-byte code page for one table: text is encoded with a C-level encoding map and
    decoded with a 256-entry list of outputs, which is faster than ``str.translate``'s per-character
    dictionary lookups. Text with a character outside the code page falls back to ``str.translate``."""

    encoding_map: object
    outputs: list[str | None]

    @classmethod
    def build(cls, table: Mapping[str, str], extra: str) -> _Codepage | None:
        chars = sorted(
            {c for c in table if ord(c) >= 128} | {c for c in extra + _COMMON_PUNCTUATION if ord(c) >= 128}
        )
        if len(chars) > 128:
            return None
        slots = [chr(i) for i in range(128)] + chars
        decoding = "".join(slots) + "\ufffe" * (256 - len(slots))
        outputs: list[str | None] = [table.get(c, c) for c in slots] + [None] * (256 - len(slots))
        return cls(codecs.charmap_build(decoding), outputs)

    def translate(self, text: str) -> str | None:
        try:
            data = codecs.charmap_encode(text, "strict", self.encoding_map)[0]  # type: ignore[arg-type]
        except UnicodeEncodeError:
            return None
        return codecs.charmap_decode(data, "strict", self.outputs)[0]  # type: ignore[arg-type]


def _case_variants(src: str, src_upper: Callable[[str], str]) -> list[str]:
    options = [(c,) if src_upper(c) == c else (c, src_upper(c)) for c in src]
    return ["".join(p) for p in itertools.product(*options)]
