"""Uzbek Latin: which apostrophes after o or g close a quotation rather than write oʻ/gʻ.

Real-world Uzbek Latin text writes oʻ and gʻ with any apostrophe (' ’ ‘ ` ´) and quotes with the same
characters, so «'Bobo' dedi» has an o followed by an apostrophe that is a closing quote. An apostrophe
run after o or g is a closing quote when no letter follows it and a matching opening quote (an
apostrophe run before a word) is still open in the same paragraph (a blank line ends one); with two or
more apostrophes the first is the letter's mark (gʻ) and the last ones close the quote. U+02BB (ʻ) is
always the letter's mark.
"""

from __future__ import annotations

import re

#: Apostrophes that quote as well as mark oʻ/gʻ (U+02BB and the tutuq belgisi U+02BC never quote).
QUOTE_APOSTROPHES = "'\u2019\u2018`\u00b4"
#: The characters that close a quote opened with each one.
_CLOSERS = {
    "'": "'\u2019",
    "\u2018": "\u2019\u2018",
    "\u2019": "\u2019",
    "`": "'`\u00b4",
    "\u00b4": "\u00b4'",
}
_RUN = re.compile("\n[^\\S\n]*\n|[" + re.escape(QUOTE_APOSTROPHES) + "]+")
_HINT = re.compile("[oOgG][" + re.escape(QUOTE_APOSTROPHES) + "](?![^\\W\\d_])")


def closing_quotes_after_og(text: str) -> list[int]:
    """Offsets in ``text`` of the apostrophes after o or g that close a quotation."""
    if _HINT.search(text) is None:
        return []
    held: list[int] = []
    opened: list[str] = []  # the open quotes of the current paragraph, innermost last
    for m in _RUN.finditer(text):
        run = m.group()
        if run[0] == "\n":  # a blank line ends a paragraph (a quote may span the lines of a cue)
            opened.clear()
            continue
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if after.isalpha():
            if not before.isalpha():
                opened.append(run)
            continue
        if not before.isalpha() or not opened:
            continue
        opener = opened[-1]
        n = len(opener)
        if len(run) < n or any(c not in _CLOSERS[opener[-1]] for c in run[-n:]):
            continue
        opened.pop()
        if before in "oOgG" and len(run) == n:
            held.extend(range(m.end() - n, m.end()))
    return held
