"""Turkic lint on cues without spaces: time per call as the one word grows (it must grow in step).

A subtitle cue may be one long token (a URL pasted by mistake, a line of a file read without its line
breaks, text typed without spaces): up to 2,000 characters, the longest cue the workbench keeps. For each
length, a Kazakh Cyrillic word with a Latin letter every eighth character (so lint has work to do), an
Uzbek Latin run of apostrophes and a Turkish word with Cyrillic letters are linted ``--rounds`` times; the
median and min–max per call are printed, with the ratio of each length's median to the 500-character one
(4 means linear growth at 2,000, 16 quadratic).

Run: PYTHONPATH=src python benchmarks/lint_long_words.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import time

from korkyt.translit import lint

CASES = {
    "kk Cyrl": ("kk", "Cyrl", "қазақшаx"),
    "uz Latn": ("uz", "Latn", "o'g'il"),
    "tr Latn": ("tr", "Latn", "İstanbulда"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    for name, (lang, script, unit) in CASES.items():
        base = None
        for length in (500, 1000, 2000):
            text = (unit * (length // len(unit) + 1))[:length]
            times = []
            for _ in range(args.rounds):
                t = time.perf_counter()
                lint(text, lang, script)
                times.append((time.perf_counter() - t) * 1000)
            median = statistics.median(times)
            base = base or median
            print(
                f"{name}  {length:5} chars  median {median:7.2f} ms  "
                f"({min(times):.2f}–{max(times):.2f})  ×{median / base:.1f} of 500"
            )


if __name__ == "__main__":
    main()
