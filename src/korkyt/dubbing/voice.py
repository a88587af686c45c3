"""Temp voice track: speak every line, fit it to its slot, place it on a timeline, write WAV/FLAC.

Steps per line (run on a thread pool, one speech process per core):

1. Convert the line to the script the engine reads (``korkyt.translit``), e.g. Uzbek Cyrillic to Latin
   for espeak-ng's ``uz`` voice, Kazakh Latin to Cyrillic for ``kk``.
2. Speak it with the character's voice variant (characters get variants in order of appearance).
3. Trim the engine's leading and trailing silence and compare the speech with the slot. Speech longer
   than its slot is sped up with ffmpeg ``atempo`` up to ``max_tempo`` (1.5×); a line that would need
   more is sped up 1.5× and flagged as an overrun. With ``stretch=True`` short speech is slowed down
   towards its slot, to ``min_tempo`` (0.8×) at most. Otherwise it keeps its natural pace.
4. Place it at the slot's start. Overlapping clips are mixed (summed and clipped).

The track is written to a temporary file and renamed, so a failed run leaves nothing half-written.
"""

from __future__ import annotations

import bisect
import operator
import os
import re
import struct
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import BinaryIO

from korkyt.core.files import temporary_beside  # Django-free
from korkyt.dubbing.audio import (
    DEFAULT_TIMEOUT,
    Pcm,
    change_tempo_many,
    ffmpeg_convert,
    run_tool,
    wav_bytes,
    wav_header,
)
from korkyt.dubbing.engines import EspeakEngine, SpeechEngine
from korkyt.dubbing.errors import DubbingError
from korkyt.dubbing.languages import get_language, to_engine_script
from korkyt.dubbing.script import validate_slots
from korkyt.dubbing.speakers import CueLike, ScriptLine, extract_lines

Progress = Callable[[int, int], None]

#: Clips stretched per ffmpeg run (starting ffmpeg costs more than stretching a line).
FIT_BATCH = 12


@dataclass(frozen=True)
class ClipFit:
    """How one line's speech was fitted to its slot."""

    line: int
    cue_index: int
    character: str | None
    voice: str
    text: str
    start_ms: int
    slot_ms: int
    speech_ms: int
    tempo: float
    placed_ms: int
    status: str  # "fits", "sped up", "slowed", "overrun"

    @property
    def overrun_ms(self) -> int:
        return max(self.placed_ms - self.slot_ms, 0)


@dataclass
class VoiceTrack:
    """The written temp track and what happened to each line."""

    path: Path
    duration_ms: int
    sample_rate: int
    channels: int
    clips: list[ClipFit] = field(default_factory=list)
    voices: dict[str, str] = field(default_factory=dict)

    @property
    def overruns(self) -> list[ClipFit]:
        return [clip for clip in self.clips if clip.status == "overrun"]


_QUIET_HEAD = re.compile(rb"(?:[\x00-\x3f]\x00|[\xc1-\xff]\xff)*", re.DOTALL)
_QUIET_TAIL = re.compile(rb"(?:\x00[\x00-\x3f]|\xff[\xc1-\xff])*", re.DOTALL)


def trim_quiet(pcm: Pcm) -> Pcm:
    """Drop leading/trailing samples with |value| < 64 (fast: byte patterns, mono or interleaved)."""
    data = pcm.data
    head = _QUIET_HEAD.match(data)
    start = head.end() if head else 0
    tail = _QUIET_TAIL.match(data[::-1])
    end = len(data) - (tail.end() if tail else 0)
    frame = 2 * pcm.channels
    start -= start % frame
    end += (-end) % frame
    if end <= start:
        return Pcm(b"", pcm.sample_rate, pcm.channels)
    return Pcm(data[start:end], pcm.sample_rate, pcm.channels)


def plan_tempo(
    speech_ms: float, slot_ms: int, *, min_tempo: float, max_tempo: float, stretch: bool
) -> tuple[float, str]:
    """The tempo a clip of ``speech_ms`` needs for a slot of ``slot_ms``, and the resulting status."""
    if speech_ms <= 0:
        return 1.0, "fits"
    need = speech_ms / slot_ms
    if need > 1.0:
        return min(need, max_tempo), ("sped up" if need <= max_tempo else "overrun")
    if stretch and need < 0.98:
        return max(need, min_tempo), "slowed"
    return 1.0, "fits"


def _cut_to_slot(pcm: Pcm, slot_ms: int, status: str) -> Pcm:
    if status != "sped up":
        return pcm
    # atempo lands within a few tens of milliseconds; cut that tail so the clip ends in its slot.
    limit = round(slot_ms * pcm.sample_rate / 1000) * 2 * pcm.channels
    return Pcm(pcm.data[:limit], pcm.sample_rate, pcm.channels)


@dataclass
class _Clip:
    line: ScriptLine
    voice: str
    spoken: str
    pcm: Pcm
    speech_ms: float
    tempo: float
    status: str
    fitted: bool = False

    def report(self) -> ClipFit:
        line = self.line
        return ClipFit(
            line.number,
            line.cue_index,
            line.character,
            self.voice,
            self.spoken,
            line.start_ms,
            line.end_ms - line.start_ms,
            round(self.speech_ms),
            round(self.tempo, 3),
            round(self.pcm.duration_ms),
            self.status,
        )


def _to_channels(pcm: Pcm, channels: int) -> bytes:
    if channels == 1:
        return pcm.data
    mono = array("h", pcm.data)
    out = array("h", bytes(len(pcm.data) * channels))
    for c in range(channels):
        out[c::channels] = mono
    return out.tobytes()


class _Timeline:
    """Clips written straight into a WAV file at their offsets; overlaps are mixed."""

    def __init__(self, handle: BinaryIO, sample_rate: int, channels: int) -> None:
        self.handle = handle
        self.rate = sample_rate
        self.channels = channels
        self.placed: list[tuple[int, int]] = []  # sorted (start, end) frames of written clips
        self.longest = 0
        self.frames = 0
        handle.write(wav_header(0, sample_rate, channels))

    def place(self, start_ms: int, pcm: Pcm) -> None:
        """Write a clip at ``start_ms``; where it overlaps clips already written, mix the two."""
        data = _to_channels(pcm, self.channels)
        frame_bytes = 2 * self.channels
        start = round(start_ms * self.rate / 1000)
        end = start + len(data) // frame_bytes
        if end == start:
            return
        first = bisect.bisect_left(self.placed, (start - self.longest, -1))
        last = bisect.bisect_left(self.placed, (end, -1))
        overlaps = [(s, e) for s, e in self.placed[first:last] if s < end and e > start]
        if overlaps:
            lo = max(start, min(s for s, _ in overlaps))
            hi = min(end, max(e for _, e in overlaps))
            a, b = (lo - start) * frame_bytes, (hi - start) * frame_bytes
            self.handle.seek(44 + lo * frame_bytes)
            existing = self.handle.read(b - a)
            existing += bytes(b - a - len(existing))
            sums = map(operator.add, array("h", existing), array("h", data[a:b]))
            mixed = array("h", map(min, map(max, sums, repeat(-32768)), repeat(32767)))
            data = data[:a] + mixed.tobytes() + data[b:]
        self.handle.seek(44 + start * frame_bytes)
        self.handle.write(data)
        bisect.insort(self.placed, (start, end))
        self.longest = max(self.longest, end - start)
        self.frames = max(self.frames, end)

    def finish(self, min_frames: int, *, exact: bool = False) -> int:
        """Pad to ``min_frames`` (or cut to it when ``exact``) and write the final sizes."""
        frame_bytes = 2 * self.channels
        if min_frames > self.frames or exact:
            self.handle.truncate(44 + min_frames * frame_bytes)
            self.frames = min_frames
        self.handle.seek(4)
        self.handle.write(struct.pack("<I", 36 + self.frames * frame_bytes))
        self.handle.seek(40)
        self.handle.write(struct.pack("<I", self.frames * frame_bytes))
        return self.frames


def assign_voices(lines: Sequence[ScriptLine], voices: Sequence[str]) -> dict[str, str]:
    """One voice per character in order of first appearance ("?" stands for unknown speakers)."""
    if not voices:
        raise DubbingError("the speech engine offers no voice for this language")
    names = list(dict.fromkeys(line.character or "?" for line in lines))
    return {name: voices[i % len(voices)] for i, name in enumerate(names)}


def synthesize_track(
    cues: Sequence[CueLike],
    lang: str,
    out: str | Path,
    *,
    engine: SpeechEngine | None = None,
    workers: int | None = None,
    channels: int = 1,
    sample_rate: int | None = None,
    duration_ms: int | None = None,
    min_tempo: float = 0.8,
    max_tempo: float = 1.5,
    stretch: bool = False,
    script: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
) -> VoiceTrack:
    """Speak the cues of a subtitle document and write a temp voice track to ``out`` (.wav or .flac).

    ``duration_ms`` is the film's length: the track is padded or cut to it (without it the track ends
    with the last slot or the last clip, whichever is later). ``script`` ("Latn"/"Cyrl") is the script
    the lines are converted to for the engine; by default the engine's own for the language.
    ``progress(done, total)`` is called after each line. Raises :class:`DubbingError` for an unknown
    language, a script the engine cannot read for it, a document without spoken lines, cues without a
    time slot, a bad output extension, or a failing engine; a missing program raises
    :class:`~korkyt.dubbing.errors.ToolMissingError` naming its Debian package.
    """
    language = get_language(lang)
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".wav", ".flac"):
        raise DubbingError(
            f"cannot write a voice track as {suffix or 'a file without extension'!r}; use .wav or .flac"
        )
    if not out.parent.exists():
        raise DubbingError(f"folder {out.parent} does not exist")
    if channels not in (1, 2):
        raise DubbingError("channels must be 1 (mono) or 2 (stereo)")
    if not 0.5 <= min_tempo <= 1.0 <= max_tempo <= 4.0:
        raise DubbingError("tempo limits must satisfy 0.5 ≤ min_tempo ≤ 1 ≤ max_tempo ≤ 4")
    engine = engine or EspeakEngine()
    readable = engine.scripts(language)
    if script is not None and script not in readable:
        names = {"Latn": "Latin", "Cyrl": "Cyrillic"}
        raise DubbingError(
            f"{engine.name} reads {language.name} in {' or '.join(names.get(s, s) for s in readable)} "
            f"letters, not {names.get(script, repr(script))}"
        )
    engine.check()
    if suffix == ".flac" or max_tempo > 1.0 or stretch:
        from korkyt.dubbing.audio import find_program

        find_program("ffmpeg")
    lines = extract_lines(cues, language)
    if not lines:
        raise DubbingError(
            "the document has no spoken lines (every cue is empty or a sound description)", code="lines.none"
        )
    validate_slots(lines)
    voice_of = assign_voices(lines, engine.voices(language))
    script = script or engine.script_for(language)
    jobs = [(line, to_engine_script(line.text, language, script)) for line in lines]

    def speak(job: tuple[ScriptLine, str]) -> list[_Clip]:
        line, spoken = job
        voice = voice_of[line.character or "?"]
        raw = trim_quiet(engine.synthesize(spoken, language, voice, timeout=timeout))
        if raw.channels != 1 or (sample_rate and raw.sample_rate != sample_rate):
            raw = ffmpeg_convert(
                wav_bytes(raw), rate=sample_rate or raw.sample_rate, channels=1, timeout=timeout
            )
        tempo, status = plan_tempo(
            raw.duration_ms,
            line.end_ms - line.start_ms,
            min_tempo=min_tempo,
            max_tempo=max_tempo,
            stretch=stretch,
        )
        return [_Clip(line, voice, spoken, raw, raw.duration_ms, tempo, status, fitted=tempo == 1.0)]

    def fit_batch(batch: list[_Clip]) -> list[_Clip]:
        stretched = change_tempo_many([(clip.pcm, clip.tempo) for clip in batch], timeout=timeout)
        for clip, pcm in zip(batch, stretched, strict=True):
            clip.pcm = _cut_to_slot(pcm, clip.line.end_ms - clip.line.start_ms, clip.status)
            clip.fitted = True
        return batch

    fd, tmp = temporary_beside(out, suffix=".wav")
    clips: list[ClipFit] = []
    rate: int | None = sample_rate
    pool_size = max(1, workers or os.cpu_count() or 1)
    try:
        with os.fdopen(fd, "w+b") as handle:
            timeline: _Timeline | None = None
            with ThreadPoolExecutor(max_workers=pool_size) as pool:
                todo = iter(jobs)
                in_flight: dict[Future[list[_Clip]], bool] = {}  # future → is a speech job
                to_fit: list[_Clip] = []
                speaking = len(jobs)

                def feed() -> None:
                    while sum(in_flight.values()) < 4 * pool_size:
                        job = next(todo, None)
                        if job is None:
                            return
                        in_flight[pool.submit(speak, job)] = True

                try:
                    feed()
                    while in_flight:
                        finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                        for future in finished:
                            speaking -= in_flight.pop(future)
                            for clip in future.result():
                                if not clip.fitted:
                                    to_fit.append(clip)
                                    continue
                                pcm = clip.pcm
                                if timeline is None:
                                    rate = rate or pcm.sample_rate
                                    timeline = _Timeline(handle, rate, channels)
                                if rate is not None and pcm.sample_rate != rate:
                                    pcm = ffmpeg_convert(
                                        wav_bytes(pcm), rate=rate, channels=1, timeout=timeout
                                    )
                                timeline.place(clip.line.start_ms, pcm)
                                clips.append(clip.report())
                                if progress:
                                    progress(len(clips), len(jobs))
                        if len(to_fit) >= FIT_BATCH or (speaking == 0 and to_fit):
                            in_flight[pool.submit(fit_batch, to_fit[:FIT_BATCH])] = False
                            to_fit = to_fit[FIT_BATCH:]
                        feed()
                except BaseException:
                    for future in in_flight:
                        future.cancel()
                    raise
            assert timeline is not None and rate is not None
            if duration_ms:
                frames = timeline.finish(round(duration_ms * rate / 1000), exact=True)
            else:
                frames = timeline.finish(round(max(line.end_ms for line in lines) * rate / 1000))
        if suffix == ".flac":
            flac_tmp = tmp.with_suffix(".flac")
            try:
                run_tool(
                    [
                        "ffmpeg",
                        "-nostdin",
                        "-v",
                        "error",
                        "-y",
                        "-i",
                        str(tmp),
                        "-c:a",
                        "flac",
                        str(flac_tmp),
                    ],
                    timeout=max(timeout, 600),
                    what="ffmpeg (FLAC)",
                )
                flac_tmp.replace(out)
            finally:
                flac_tmp.unlink(missing_ok=True)
                tmp.unlink(missing_ok=True)
        else:
            tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    clips.sort(key=lambda clip: clip.line)
    return VoiceTrack(out, round(1000 * frames / rate), rate, channels, clips, voice_of)
