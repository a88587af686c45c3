"""Translation-memory lookup: korkyt.mt's indexed ``lookup_many`` against a naive full rapidfuzz scan.

A deterministic generator builds a memory of 200,000 subtitle-like units in several language pairs
(pseudo-words drawn from each language's alphabet with a Zipf distribution, one- and two-line cues,
dialogue dashes, italics) and a 1,500-cue Kazakh → Turkish job with a known share of lines copied from
memory (exact, with changed case, punctuation or markup), edited lines (near matches) and new lines.

The peer is what one would write without an index: ``rapidfuzz.process.cdist`` with ``fuzz.ratio``, the
same threshold and ``workers=-1`` (every core), of the cues against the normalised source texts of every
unit of the pair. Normalising those texts is the peer's one-off preparation and is counted once. Ours and
the peer alternate for ``--rounds`` rounds (median and min–max printed); by default the peer scans every
cue (``--sample N`` scans N sampled cues and scales the time); the best scores are compared with ours.

    PYTHONPATH=src python benchmarks/translation_memory.py [--units 200000] [--cues 1500] [--sample 0]
        [--rounds 5]
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import statistics
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from korkyt.mt.memory import TMUnit, TranslationMemory, normalise

ALPHABETS = {
    "kk": ("бвгғджзйкқлмнңпрстшһ", "аәеиоөұүыіу"),
    "tr": ("bcçdfgğhjklmnprsştvyz", "aeıioöuü"),
    "az": ("bcçdfgğhjklmnprsştvxyz", "aeəıioöuü"),
    "ru": ("бвгджзклмнпрстфхцчшщ", "аеёиоуыэюя"),
    "uz": ("bdfghjklmnpqrstvxyz", "aeiou"),
    "en": ("bcdfghklmnprstvwy", "aeiou"),
}
# (source, target, share of the memory); the job is kk → tr.
PAIRS = (("kk", "tr", 0.5), ("tr", "az", 0.15), ("kk", "ru", 0.15), ("ru", "en", 0.1), ("tr", "uz", 0.1))
VOCABULARY = 6000


class Language:
    """Pseudo-words of one language, ranked so that frequent words are short (as in real text)."""

    def __init__(self, code: str, rng: random.Random) -> None:
        consonants, vowels = ALPHABETS[code]
        words: set[str] = set()
        while len(words) < VOCABULARY:
            syllables = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
            word = "".join(
                rng.choice(("", rng.choice(consonants)))
                + rng.choice(vowels)
                + rng.choice(("", "", rng.choice(consonants)))
                for _ in range(syllables)
            )
            words.add(word)
        self.words = sorted(words, key=lambda w: (len(w), w))
        rng.shuffle(self.words[:200])
        weights = [1.0 / (rank + 2.7) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.ids = range(len(self.words))

    def sentence_ids(self, rng: random.Random) -> list[int]:
        count = min(14, max(1, int(rng.gauss(6.5, 3.0))))
        return rng.choices(self.ids, cum_weights=self.cumulative, k=count)

    def render(self, ids: Sequence[int], rng: random.Random) -> str:
        words = [self.words[i] for i in ids]
        text = " ".join(words)
        text = text[:1].upper() + text[1:] + rng.choice((".", ".", ".", "?", "!", "...", ","))
        return text


def make_cue(language: Language, rng: random.Random) -> list[list[int]]:
    """A cue as word-id lines: one line, or two lines for about a third of cues."""
    lines = [language.sentence_ids(rng)]
    if rng.random() < 0.4:
        lines.append(language.sentence_ids(rng))
    return lines


def render_cue(lines: Sequence[Sequence[int]], language: Language, rng: random.Random) -> str:
    rendered = [language.render(line, rng) for line in lines]
    if len(rendered) == 2 and rng.random() < 0.3:
        rendered = [f"- {line}" for line in rendered]
    text = "\n".join(rendered)
    if rng.random() < 0.04:
        text = f"<i>{text}</i>"
    return text


def generate(units: int, cues: int, seed: int = 20251008) -> tuple[list[TMUnit], list[str], list[str]]:
    """The memory, the job's cue texts (kk) and the intended kind of each cue: exact, near or new."""
    rng = random.Random(seed)
    languages = {code: Language(code, random.Random(f"{seed}-{code}")) for code in ALPHABETS}
    memory: list[TMUnit] = []
    kk_tr_lines: list[list[list[int]]] = []
    for source, target, share in PAIRS:
        for n in range(int(units * share)):
            lines = make_cue(languages[source], rng)
            translated = [[(i * 7919 + 13) % VOCABULARY for i in line] for line in lines]
            memory.append(
                TMUnit(
                    source_text=render_cue(lines, languages[source], rng),
                    target_text=render_cue(translated, languages[target], rng),
                    source_lang=source,
                    target_lang=target,
                    film_id=f"film-{rng.randrange(400)}",
                    author=f"translator-{rng.randrange(60)}",
                    id=f"{source}-{target}-{n}",
                )
            )
            if (source, target) == ("kk", "tr"):
                kk_tr_lines.append(lines)
    rng.shuffle(memory)
    kk = languages["kk"]
    job: list[str] = []
    kinds: list[str] = []
    for _ in range(cues):
        roll = rng.random()
        if roll < 0.25:  # a line already translated, written a little differently
            text = render_cue(rng.choice(kk_tr_lines), kk, rng)
            text = rng.choice((text, text.upper(), text.replace(".", "!"), f"<i>{text}</i>", "  " + text))
            kinds.append("exact")
        elif roll < 0.55:  # an edited line: one word changed, added or dropped
            lines = [list(line) for line in rng.choice(kk_tr_lines)]
            line = rng.choice(lines)
            position = rng.randrange(len(line))
            edit = rng.random()
            if edit < 0.5 or len(line) < 3:
                line[position] = rng.randrange(VOCABULARY)
            elif edit < 0.75:
                line.insert(position, rng.randrange(200))
            else:
                del line[position]
            text = render_cue(lines, kk, rng)
            kinds.append("near")
        else:
            text = render_cue(make_cue(kk, rng), kk, rng)
            kinds.append("new")
        job.append(text)
    return memory, job, kinds


def pair_keys(memory: Sequence[TMUnit]) -> list[str]:
    """The peer's preparation, done once: the normalised source text of every kk→tr unit."""
    return [normalise(u.source_text) for u in memory if u.source_lang == "kk" and u.target_lang == "tr"]


def naive_scan(choices: Sequence[str], texts: Sequence[str], threshold: float) -> list[float | None]:
    """The peer: best fuzz.ratio per text over every unit of the pair, no index, on every core.

    ``rapidfuzz.process.cdist(..., workers=-1)`` scores a block of queries against all choices in C
    threads; blocks of 64 queries keep the score matrix small.
    """
    best: list[float | None] = []
    queries = [normalise(text) for text in texts]
    for start in range(0, len(queries), 64):
        block = queries[start : start + 64]
        scores = process.cdist(
            block, choices, scorer=fuzz.ratio, score_cutoff=threshold, workers=-1, dtype=np.float32
        )
        top = scores.max(axis=1)
        best.extend(
            float(score) if query and score >= threshold else None
            for query, score in zip(block, top, strict=True)
        )
    return best


def agrees(best: float | None, found: Sequence[Any]) -> bool:
    """The indexed lookup's best score is the scan's (float32 scores: within 0.01)."""
    if best is None:
        return not found
    return bool(found) and abs(found[0].score - best) < 0.01


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--cues", type=int, default=1500)
    parser.add_argument("--sample", type=int, default=0, help="cues the peer scans (0: every cue)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of ours and the peer")
    parser.add_argument("--threshold", type=float, default=75.0)
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} CPU(s), {cpu_model()}, Python {platform.python_version()}")
    started = time.perf_counter()
    units, job, kinds = generate(args.units, args.cues)
    elapsed = time.perf_counter() - started
    print(f"generated {len(units):,} units and a {len(job):,}-cue kk→tr job in {elapsed:.1f} s")
    pair_units = sum(1 for u in units if (u.source_lang, u.target_lang) == ("kk", "tr"))
    print(f"units of the pair kk→tr: {pair_units:,}")

    started = time.perf_counter()
    memory = TranslationMemory(units)
    memory.prepare("kk", "tr")
    build = time.perf_counter() - started
    print(f"memory loaded and kk→tr index built: {build:.2f} s")

    started = time.perf_counter()
    results = memory.lookup_many(job, "kk", "tr", film="film-7", threshold=args.threshold)
    indexed = time.perf_counter() - started
    hits = sum(1 for r in results if r)
    exact = sum(1 for r in results if r and r[0].kind == "exact")
    per_cue = indexed / len(job) * 1000
    print(f"indexed lookup_many: {indexed:.2f} s for {len(job):,} cues ({per_cue:.2f} ms per cue)")
    print(f"hit rate: {hits / len(job):.1%} ({exact:,} exact, {hits - exact:,} fuzzy ≥ {args.threshold:g})")
    for kind in ("exact", "near", "new"):
        chosen = [r for r, k in zip(results, kinds, strict=True) if k == kind]
        found = sum(1 for r in chosen if r)
        print(f"  cues written as {kind:5}: {len(chosen):4} → {found / max(1, len(chosen)):.1%} with a match")

    sample_rng = random.Random(7)
    size = len(job) if args.sample <= 0 else min(args.sample, len(job))
    sample = sorted(sample_rng.sample(range(len(job)), size))
    started = time.perf_counter()
    choices = pair_keys(units)
    prepare = time.perf_counter() - started
    print(f"peer preparation, once: normalising {len(choices):,} unit texts {prepare:.2f} s")
    ours_times: list[float] = []
    peer_times: list[float] = []
    naive: list[float | None] = []
    for round_ in range(args.rounds):
        for name in ("ours", "peer") if round_ % 2 == 0 else ("peer", "ours"):
            started = time.perf_counter()
            if name == "ours":
                memory.lookup_many(job, "kk", "tr", film="film-7", threshold=args.threshold)
                ours_times.append(time.perf_counter() - started)
            else:
                naive = naive_scan(choices, [job[i] for i in sample], args.threshold)
                peer_times.append(time.perf_counter() - started)
        print(f"round {round_ + 1}: ours {ours_times[-1]:.2f} s, peer {peer_times[-1]:.2f} s ({size} cues)")
    ours = statistics.median(ours_times)
    peer = statistics.median(peer_times) * len(job) / size
    scope = "every cue" if size == len(job) else f"{size} sampled cues, scaled to {len(job):,}"
    print(
        f"ours: indexed lookup_many, {len(job):,} cues: median {ours:.2f} s "
        f"(min {min(ours_times):.2f}, max {max(ours_times):.2f})"
    )
    print(
        f"peer: rapidfuzz process.cdist(workers=-1) over {pair_units:,} units, {scope}: median {peer:.2f} s "
        f"(min {min(peer_times) * len(job) / size:.2f}, max {max(peer_times) * len(job) / size:.2f}) "
        f"+ {prepare:.2f} s normalising once"
    )
    agree = sum(1 for i, best in zip(sample, naive, strict=True) if agrees(best, results[i]))
    print(f"best-match agreement: {agree}/{len(sample)}")
    ratios = sorted(p * len(job) / size / o for p, o in zip(peer_times, ours_times, strict=True))
    print(
        f"ratio (peer incl. normalising / ours, medians): {(peer + prepare) / ours:.1f}×; "
        f"scan alone {peer / ours:.1f}×, per round {ratios[0]:.1f}–{ratios[-1]:.1f}×; "
        f"counting our index build: {(peer + prepare) / (ours + build):.1f}×"
    )


if __name__ == "__main__":
    main()
