"""PCM audio helpers: WAV parsing and writing, external tools with timeouts, tempo fitting.

Everything the package writes is 16-bit signed little-endian PCM. WAV data read from a pipe often
carries placeholder sizes in its header (espeak-ng writes 0x7ffff000), so :func:`parse_wav` trusts
the bytes that follow the ``data`` chunk rather than the sizes.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

from korkyt.dubbing.errors import DubbingError, ToolFailedError, ToolMissingError

#: Debian packages that provide the programs the package runs.
DEBIAN_PACKAGES = {"ffmpeg": "ffmpeg", "ffprobe": "ffmpeg", "espeak-ng": "espeak-ng"}

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Pcm:
    """Mono or interleaved 16-bit PCM samples with their rate."""

    data: bytes
    sample_rate: int
    channels: int = 1

    @property
    def frames(self) -> int:
        return len(self.data) // (2 * self.channels)

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.frames / self.sample_rate


def find_program(program: str) -> str:
    """Return the full path of ``program`` or raise :class:`ToolMissingError` naming its package."""
    path = shutil.which(program)
    if path is None:
        raise ToolMissingError(program, DEBIAN_PACKAGES.get(program))
    return path


def run_tool(
    args: list[str], *, input: bytes | None = None, timeout: float = DEFAULT_TIMEOUT, what: str = ""
) -> bytes:
    """Run an external program with a timeout; return its stdout.

    A missing program raises :class:`ToolMissingError`; a timeout or a non-zero exit raises
    :class:`ToolFailedError` (a :class:`DubbingError`) with the program's last error lines.
    """
    program = args[0]
    executable = find_program(program) if "/" not in program else program
    label = what or Path(program).name
    try:
        proc = subprocess.run(
            [executable, *args[1:]],
            input=input,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolFailedError(
            f"{label} did not finish within {timeout:g} s",
            label,
            code="tool.timeout",
            params={"program": Path(program).name, "seconds": f"{timeout:g}"},
        ) from None
    except FileNotFoundError:
        raise ToolMissingError(program, DEBIAN_PACKAGES.get(Path(program).name)) from None
    except PermissionError:
        raise DubbingError(
            f"{program} is not executable", code="tool.not_executable", params={"program": Path(program).name}
        ) from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise ToolFailedError(
            f"{label} failed (exit {proc.returncode}): {' | '.join(err) or 'no message'}", label
        )
    return proc.stdout


def parse_wav(blob: bytes) -> Pcm:
    """Parse a 16-bit PCM WAV file held in memory (sizes in a streamed header are ignored)."""
    if len(blob) < 12 or blob[:4] != b"RIFF" or blob[8:12] != b"WAVE":
        raise DubbingError("the speech engine did not return a WAV file", code="wav.not_wav")
    pos = 12
    fmt: tuple[int, int, int, int] | None = None
    while pos + 8 <= len(blob):
        chunk_id = blob[pos : pos + 4]
        (size,) = struct.unpack("<I", blob[pos + 4 : pos + 8])
        body = pos + 8
        if chunk_id == b"fmt ":
            audio_format, channels, rate = struct.unpack("<HHI", blob[body : body + 8])
            (bits,) = struct.unpack("<H", blob[body + 14 : body + 16])
            fmt = (audio_format, channels, rate, bits)
        elif chunk_id == b"data":
            if fmt is None:
                raise DubbingError("WAV data before its format chunk", code="wav.no_format")
            audio_format, channels, rate, bits = fmt
            if audio_format not in (1, 0xFFFE) or bits != 16:
                raise DubbingError(
                    f"unsupported WAV encoding (format {audio_format}, {bits} bits)",
                    code="wav.unsupported",
                    params={"format": audio_format, "bits": bits},
                )
            end = min(len(blob), body + size) if size < 0x7FFF0000 else len(blob)
            data = blob[body:end]
            data = data[: len(data) - len(data) % (2 * channels)]
            return Pcm(data, rate, channels)
        pos = body + size + (size & 1)
    raise DubbingError("WAV file without a data chunk", code="wav.no_data")


def wav_bytes(pcm: Pcm) -> bytes:
    """Serialise PCM as a WAV file."""
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(pcm.data),
        b"WAVE",
        b"fmt ",
        16,
        1,
        pcm.channels,
        pcm.sample_rate,
        pcm.sample_rate * 2 * pcm.channels,
        2 * pcm.channels,
        16,
        b"data",
        len(pcm.data),
    )
    return header + pcm.data


def wav_header(frames: int, sample_rate: int, channels: int) -> bytes:
    """A WAV header for ``frames`` frames of 16-bit PCM."""
    return wav_bytes(Pcm(b"", sample_rate, channels))[:40] + struct.pack("<I", frames * 2 * channels)


def ffmpeg_convert(pcm_or_wav: bytes, *, rate: int, channels: int, timeout: float = DEFAULT_TIMEOUT) -> Pcm:
    """Resample/remix any WAV to 16-bit PCM at ``rate`` with ``channels`` using ffmpeg."""
    out = run_tool(
        [
            *("ffmpeg", "-nostdin", "-v", "error", "-i", "pipe:0"),
            *("-ac", str(channels), "-ar", str(rate), "-c:a", "pcm_s16le", "-f", "wav", "pipe:1"),
        ],
        input=pcm_or_wav,
        timeout=timeout,
        what="ffmpeg (resample)",
    )
    return parse_wav(out)


def atempo_chain(tempo: float) -> str:
    """An ffmpeg filter that changes tempo by ``tempo`` (atempo takes 0.5–2.0 per stage)."""
    stages = []
    remaining = tempo
    while remaining > 2.0:
        stages.append(2.0)
        remaining /= 2.0
    while remaining < 0.5:
        stages.append(0.5)
        remaining /= 0.5
    stages.append(remaining)
    return ",".join(f"atempo={s:.6f}" for s in stages)


def change_tempo_many(clips: list[tuple[Pcm, float]], *, timeout: float = DEFAULT_TIMEOUT) -> list[Pcm]:
    """Change the tempo of several clips in one ffmpeg run (one input and one output per clip).

    Starting ffmpeg costs far more than stretching a line of speech, so the temp track fits its
    clips in batches.
    """
    if not clips:
        return []
    import tempfile

    with tempfile.TemporaryDirectory(prefix="korkyt-atempo-") as tmp:
        args = ["ffmpeg", "-nostdin", "-v", "error", "-y"]
        graph = []
        outputs: list[str] = []
        for i, (pcm, tempo) in enumerate(clips):
            if tempo <= 0:
                raise DubbingError(f"tempo must be positive, got {tempo}")
            source = Path(tmp) / f"in{i}.raw"
            source.write_bytes(pcm.data)
            args += ["-f", "s16le", "-ar", str(pcm.sample_rate), "-ac", str(pcm.channels), "-i", str(source)]
            graph.append(f"[{i}:a]{atempo_chain(tempo)}[o{i}]")
        args += ["-filter_complex", ";".join(graph)]
        for i in range(len(clips)):
            target = str(Path(tmp) / f"out{i}.raw")
            outputs.append(target)
            args += ["-map", f"[o{i}]", "-f", "s16le", "-c:a", "pcm_s16le", target]
        run_tool(args, timeout=timeout, what="ffmpeg (atempo)")
        result = []
        for (pcm, _), target in zip(clips, outputs, strict=True):
            data = Path(target).read_bytes()
            result.append(
                Pcm(data[: len(data) - len(data) % (2 * pcm.channels)], pcm.sample_rate, pcm.channels)
            )
        return result


def probe(path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, object]:
    """Return ffprobe's JSON description (format and streams) of a media file."""
    import json

    out = run_tool(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        timeout=timeout,
        what="ffprobe",
    )
    result: dict[str, object] = json.loads(out.decode("utf-8", "replace"))
    return result
