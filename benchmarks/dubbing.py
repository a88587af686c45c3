"""Benchmark: temp voice track for a generated film (default 300 cues over 18 minutes).

Every run uses the same number of workers (default: every core). Peer: the espeak-ng program once per
line, a WAV file per line, ``workers`` lines at once, without the pipeline (no script conversion,
fitting, timeline or mixing). Ours: our engine's speech alone (libespeak-ng helpers); and
korkyt.dubbing.synthesize_track (speech, silence trimming, atempo fitting, timeline, one WAV for the
film) with the libespeak-ng helpers (the default) and with the espeak-ng program per line. The four runs
alternate (order reversed every other round) for ``--rounds`` rounds; medians and the min–max spread
are printed, and each round checks that both ways of speaking give the same track, byte for byte.

Also re-fits espeak-ng's speaking rate per language on korkyt.dubbing.samples.SAMPLE_LINES, prints it
beside the table the isochrony check uses, and the estimate errors on HELD_OUT_LINES (never fitted).

    PYTHONPATH=src python benchmarks/dubbing.py [--cues 300] [--minutes 18] [--lang kk] [--workers N]
        [--rounds 5] [--no-calibrate]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from korkyt.dubbing.engines import EspeakEngine
from korkyt.dubbing.isochrony import estimate_seconds
from korkyt.dubbing.languages import LANGUAGES, LINE_OVERHEAD, Language, count_pauses, count_syllables
from korkyt.dubbing.samples import HELD_OUT_LINES, SAMPLE_LINES
from korkyt.dubbing.voice import VoiceTrack, synthesize_track, trim_quiet
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


def peer(cues: list[Cue], voice: str, folder: Path, workers: int) -> float:
    """espeak-ng once per line, a WAV file per line, ``workers`` lines at once (as ``xargs -P`` would)."""

    def one(item: tuple[int, Cue]) -> None:
        i, cue = item
        text = cue.text.split(": ", 1)[1]
        subprocess.run(
            ["espeak-ng", "-v", voice, "-w", str(folder / f"{i}.wav"), text], check=True, timeout=60
        )

    began = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, enumerate(cues)))
    return time.perf_counter() - began


def speech_only(cues: list[Cue], lang: str, workers: int) -> float:
    """Our engine's speech alone (libespeak-ng helpers), ``workers`` lines at once, no pipeline."""
    language = LANGUAGES[lang]
    began = time.perf_counter()
    engine = EspeakEngine(library=True)
    try:
        with ThreadPoolExecutor(workers) as pool:
            list(
                pool.map(
                    lambda cue: engine.synthesize(
                        cue.text.split(": ", 1)[1], language, language.espeak_voice
                    ),
                    cues,
                )
            )
    finally:
        engine.close()
    return time.perf_counter() - began


def track(
    cues: list[Cue], lang: str, out: Path, workers: int, film_s: float, library: bool
) -> tuple[float, VoiceTrack]:
    began = time.perf_counter()
    engine = EspeakEngine(library=library)
    try:
        result = synthesize_track(
            cues, lang, out, engine=engine, workers=workers, duration_ms=round(film_s * 1000)
        )
    finally:
        engine.close()
    return time.perf_counter() - began, result


def errors(lines: tuple[str, ...], language: Language, engine: EspeakEngine) -> tuple[float, float, float]:
    """Mean and largest |estimate - measured| / measured over ``lines``, and the error of their total."""
    out = []
    measured_total = estimated_total = 0.0
    for text in lines:
        measured = trim_quiet(engine.synthesize(text, language, language.espeak_voice)).duration_ms / 1000
        estimated = estimate_seconds(text, language)
        out.append(abs(estimated - measured) / measured)
        measured_total += measured
        estimated_total += estimated
    return (
        100 * sum(out) / len(out),
        100 * max(out),
        100 * (estimated_total - measured_total) / measured_total,
    )


def calibrate() -> None:
    engine = EspeakEngine()
    print("\nespeak-ng speaking rate (syllables per second, silence trimmed), fitted on SAMPLE_LINES,")
    print("against the table; estimate errors on the fitted lines and on HELD_OUT_LINES (never fitted):")
    print(f"{'lang':<5}{'fitted':>8}{'table':>7}{'fit mean':>10}{'held-out mean':>15}{'max':>7}{'total':>8}")
    for code, lines in SAMPLE_LINES.items():
        language = LANGUAGES[code]
        num = den = 0.0
        for text in lines:
            measured = trim_quiet(engine.synthesize(text, language, language.espeak_voice)).duration_ms / 1000
            syllables = count_syllables(text, language)
            commas, ends = count_pauses(text)
            speech = measured - LINE_OVERHEAD - commas * language.comma_pause - ends * language.sentence_pause
            num += syllables * syllables
            den += syllables * speech
        fit_mean = errors(lines, language, engine)[0]
        held_mean, held_max, held_total = errors(HELD_OUT_LINES[code], language, engine)
        print(
            f"{code:<5}{num / den:>8.2f}{language.syllables_per_second:>7.2f}{fit_mean:>9.1f}%"
            f"{held_mean:>14.1f}%{held_max:>6.1f}%{held_total:>+7.1f}%"
        )
    engine.close()


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):6.2f} s  (min {min(values):.2f}, max {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=300)
    parser.add_argument("--minutes", type=float, default=18.0)
    parser.add_argument("--lang", default="kk", choices=sorted(SAMPLE_LINES))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-calibrate", action="store_true")
    args = parser.parse_args()

    cues = generate_film(args.lang, args.cues, args.minutes)
    film_s = args.minutes * 60
    voice = LANGUAGES[args.lang].espeak_voice
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; espeak-ng, ffmpeg from Debian")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"film: {args.cues} cues, {args.minutes:g} min, language {args.lang}; {args.workers} workers for all"
    )
    print(f"{args.rounds} rounds, the order of the four runs reversed every other round\n")

    times: dict[str, list[float]] = {name: [] for name in RUNS}
    last: VoiceTrack | None = None
    with tempfile.TemporaryDirectory(prefix="korkyt-bench-") as tmp:
        folder = Path(tmp)
        for round_ in range(args.rounds):
            order = list(RUNS) if round_ % 2 == 0 else list(reversed(RUNS))
            for name in order:
                if name == "peer":
                    lines = folder / "peer"
                    lines.mkdir(exist_ok=True)
                    seconds = peer(cues, voice, lines, args.workers)
                    for wav in lines.glob("*.wav"):
                        wav.unlink()
                elif name == "speech":
                    seconds = speech_only(cues, args.lang, args.workers)
                else:
                    library = name == "library"
                    seconds, last = track(
                        cues, args.lang, folder / f"{name}.wav", args.workers, film_s, library
                    )
                times[name].append(seconds)
            same = (folder / "library.wav").read_bytes() == (folder / "program.wav").read_bytes()
            print(
                f"round {round_ + 1}: "
                + ", ".join(f"{name} {times[name][-1]:.2f} s" for name in order)
                + f"; tracks identical: {same}"
            )
    print()
    for name, label in RUNS.items():
        print(f"{label:<62}: {spread(times[name])}")
    peer_m = statistics.median(times["peer"])
    for name in ("speech", "library", "program"):
        ratios = [p / o for p, o in zip(times["peer"], times[name], strict=True)]
        print(
            f"peer / {name:<8}: {peer_m / statistics.median(times[name]):.2f}x by medians, "
            f"per round {min(ratios):.2f}–{max(ratios):.2f}x"
        )
    ratios = [p / o for p, o in zip(times["program"], times["library"], strict=True)]
    print(
        f"program per line / library helpers (whole track): "
        f"{statistics.median(times['program']) / statistics.median(times['library']):.2f}x by medians, "
        f"per round {min(ratios):.2f}–{max(ratios):.2f}x"
    )
    assert last is not None
    statuses: dict[str, int] = {}
    for clip in last.clips:
        statuses[clip.status] = statuses.get(clip.status, 0) + 1
    per_90 = statistics.median(times["library"]) * 90 * 60 / film_s
    print(f"track: {last.duration_ms / 1000:.0f} s, clips {statuses}")
    print(
        f"real-time factor (library track, median): {statistics.median(times['library']) / film_s:.4f}; "
        f"a 90-minute film at this rate: {per_90:.0f} s"
    )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if not args.no_calibrate:
        calibrate()


RUNS = {
    "peer": "peer: espeak-ng program per line, a WAV per line",
    "speech": "ours, speech only: libespeak-ng helpers, no pipeline",
    "library": "ours: synthesize_track, libespeak-ng helpers (default)",
    "program": "ours: synthesize_track, espeak-ng program per line",
}


if __name__ == "__main__":
    main()
