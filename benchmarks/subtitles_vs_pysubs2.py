"""Benchmark: korkyt.subtitles against pysubs2 and srt on the same SRT bytes, in the same run.

Two generated SRT files: a 1,500-cue feature film (≈ 100 min) and a 20,000-cue file. Text is Kazakh
Cyrillic, one or two lines per cue, 10 % of cues with italics, 3 % with a Latin look-alike letter typed
into a Cyrillic word (so the Turkic lint has real work). Every variant starts from the same UTF-8 bytes:

  like for like (parse alone)
    ours parse       formats.read(bytes.decode("utf-8"), "srt")              (SRT parser only)
    pysubs2 parse    pysubs2.SSAFile.from_string(bytes.decode("utf-8"), format_="srt")
    srt parse        list(srt.parse(bytes.decode("utf-8")))
  more work on our side
    ours loads       loads(bytes): encoding and format detection + parse
    ours load+check  loads(bytes) + check(doc, profile="kk", lang="kk"): decode + parse + every check

The variants alternate (the order rotates every round); each is timed once per round, for ``--rounds``
rounds after a warm-up. Median and min–max are printed, and ratios of medians to pysubs2's parse.

Run:  PYTHONPATH=src python benchmarks/subtitles_vs_pysubs2.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import random
import statistics
import time
from collections.abc import Callable

import pysubs2
import srt

from korkyt.subtitles import _translit, check, formats, loads

_WORD_TEXT = (
    "сәлем қалайсың бүгін фестиваль ашылады ақтау теңіз жағасында кино көрсетіледі түркі әлемі "
    "режиссер актер сценарий аударма бірлесіп түсірілген фильм көрермен зал билет кеш таң "
    "Қорқыт Ата әуен дала жол үй ана әке бала дос жүрек"
)
WORDS = _WORD_TEXT.split()


def clock(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def make_srt(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    t = 60_000
    blocks = []
    for i in range(n):
        dur = rng.randint(1200, 5500)
        lines = []
        for _ in range(rng.choice((1, 2, 2))):
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))
            lines.append(line.capitalize() + rng.choice((".", ",", "?", "!", "")))
        if rng.random() < 0.1:
            lines[0] = f"<i>{lines[0]}</i>"
        if rng.random() < 0.03:  # a Latin look-alike typed into a Cyrillic word, for lint to find
            lines[-1] = lines[-1].replace("а", "a", 1)
        blocks.append(f"{i + 1}\n{clock(t)} --> {clock(t + dur)}\n" + "\n".join(lines) + "\n")
        t += dur + rng.choice((83, 120, 250, 600, 1500, 3000))
    return "\n".join(blocks)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def rounds(variants: dict[str, Callable[[], object]], count: int) -> dict[str, list[float]]:
    """Milliseconds per call of each variant, one call per round, the order rotated every round."""
    for fn in variants.values():
        fn()  # warm-up
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(count):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            t0 = time.perf_counter()
            variants[name]()
            times[name].append((time.perf_counter() - t0) * 1000)
    return times


def variants_for(data: bytes) -> dict[str, Callable[[], object]]:
    return {
        "ours_parse": lambda: formats.read(data.decode("utf-8"), "srt"),
        "pysubs2": lambda: pysubs2.SSAFile.from_string(data.decode("utf-8"), format_="srt"),
        "srt": lambda: list(srt.parse(data.decode("utf-8"))),
        "ours_loads": lambda: loads(data),
        "ours_check": lambda: check(loads(data), profile="kk", lang="kk"),
    }


LABELS = {
    "ours_parse": "ours: SRT parse alone (decode + formats.read)",
    "pysubs2": "pysubs2: parse from a string (decode + from_string)",
    "srt": "srt: parse (decode + list(srt.parse))",
    "ours_loads": "ours: loads (decode, detect encoding and format, parse)",
    "ours_check": "ours: decode + parse + full check (loads + check)",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print(
        f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"pysubs2 {pysubs2.__version__}, srt {importlib.metadata.version('srt')}"
    )
    print(f"korkyt.translit available: {_translit.module() is not None}; {args.rounds} alternating rounds")
    for n in (1500, 20_000):
        data = make_srt(n).encode("utf-8")
        variants = variants_for(data)
        assert len(formats.read(data.decode("utf-8"), "srt").cues) == len(loads(data).cues) == n
        assert len(pysubs2.SSAFile.from_string(data.decode("utf-8"), format_="srt")) == n
        assert len(list(srt.parse(data.decode("utf-8")))) == n
        findings = len(check(loads(data), profile="kk", lang="kk").findings)
        times = rounds(variants, args.rounds if n < 10_000 else max(5, args.rounds // 3))
        peer = statistics.median(times["pysubs2"])
        print(f"\n{n:,} cues ({len(data) / 1e6:.2f} MB), {len(times['srt'])} rounds; {findings:,} findings")
        for name, label in LABELS.items():
            values = times[name]
            median = statistics.median(values)
            print(
                f"  {label:<58} median {median:7.1f} ms (min {min(values):6.1f}, max {max(values):6.1f})"
                f"   {median / peer:5.2f}× pysubs2's time"
            )
    print("\nratio = our time / pysubs2 parse time (medians); below 1 means ours took less time.")
    print("Only the first three lines do the same work; loads and load+check do more on our side.")


if __name__ == "__main__":
    main()
