"""The compiled converter behind every transliteration scheme.

A scheme is data: single letters, letter sequences and context rules. ``Converter`` compiles them once
into one regular expression (context rules, sequences and the capitals that need all-caps output) and
one ``str.translate`` table (every context-free letter), so converting a text is one regex pass whose
callback runs only where a rule applies, followed by one table lookup per character in C.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

from korkyt.translit._chars import LETTER, LOWER, UPPER, nfc
from korkyt.translit.casing import capitalize_word
from korkyt.translit.casing import upper as turkic_aware_upper

CapsMode = Literal["word", "icu"]

#: Spans that are never converted: markup tags, ASS/SSA override blocks and line-break escapes,
#: HTML entities, URLs and e-mail addresses.
PROTECTED = re.compile(
    r"</?[A-Za-z][^<>\n]{0,300}>"
    r"|\{[^{}\n]*\}"
    r"|\\[Nnh]"
    r"|&(?:[A-Za-z]{2,8}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});"
    r"|(?:[A-Za-z][A-Za-z0-9+.-]{1,15}://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}»…'’]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_PROTECT_HINTS = ("<", "{", "\\", "&", "@", "://", "www.")


def _has_protected_hint(text: str) -> bool:
    return any(h in text for h in _PROTECT_HINTS)


class Converter:
    """A compiled one-way conversion between scripts.

    ``letters`` maps lower-case source letters to lower-case output (``""`` deletes the letter); the
    upper-case forms are derived. ``seqs`` maps lower-case source sequences (two or more characters) to
    output, matched in any case, longest first. ``rules`` are ``(regex, output)`` pairs matching one
    source letter or sequence in a context (both cases must be in the regex); they take precedence over
    sequences and letters. ``raw`` maps characters to output without case derivation.
    """

    def __init__(
        self,
        *,
        letters: Mapping[str, str],
        seqs: Mapping[str, str] | None = None,
        rules: Sequence[tuple[str, str]] = (),
        raw: Mapping[str, str] | None = None,
        caps: CapsMode = "word",
        source_turkic: bool = False,
        target_turkic: bool = False,
        ascii_passthrough: bool = True,
    ) -> None:
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
        self._table = str.maketrans(table)

        alternatives: list[str] = []
        self._dispatch: list[tuple[str, object]] = [("", None)]  # group numbers start at 1
        for pattern, out in rules:
            alternatives.append(f"({pattern})")
            self._dispatch.append(("rule", out))
        self._seq_out: dict[str, str] = {}
        if seqs:
            for src, out in seqs.items():
                for variant in _case_variants(src, src_upper):
                    self._seq_out.setdefault(variant, self._case_seq(out, variant))
            ordered = sorted(self._seq_out, key=lambda s: (-len(s), s))
            alternatives.append("(" + "|".join(re.escape(s) for s in ordered) + ")")
            self._dispatch.append(("seq", None))
        self._caps_out = caps_out
        if caps_out:
            multi = "[" + "".join(re.escape(c) for c in sorted(caps_out)) + "]"
            if caps == "word":
                pat = f"{multi}(?={UPPER})|(?<={UPPER}){multi}(?!{LETTER})"
            else:
                pat = f"{multi}(?!{LOWER})"
            alternatives.append(f"(?:{pat})")
            self._dispatch.append(("caps", None))
        self._regex = re.compile("|".join(alternatives)) if alternatives else None
        # The caps alternative has no group of its own: a match with lastindex None is a capital.
        self._has_caps = bool(caps_out)

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
        idx = m.lastindex
        src = m.group()
        if idx is None:  # capital letter in an all-caps context
            return self._caps_out[src]
        kind, data = self._dispatch[idx]
        if kind == "seq":
            return self._seq_out[src]
        out = str(data)
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
        return text.translate(self._table)

    def convert(self, text: str) -> str:
        """Convert ``text`` (any normalisation form) and return NFC output."""
        if self._ascii_passthrough and text.isascii():
            return text
        text = nfc(text)
        if _has_protected_hint(text):
            return nfc("".join(self._convert_pieces(text)))
        return nfc(self._convert_plain(text))

    def _convert_pieces(self, text: str) -> Iterable[str]:
        pos = 0
        for m in PROTECTED.finditer(text):
            if m.start() > pos:
                yield self._convert_plain(text[pos : m.start()])
            yield m.group()
            pos = m.end()
        if pos < len(text):
            yield self._convert_plain(text[pos:])


def _case_variants(src: str, src_upper: Callable[[str], str]) -> list[str]:
    options = [(c,) if src_upper(c) == c else (c, src_upper(c)) for c in src]
    return ["".join(p) for p in itertools.product(*options)]
