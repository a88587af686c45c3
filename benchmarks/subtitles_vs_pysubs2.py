"""Benchmark: korkyt.subtitles load + full check against pysubs2's bare SRT parse, in the same run.

Two generated SRT files: a 1,500-cue feature film (≈ 100 min) and a 20,000-cue file. Text is Kazakh
Cyrillic, one or two lines per cue, 10 % of cues with italics, 3 % with a Latin look-alike letter typed
into a Cyrillic word (so the Turkic lint has real work). For each file we time (best of N runs,
after a warm-up):

  pysubs2            pysubs2.SSAFile.from_string(text, format_="srt")       (parse only)
  korkyt load        korkyt.subtitles.loads(bytes)                          (decode, detect, parse)
  korkyt load+check  loads + check(doc, profile="kk", lang="kk")            (every check incl. Turkic)

Run:  PYTHONPATH=src python benchmarks/subtitles_vs_pysubs2.py
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import time

import pysubs2

from korkyt.subtitles import _translit, check, loads

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


def best(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000, statistics.median(times) * 1000


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    print(
        f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"pysubs2 {pysubs2.__version__}"
    )
    print(f"korkyt.translit available: {_translit.module() is not None}")
    print()
    header = ("file", "pysubs2 parse", "korkyt load", "load+check", "ratio", "findings")
    print(f"{header[0]:<12} {header[1]:>14} {header[2]:>12} {header[3]:>11} {header[4]:>6} {header[5]:>9}")
    for n, repeat in ((1500, 15), (20_000, 5)):
        text = make_srt(n)
        data = text.encode("utf-8")
        p_best, p_med = best(lambda t=text: pysubs2.SSAFile.from_string(t, format_="srt"), repeat)
        l_best, _ = best(lambda d=data: loads(d), repeat)
        c_best, c_med = best(lambda d=data: check(loads(d), profile="kk", lang="kk"), repeat)
        findings = len(check(loads(data), profile="kk", lang="kk").findings)
        assert len(loads(data).cues) == n
        print(
            f"{n:>6} cues {p_best:>11.1f} ms {l_best:>9.1f} ms {c_best:>8.1f} ms {c_best / p_best:>5.2f}× "
            f"{findings:>9}"
        )
        p_note, c_note = f"(median {p_med:.1f})", f"(median {c_med:.1f})"
        print(f"{'':<12} {p_note:>14} {'':>12} {c_note:>11}")
    print()
    print("ratio = korkyt load+check time / pysubs2 parse-only time (best of runs); lower is better.")


if __name__ == "__main__":
    main()
