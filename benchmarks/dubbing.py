"""Benchmark: temp voice track for a generated 90-minute film of 1,500 cues.

Peer, in the same run: espeak-ng called once per line, sequentially, writing a WAV per line, without
the pipeline (no script conversion, fitting, timeline or mixing). Ours: korkyt.dubbing.synthesize_track
on every core (speech, silence trimming, atempo fitting, timeline, one WAV for the film).

Also re-measures espeak-ng's speaking rate per language on korkyt.dubbing.samples and prints it beside
the rates the isochrony check uses.

    PYTHONPATH=src python benchmarks/dubbing.py [--cues 1500] [--minutes 90] [--lang kk] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import tempfile
import time
from pathlib import Path

from korkyt.dubbing.engines import EspeakEngine
from korkyt.dubbing.isochrony import estimate_seconds
from korkyt.dubbing.languages import LANGUAGES, LINE_OVERHEAD, count_pauses, count_syllables
from korkyt.dubbing.samples import SAMPLE_LINES
from korkyt.dubbing.voice import synthesize_track, trim_quiet
from korkyt.subtitles import Cue

CHARACTERS = ("AIGUL", "BOLAT", "DANA", "ERLAN", "ZHANAR")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def generate_film(lang: str, cues: int, minutes: float, seed: int = 7) -> list[Cue]:
    """Cues spread evenly over the film, one or two sample lines each.

    Each cue lasts 0.8–1.4 times the line's estimated spoken duration (subtitle durations follow the
    text), between 1 s and 95 % of the spacing, so some lines fit, some need speeding up and some
    overrun, as in a real translation.
    """
    rng = random.Random(seed)
    lines = SAMPLE_LINES[lang]
    step = minutes * 60_000 / cues
    result = []
    for i in range(cues):
        start = round(i * step + rng.uniform(0, step * 0.04))
        text = rng.choice(lines)
        if rng.random() < 0.25:
            text = f"{text} {rng.choice(lines)}"
        wanted = 1000 * estimate_seconds(text, lang) * rng.uniform(0.8, 1.4)
        duration = min(max(wanted, 1000), step * 0.95)
        result.append(Cue(start, round(start + duration), f"{rng.choice(CHARACTERS)}: {text}"))
    return result


def peer(cues: list[Cue], voice: str, folder: Path) -> float:
    """espeak-ng once per line, sequentially, one WAV file per line."""
    began = time.perf_counter()
    for i, cue in enumerate(cues):
        text = cue.text.split(": ", 1)[1]
        subprocess.run(
            ["espeak-ng", "-v", voice, "-w", str(folder / f"{i}.wav"), text], check=True, timeout=60
        )
    return time.perf_counter() - began


def calibrate() -> None:
    engine = EspeakEngine()
    print("\nespeak-ng speaking rate (syllables per second, silence trimmed) vs the table:")
    print(f"{'lang':<5}{'measured':>10}{'table':>8}{'mean |error|':>14}")
    for code, lines in SAMPLE_LINES.items():
        language = LANGUAGES[code]
        num = den = 0.0
        errors = []
        for text in lines:
            measured = trim_quiet(engine.synthesize(text, language, language.espeak_voice)).duration_ms / 1000
            syllables = count_syllables(text, language)
            commas, ends = count_pauses(text)
            speech = measured - LINE_OVERHEAD - commas * language.comma_pause - ends * language.sentence_pause
            num += syllables * syllables
            den += syllables * speech
            errors.append(abs(estimate_seconds(text, language) - measured) / measured)
        print(
            f"{code:<5}{num / den:>10.2f}{language.syllables_per_second:>8.2f}"
            f"{100 * sum(errors) / len(errors):>13.1f}%"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=1500)
    parser.add_argument("--minutes", type=float, default=90.0)
    parser.add_argument("--lang", default="kk", choices=sorted(SAMPLE_LINES))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    cues = generate_film(args.lang, args.cues, args.minutes)
    film_s = args.minutes * 60
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; espeak-ng, ffmpeg from Debian")
    print(f"film: {args.cues} cues, {args.minutes:g} min, language {args.lang}, {args.workers} workers")

    with tempfile.TemporaryDirectory(prefix="korkyt-bench-") as tmp:
        folder = Path(tmp)
        peer_s = peer(cues, LANGUAGES[args.lang].espeak_voice, folder)
        for wav in folder.glob("*.wav"):
            wav.unlink()
        began = time.perf_counter()
        track = synthesize_track(
            cues, args.lang, folder / "temp.wav", workers=args.workers, duration_ms=round(film_s * 1000)
        )
        ours_s = time.perf_counter() - began
        size_mb = (folder / "temp.wav").stat().st_size / 1e6

    statuses: dict[str, int] = {}
    for clip in track.clips:
        statuses[clip.status] = statuses.get(clip.status, 0) + 1
    print(
        f"\npeer  espeak-ng per line, sequential : {peer_s:7.1f} s  (real-time factor {peer_s / film_s:.4f})"
    )
    label = f"synthesize_track ({args.workers} workers)"
    print(f"ours  {label:<31}: {ours_s:7.1f} s  (real-time factor {ours_s / film_s:.4f})")
    print(f"ours / peer wall time: {ours_s / peer_s:.2f}  (peer / ours: {peer_s / ours_s:.2f}x)")
    print(f"track: {track.duration_ms / 1000:.0f} s, {size_mb:.0f} MB, clips {statuses}")
    goal = "met" if ours_s < 180 else "missed"
    print(f"goal (whole temp track of a 90-minute film in under 3 minutes): {goal}")
    calibrate()


if __name__ == "__main__":
    main()
