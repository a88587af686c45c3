"""Mixing the temp voice track under the original sound (ducking) and muxing it into the film.

The mix lowers the original audio while the voice speaks (ffmpeg ``sidechaincompress`` keyed by the
voice track) and adds the voice on top. The voice is padded with silence (``apad``) so the mix lasts as
long as the film's original audio even when the voice track ends with the last dubbed line.

The muxed file keeps every original stream unchanged (copied) and appends the new audio stream with the
language's ISO 639-2 tag (``kaz``, ``uzb``...), a title, and no default flag. MKV gets FLAC audio, MP4
gets AAC.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from korkyt.dubbing.audio import DEFAULT_TIMEOUT, probe, run_tool
from korkyt.dubbing.errors import DubbingError
from korkyt.dubbing.languages import get_language

_CODECS = {".mkv": ("flac", []), ".mp4": ("aac", ["-b:a", "192k"]), ".mov": ("aac", ["-b:a", "192k"])}


def media_info(path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> tuple[int, int]:
    """Return (duration in ms, number of audio streams) of a media file."""
    path = Path(path)
    if not path.is_file():
        raise DubbingError(f"video {path} does not exist", code="video.missing", params={"path": str(path)})
    info = probe(path, timeout=timeout)
    fmt = info.get("format")
    streams = info.get("streams")
    duration = float(fmt.get("duration", 0) or 0) if isinstance(fmt, dict) else 0.0
    audio = 0
    if isinstance(streams, list):
        audio = sum(1 for s in streams if isinstance(s, dict) and s.get("codec_type") == "audio")
    return round(duration * 1000), audio


def mix_with_original(
    video: str | Path,
    voice: str | Path,
    out: str | Path,
    *,
    duck_threshold: float = 0.02,
    duck_ratio: float = 8.0,
    voice_gain_db: float = 0.0,
    timeout: float = 600.0,
) -> Path:
    """Mix ``voice`` over the first audio stream of ``video`` with ducking; write ``out`` (WAV/FLAC).

    The mix is as long as the video's audio: a shorter voice is padded with silence, a longer one cut.
    """
    out = Path(out)
    graph = (
        f"[1:a]volume={voice_gain_db}dB,apad,asplit=2[key][vo];"
        f"[0:a:0][key]sidechaincompress=threshold={duck_threshold}:ratio={duck_ratio}:attack=20:release=400[duck];"
        "[duck][vo]amix=inputs=2:duration=first:normalize=0[mix]"
    )
    codec = "flac" if out.suffix.lower() == ".flac" else "pcm_s16le"
    run_tool(
        [
            *("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(video), "-i", str(voice)),
            *("-filter_complex", graph, "-map", "[mix]", "-c:a", codec, str(out)),
        ],
        timeout=timeout,
        what="ffmpeg (mix)",
    )
    return out


def mux_track(
    video: str | Path,
    voice: str | Path,
    out: str | Path,
    lang: str,
    *,
    mix: bool = True,
    title: str | None = None,
    timeout: float = 600.0,
) -> Path:
    """Write ``out`` (.mkv or .mp4): the video's streams copied plus the voice track (mixed when asked).

    With ``mix`` and an original audio stream, the new stream is the voice over the ducked original;
    otherwise it is the voice alone. The new stream is tagged with the language.
    """
    language = get_language(lang)
    video, voice, out = Path(video), Path(voice), Path(out)
    suffix = out.suffix.lower()
    if suffix not in _CODECS:
        raise DubbingError(f"cannot mux into {suffix or 'a file without extension'!r}; use .mkv or .mp4")
    if out.resolve() == video.resolve():
        raise DubbingError("the muxed file must not overwrite the video it reads")
    if not out.parent.exists():
        raise DubbingError(f"folder {out.parent} does not exist")
    _, audio_streams = media_info(video)
    codec, codec_args = _CODECS[suffix]
    name = title or f"{language.name} (temp dub)"
    with tempfile.TemporaryDirectory(prefix="korkyt-mux-", dir=out.parent) as tmp:
        track = voice
        if mix and audio_streams:
            track = mix_with_original(video, voice, Path(tmp) / "mix.wav", timeout=timeout)
        partial = Path(tmp) / f"out{suffix}"
        index = audio_streams
        run_tool(
            [
                *("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(video), "-i", str(track)),
                *("-map", "0", "-map", "1:a:0", "-c", "copy", f"-c:a:{index}", codec, *codec_args),
                *(f"-metadata:s:a:{index}", f"language={language.iso639_2}"),
                *(f"-metadata:s:a:{index}", f"title={name}", f"-disposition:a:{index}", "0"),
                str(partial),
            ],
            timeout=timeout,
            what="ffmpeg (mux)",
        )
        partial.replace(out)
    return out
