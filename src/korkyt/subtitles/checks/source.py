"""Checks of a translation against its source document.

Cues are paired by index when both documents have the same number of cues, otherwise each translated cue
is paired with the source cue it overlaps most in time.

A glossary maps a source term to its agreed rendering(s): ``{"Korkyt Ata": "Қорқыт Ата",
"festival": ["фестиваль", "фестивал"]}``. Terms are found case-insensitively (with Turkic dotted/dotless
i folded together) by the rule of :mod:`korkyt.mt.memory.terms`, the one the editor and the MT glossary use:
whole words, and in a Turkic language (or when the document does not say its language) also with suffixes
(``Қорқыт Атаның`` matches ``Қорқыт Ата``) provided the term has four or more letters (``ай`` does not
match ``айтты``). Source terms follow the source document's language, renderings the translation's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence

from korkyt.mt.memory.terms import TermMatcher

from ..markup import strip_tags
from ..model import Cue
from ..profiles import Profile
from .findings import WARNING, Finding

Glossary = Mapping[str, str | Sequence[str]]

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+|[\u00a0\u202f ]\d{3}(?!\d))*")
_NONWORD_RE = re.compile(r"[\W_]+")


def pair(target: list[Cue], source: list[Cue]) -> list[int | None]:
    """For each target cue, the index of its source cue (or ``None``).

    Equal counts pair by index. Otherwise each target cue takes the source cue it overlaps most among
    the 64 source cues starting closest before its end and the one reaching furthest among the earlier
    ones (a bound that keeps hostile inputs fast).
    """
    if len(target) == len(source):
        return list(range(len(target)))
    order = sorted(range(len(source)), key=lambda j: source[j].start_ms)
    starts = [source[j].start_ms for j in order]
    # reach[k]: the source cue ending last among order[0..k] (catches one long cue far back).
    reach: list[int] = []
    for k, j in enumerate(order):
        reach.append(j if k == 0 or source[j].end_ms > source[reach[-1]].end_ms else reach[-1])
    out: list[int | None] = []
    for c in target:
        hi = bisect_left(starts, c.end_ms)
        lo = max(hi - 64, 0)
        candidates = [order[k] for k in range(hi - 1, lo - 1, -1)]
        if lo > 0:
            candidates.append(reach[lo - 1])
        best, best_overlap = None, 0
        for j in candidates:
            s = source[j]
            overlap = min(c.end_ms, s.end_ms) - max(c.start_ms, s.start_ms)
            if overlap > best_overlap:
                best, best_overlap = j, overlap
        out.append(best)
    return out


def numbers(text: str) -> Counter[str]:
    """Numbers of two or more digits, with thousands separators removed and ``,`` read as ``.``."""
    found: Counter[str] = Counter()
    for raw in _NUMBER_RE.findall(text):
        parts = re.split(r"[.,\u00a0\u202f ]", raw)
        if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
            value = "".join(parts)
        elif len(parts) == 2:
            value = f"{parts[0]}.{parts[1]}"
        else:
            for p in parts:
                if len(p.lstrip("0") or "0") >= 2:
                    found[p.lstrip("0") or "0"] += 1
            continue
        value = value.lstrip("0") or "0"
        if len(value.split(".")[0]) >= 2 or "." in value:
            found[value] += 1
    return found


def fold(text: str) -> str:
    """Case-fold with Turkic i: İ→i, I→ı are not applied (ambiguous); both i and ı fold to i."""
    return text.replace("İ", "i").replace("I", "i").lower().replace("ı", "i").replace("i̇", "i")


def _norm(text: str) -> str:
    return _NONWORD_RE.sub("", fold(strip_tags(text)))


def check_source(
    target: list[Cue],
    source: list[Cue],
    p: Profile,
    glossary: Glossary | None = None,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> list[Finding]:
    """Cue count, timing drift, untranslated cues, differing numbers, missing glossary terms.

    ``source_lang``/``target_lang`` decide whether glossary terms may carry suffixes (unknown: they may)."""
    out: list[Finding] = []
    if len(target) != len(source):
        out.append(
            Finding(
                None,
                "source.cue-count",
                WARNING,
                f"the translation has {len(target)} cues, the source {len(source)}",
                "check for merged, split or missing cues",
            )
        )
    # Each term folded and compiled once per call; a folded term that is not a substring of the folded
    # text cannot match, so most (cue, term) pairs cost one ``in`` test.
    terms = []
    for k, v in (glossary or {}).items():
        renderings = [v] if isinstance(v, str) else list(v)
        terms.append(
            (
                k,
                renderings,
                " ".join(fold(k).split()),
                TermMatcher([fold(k)], source_lang),
                TermMatcher([fold(r) for r in renderings], target_lang),
            )
        )
    drift = p.source_drift_ms
    for i, j in enumerate(pair(target, source)):
        c = target[i]
        if j is None:
            out.append(
                Finding(
                    i,
                    "source.unmatched",
                    WARNING,
                    f"cue {i + 1} overlaps no source cue in time",
                    None,
                    c.start_ms,
                )
            )
            continue
        s = source[j]
        d_start, d_end = c.start_ms - s.start_ms, c.end_ms - s.end_ms
        if abs(d_start) > drift or abs(d_end) > drift:
            out.append(
                Finding(
                    i,
                    "source.timing-drift",
                    WARNING,
                    f"cue {i + 1} starts {d_start:+d} ms and ends {d_end:+d} ms from source cue {j + 1}",
                    f"align with the source ({s.start_ms} → {s.end_ms} ms)",
                    c.start_ms,
                )
            )
        tn, sn = _norm(c.text), _norm(s.text)
        if sn and tn == sn and sum(ch.isalpha() for ch in sn) >= 4:
            out.append(
                Finding(
                    i,
                    "source.untranslated",
                    WARNING,
                    f"cue {i + 1} is the same as its source: {strip_tags(s.text)[:60]!r}",
                    "translate the cue",
                    c.start_ms,
                )
            )
        if any(ch.isdigit() for ch in c.text) or any(ch.isdigit() for ch in s.text):
            tnum, snum = numbers(c.text), numbers(s.text)
            if tnum != snum:
                missing = sorted((snum - tnum).elements())
                extra = sorted((tnum - snum).elements())
                bits = []
                if missing:
                    bits.append("missing " + ", ".join(missing))
                if extra:
                    bits.append("not in source " + ", ".join(extra))
                out.append(
                    Finding(
                        i,
                        "source.numbers",
                        WARNING,
                        f"cue {i + 1}: numbers differ from the source ({'; '.join(bits)})",
                        None,
                        c.start_ms,
                    )
                )
        if terms:
            s_f, t_f = fold(strip_tags(s.text)), fold(strip_tags(c.text))
            for term, renderings, folded, in_source, in_target in terms:
                if folded.split(" ", 1)[0] not in s_f or not in_source.search(s_f):
                    continue
                if not in_target.search(t_f):
                    out.append(
                        Finding(
                            i,
                            "source.glossary",
                            WARNING,
                            f"cue {i + 1}: source term {term!r} should be rendered as "
                            + " or ".join(repr(r) for r in renderings),
                            renderings[0],
                            c.start_ms,
                        )
                    )
    return out
