"""The script of the text against the one declared for it (``script.*``).

The Turkic spelling check leaves whole words of the other script alone on purpose (a name, a brand), so a
cue typed on the wrong keyboard passed unflagged. Here a cue is a finding when most of its letters are in
another script than the declared one: more than half of them, and at least :data:`MIN_LETTERS`, so that a
name or a brand, in a sentence or alone on a cue ("Netflix", "Korkut Ata"), is not. Letters of a word that
mixes Cyrillic and Latin are not counted (``turkic.mixed-script`` names that word), nor those of tags,
web addresses and e-mail addresses.

A document whose letters are mostly in the other script (a Latin file declared Kazakh Cyrillic) is one
document-level finding instead of one per cue, unless the caller checks cue by cue (``by_cue``: the cue
editor, which checks a few cues at a time and shows findings on their rows).
"""

from __future__ import annotations

import re

from ..markup import strip_tags
from ..model import Cue
from .findings import SCRIPT_MIN_LETTERS, WARNING, Finding

#: Letters of each script (Latin: Basic, Latin-1, Extended-A/B and Additional, and the schwa of IPA).
LETTERS = {
    "Cyrl": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "Latn": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0259\u018f\u1e00-\u1eff",
    "Arab": "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\ufb50-\ufdff\ufe70-\ufeff",
}
NAMES = {"Cyrl": "Cyrillic", "Latn": "Latin", "Arab": "Arabic"}
#: A cue (and a document) needs this many letters of the other script to be a finding.
MIN_LETTERS = SCRIPT_MIN_LETTERS

_ANY = {script: re.compile(f"[{letters}]") for script, letters in LETTERS.items()}
_OTHER = {
    script: re.compile("[" + "".join(v for k, v in LETTERS.items() if k != script) + "]")
    for script in LETTERS
}
_WORD = re.compile(r"[^\W\d_]+")
_ASS_TAG = re.compile(r"\{\\[^}]*\}")
_ADDRESS_HINT = re.compile(r"@|://|www\.", re.IGNORECASE)


def _is_address(token: str) -> bool:
    return "@" in token or "://" in token or token[:4].lower() == "www."


def code(found: str, declared: str, *, document: bool = False) -> str:
    """``script.cyrillic-in-latin``, ``script.document-latin-in-cyrillic`` …"""
    where = "document-" if document else ""
    return f"script.{where}{NAMES[found].lower()}-in-{NAMES[declared].lower()}"


def letter_counts(text: str) -> dict[str, int]:
    """Letters of each script in ``text``, outside tags and addresses, words mixing Cyrillic and Latin left
    out."""
    text = strip_tags(text)
    if "{\\" in text:
        text = _ASS_TAG.sub("", text)
    if _ADDRESS_HINT.search(text):  # a web or e-mail address is not text: its words are left out
        text = " ".join(token for token in text.split() if not _is_address(token))
    counts = {script: len(rx.findall(text)) for script, rx in _ANY.items()}
    if counts["Cyrl"] and counts["Latn"]:  # a word mixing the two is not counted:
        cyrl, latn = _ANY["Cyrl"], _ANY["Latn"]  # turkic.mixed-script names it
        for m in _WORD.finditer(text):
            word = m.group()
            if cyrl.search(word) and latn.search(word):
                counts["Cyrl"] -= len(cyrl.findall(word))
                counts["Latn"] -= len(latn.findall(word))
    return counts


def _foreign(counts: dict[str, int], declared: str) -> tuple[str, int, int] | None:
    """``(script, its letters, all letters)`` when most letters are of a script other than ``declared``."""
    total = sum(counts.values())
    found = max((s for s in counts if s != declared), key=lambda s: counts[s])
    n = counts[found]
    if n >= MIN_LETTERS and 2 * n > total:
        return found, n, total
    return None


def check_script(cues: list[Cue], declared: str | None, *, by_cue: bool = False) -> list[Finding]:
    """Cues (or the whole document) written mostly in another script than ``declared`` (``None``, or a
    script other than Cyrl, Latn and Arab: nothing to judge)."""
    if declared not in LETTERS:
        return []
    other = _OTHER[declared]
    per_cue: list[tuple[int, tuple[str, int, int]]] = []
    foreign = dict.fromkeys(LETTERS, 0)
    for i, cue in enumerate(cues):
        if other.search(cue.text) is None:  # most cues: not one letter of another script
            continue
        counts = letter_counts(cue.text)
        for script, n in counts.items():
            if script != declared:
                foreign[script] += n
        hit = _foreign(counts, declared)
        if hit is not None:
            per_cue.append((i, hit))
    if not by_cue and max(foreign.values()) >= MIN_LETTERS:
        whole = _foreign(letter_counts("\n".join(c.text for c in cues)), declared)
        if whole is not None:
            found, n, total = whole
            message = (
                f"{n} of {total} letters are {NAMES[found]}: the text is written in {NAMES[found]}, not in "
                f"the {NAMES[declared]} script declared for it"
            )
            others = [(i, hit) for i, hit in per_cue if hit[0] != found]
            document = Finding(None, code(found, declared, document=True), WARNING, message)
            return [document, *_cue_findings(cues, others, declared)]
    return _cue_findings(cues, per_cue, declared)


def _cue_findings(
    cues: list[Cue], hits: list[tuple[int, tuple[str, int, int]]], declared: str
) -> list[Finding]:
    out = []
    for i, (found, n, total) in hits:
        message = (
            f"cue {i + 1}: {NAMES[found]} text in a {NAMES[declared]}-script cue ({n} of {total} letters "
            f"{NAMES[found]})"
        )
        out.append(Finding(i, code(found, declared), WARNING, message, None, cues[i].start_ms))
    return out
