from __future__ import annotations

import math
import os
import stat
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from korkyt.dubbing import DubbingError
from korkyt.dubbing.audio import parse_wav, probe
from korkyt.dubbing.engines import PiperEngine
from korkyt.dubbing.mux import media_info, mix_with_original, mux_track
from korkyt.dubbing.voice import synthesize_track

from .conftest import cue, make_video
from .test_engines import fake_piper  # noqa: F401  (fixture)

SLOTS = [(0.5, 2.0), (2.5, 4.6), (5.0, 6.3)]


def _cues(lang: str = "tr"):
    texts = ["AIGUL: Merhaba.", "BOLAT: Seni bekliyorum.", "AIGUL: Evet, tamam."]
    if lang == "kk":
        texts = ["АЙГҮЛ: Сәлем.", "БОЛАТ: Мен сені күтемін.", "АЙГҮЛ: Иә, жақсы."]
    return [cue(start, end, text) for (start, end), text in zip(SLOTS, texts, strict=True)]


def _rms(samples: array, start_s: float, end_s: float, rate: int) -> float:
    part = samples[int(start_s * rate) : int(end_s * rate)]
    return math.sqrt(sum(v * v for v in part) / max(len(part), 1))


def _decode(path: Path, stream: str) -> tuple[array, int]:
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", stream, "-ac", "1", "-f", "wav", "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    pcm = parse_wav(out)
    return array("h", pcm.data), pcm.sample_rate


def test_temp_track_fills_the_film_and_speech_lands_in_each_slot(tmp_path, audio_tools):
    video = make_video(tmp_path / "film.mp4", 7)
    duration_ms, audio_streams = media_info(video)
    assert audio_streams == 1
    track = synthesize_track(_cues(), "tr", tmp_path / "temp.wav", duration_ms=duration_ms, workers=2)
    info = probe(tmp_path / "temp.wav")
    stream = info["streams"][0]
    assert (stream["channels"], stream["sample_rate"]) == (1, "22050")
    assert float(info["format"]["duration"]) == pytest.approx(7.0, abs=0.05)
    assert [clip.status for clip in track.clips] == ["fits", "fits", "fits"]
    assert track.voices == {"AIGUL": "tr+m1", "BOLAT": "tr+f1"}
    samples, rate = _decode(tmp_path / "temp.wav", "0:a")
    for start, end in SLOTS:
        assert _rms(samples, start, end, rate) > 500
    for start, end in [(0.0, 0.5), (2.05, 2.5), (6.35, 7.0)]:
        assert _rms(samples, start, end, rate) < 20


def test_a_temp_track_gets_the_mode_a_new_file_gets(tmp_path, audio_tools):
    before = os.umask(0o022)
    try:
        synthesize_track(_cues(), "tr", tmp_path / "temp.wav", duration_ms=7000, workers=1)
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "temp.wav").stat().st_mode) == 0o644  # not mkstemp's 600
    assert [p.name for p in tmp_path.iterdir()] == ["temp.wav"]


def test_the_track_spoken_by_the_library_is_the_track_the_espeak_program_gives(tmp_path, audio_tools):
    from korkyt.dubbing.engines import EspeakEngine

    cues = [*_cues("kk"), cue(7.0, 7.6, "АЙГҮЛ: Мен сені вокзалда күтемін.")]  # sped up past 1.5×
    library = EspeakEngine(library=True)
    try:
        fast = synthesize_track(cues, "kk", tmp_path / "library.wav", engine=library, workers=2)
    finally:
        library.close()
    program = EspeakEngine(library=False)
    slow = synthesize_track(cues, "kk", tmp_path / "program.wav", engine=program, workers=2)
    assert [c.status for c in fast.clips] == [c.status for c in slow.clips] == ["fits"] * 3 + ["overrun"]
    assert fast.clips == slow.clips
    assert (tmp_path / "library.wav").read_bytes() == (tmp_path / "program.wav").read_bytes()


def test_stereo_flac_track_has_a_stereo_layout(tmp_path, audio_tools):
    synthesize_track(_cues(), "tr", tmp_path / "temp.flac", channels=2)
    stream = probe(tmp_path / "temp.flac")["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["channel_layout"]) == ("flac", 2, "stereo")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["temp.flac"]


def test_long_lines_are_sped_up_within_limits_and_overruns_flagged(tmp_path, audio_tools):
    cues = [
        cue(0, 2.2, "Bugün yeni filmin ilk gösterimini yapıyoruz."),  # ≈2.7 s of speech: needs ≈1.25×
        cue(3, 4, "Bugün yeni filmin ilk gösterimini yapıyoruz."),  # needs ≈2.7×: beyond 1.5×
    ]
    track = synthesize_track(cues, "tr", tmp_path / "t.wav")
    sped, overrun = track.clips
    assert sped.status == "sped up" and 1.0 < sped.tempo <= 1.5
    assert sped.placed_ms <= sped.slot_ms
    assert overrun.status == "overrun" and overrun.tempo == 1.5
    assert overrun.overrun_ms > 500
    assert track.overruns == [overrun]


def test_stretch_slows_short_lines_no_further_than_08(tmp_path, audio_tools):
    track = synthesize_track([cue(0, 5, "Merhaba.")], "tr", tmp_path / "t.wav", stretch=True)
    clip = track.clips[0]
    assert clip.status == "slowed" and clip.tempo == 0.8
    assert clip.placed_ms == pytest.approx(clip.speech_ms / 0.8, rel=0.05)


def test_overlapping_cues_are_mixed_not_dropped(tmp_path, audio_tools):
    cues = [cue(0, 2, "BOLAT: Merhaba dostum."), cue(0.3, 2, "AIGUL: Merhaba.")]
    track = synthesize_track(cues, "tr", tmp_path / "t.wav")
    synthesize_track([cues[0]], "tr", tmp_path / "alone.wav")
    mixed = parse_wav((tmp_path / "t.wav").read_bytes())
    single = parse_wav((tmp_path / "alone.wav").read_bytes())
    assert len(track.clips) == 2 and mixed.frames == single.frames
    assert mixed.data != single.data


def test_dash_turns_get_their_characters_voices(tmp_path, audio_tools):
    track = synthesize_track([cue(0, 4, "- BOLAT: Evet?\n- AIGUL: Hayır.")], "tr", tmp_path / "t.wav")
    assert [(c.character, c.voice) for c in track.clips] == [("BOLAT", "tr+m1"), ("AIGUL", "tr+f1")]
    assert track.clips[1].start_ms == track.clips[0].start_ms + track.clips[0].slot_ms


def test_muxed_film_keeps_its_streams_and_tags_the_new_track(tmp_path, audio_tools):
    video = make_video(tmp_path / "film.mp4", 7)
    synthesize_track(_cues("kk"), "kk", tmp_path / "temp.wav", duration_ms=7000)
    for suffix, codec in ((".mkv", "flac"), (".mp4", "aac")):
        out = mux_track(video, tmp_path / "temp.wav", tmp_path / f"dub{suffix}", "kk")
        streams = probe(out)["streams"]
        assert [s["codec_type"] for s in streams] == ["video", "audio", "audio"]
        assert streams[0]["codec_name"] == "h264" and streams[1]["codec_name"] == "aac"
        assert streams[2]["codec_name"] == codec
        assert streams[2]["tags"]["language"] == "kaz"
        assert streams[2]["disposition"]["default"] == 0
    # The new stream is the voice over the ducked original: the sine is still heard between lines.
    samples, rate = _decode(tmp_path / "dub.mkv", "0:a:1")
    assert _rms(samples, 0.05, 0.45, rate) > 1000
    voice_only = mux_track(video, tmp_path / "temp.wav", tmp_path / "voice.mkv", "kk", mix=False)
    samples, rate = _decode(voice_only, "0:a:1")
    assert _rms(samples, 0.05, 0.45, rate) < 20


def _stream_seconds(path: Path) -> list[float]:
    """Decoded length of each stream (ffprobe's packet times, so a short stream shows)."""
    out = []
    for stream in probe(path)["streams"]:
        index = stream["index"]
        packets = subprocess.run(
            ["ffprobe", "-v", "error", "-select_streams", str(index), "-show_entries", "packet=pts_time",
             "-of", "csv=p=0", str(path)],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout.split()  # fmt: skip
        out.append(max(float(t.strip(",")) for t in packets if t.strip(",") not in ("", "N/A")))
    return out


def test_a_voice_track_shorter_than_the_film_is_mixed_over_the_whole_film(tmp_path):
    from .conftest import require

    require("ffmpeg", "ffprobe")
    video = make_video(tmp_path / "film.mp4", 20)
    voice = tmp_path / "voice.wav"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=880:duration=5.5",
         str(voice)],
        check=True, timeout=60,
    )  # fmt: skip
    mixed = mix_with_original(video, voice, tmp_path / "mix.wav")
    assert media_info(mixed)[0] == pytest.approx(20_000, abs=50)
    out = mux_track(video, voice, tmp_path / "dub.mkv", "kk")
    video_s, original_s, dub_s = _stream_seconds(out)
    assert original_s == pytest.approx(video_s, abs=0.1)
    assert dub_s == pytest.approx(original_s, abs=0.1)
    # The original is heard after the last dubbed line, no longer ducked.
    samples, rate = _decode(out, "0:a:1")
    assert _rms(samples, 10, 19, rate) > 1000


def test_piper_engine_builds_a_track_at_its_own_rate(tmp_path, fake_piper):  # noqa: F811
    program, model = fake_piper
    engine = PiperEngine(model, program=str(program))
    cues = [cue(0, 2, "АЙГҮЛ: Сәлем."), cue(2, 4, "БОЛАТ: Қалай?")]
    track = synthesize_track(cues, "kk", tmp_path / "p.wav", engine=engine, max_tempo=1.0)
    assert track.sample_rate == 16000
    assert track.voices == {"АЙГҮЛ": "0", "БОЛАТ": "1"}
    assert track.duration_ms == 4000


@pytest.mark.parametrize(
    ("cues", "lang", "name", "message"),
    [
        ([cue(0, 1, "Merhaba.")], "xx", "t.wav", "unknown language 'xx'"),
        ([cue(0, 1, ""), cue(1, 2, "[music]")], "tr", "t.wav", "no spoken lines"),
        ([cue(0, 1, "Merhaba."), cue(2, 2, "Evet.")], "tr", "t.wav", r"cue number 2"),
        ([cue(0, 1, "Merhaba.")], "tr", "t.mp3", r"\.wav or \.flac"),
    ],
)
def test_hostile_inputs_fail_clearly_and_write_nothing(tmp_path, cues, lang, name, message):
    with pytest.raises(DubbingError, match=message):
        synthesize_track(cues, lang, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_failing_engine_leaves_no_partial_track(tmp_path, audio_tools):
    from korkyt.dubbing.engines import CommandEngine

    script = tmp_path.parent / f"{tmp_path.name}-tts.py"
    script.write_text(
        "import subprocess, sys\n"
        "if 'fail' in sys.argv[1]: sys.exit('cannot speak this line')\n"
        "sys.stdout.buffer.write(subprocess.run(['espeak-ng', '--stdout', sys.argv[1]],"
        " capture_output=True).stdout)\n"
    )
    engine = CommandEngine(f"{sys.executable} {script} {{text}}")
    cues = [cue(0, 1, "Merhaba."), cue(1, 2, "fail"), cue(2, 3, "Evet.")]
    with pytest.raises(DubbingError, match=r"exit 1.*cannot speak this line"):
        synthesize_track(cues, "tr", tmp_path / "t.wav", engine=engine)
    assert list(tmp_path.iterdir()) == []


def test_mux_refuses_to_overwrite_its_own_video(tmp_path, audio_tools):
    video = make_video(tmp_path / "film.mkv", 1, audio=False)
    with pytest.raises(DubbingError, match="must not overwrite"):
        mux_track(video, tmp_path / "x.wav", video, "tr")
    with pytest.raises(DubbingError, match=r"video .* does not exist"):
        mux_track(tmp_path / "none.mp4", tmp_path / "x.wav", tmp_path / "o.mkv", "tr")


def test_lines_are_converted_to_the_script_the_engine_reads(tmp_path, audio_tools):
    uz = synthesize_track([cue(0, 3, "Бугун биз янги фильм кўрамиз.")], "uz", tmp_path / "uz.wav")
    assert uz.clips[0].text == "Bugun biz yangi film koʻramiz."
    kk = synthesize_track([cue(0, 3, "Qazaqstan Respublikasy")], "kk", tmp_path / "kk.wav")
    assert kk.clips[0].text == "Қазақстан Республикасы"
    # Kyrgyz has no Latin alphabet to convert from: the line is spoken as written.
    ky = synthesize_track([cue(0, 3, "Kyrgyzstan")], "ky", tmp_path / "ky.wav")
    assert ky.clips[0].text == "Kyrgyzstan"


def test_timeline_mixes_only_where_clips_overlap_and_clips_the_sum(tmp_path):
    from korkyt.dubbing.audio import Pcm
    from korkyt.dubbing.voice import _Timeline

    handle = (tmp_path / "t.wav").open("w+b")
    timeline = _Timeline(handle, 1000, 1)  # 1 frame per millisecond
    timeline.place(0, Pcm(array("h", [1000] * 100).tobytes(), 1000))
    timeline.place(200, Pcm(array("h", [-500] * 10).tobytes(), 1000))
    timeline.place(50, Pcm(array("h", [30000] * 100).tobytes(), 1000))
    frames = timeline.finish(260)
    handle.seek(44)
    samples = array("h", handle.read())
    assert frames == len(samples) == 260
    assert set(samples[:50]) == {1000}
    assert set(samples[50:100]) == {31000}
    assert set(samples[100:150]) == {30000}
    assert set(samples[150:200]) == {0}
    assert set(samples[200:210]) == {-500}
    timeline.place(205, Pcm(array("h", [-32500] * 10).tobytes(), 1000))
    handle.seek(44)
    samples = array("h", handle.read())
    assert samples[204] == -500
    assert set(samples[205:210]) == {-32768}  # -500 + -32500 clipped
    assert set(samples[210:215]) == {-32500}


def test_the_script_asked_for_is_read_when_the_engine_reads_it_and_refused_otherwise(tmp_path, audio_tools):
    from korkyt.dubbing.engines import CommandEngine

    line = [cue(0, 3, "Bugun biz yangi film koʻramiz.")]
    # a command engine reads any script it is asked for, unless it was given one for the language
    engine = CommandEngine("espeak-ng -v {lang} --stdout --stdin")
    track = synthesize_track(line, "uz", tmp_path / "cyrl.wav", engine=engine, script="Cyrl")
    assert track.clips[0].text == "Бугун биз янги филм кўрамиз."
    latin = CommandEngine("espeak-ng -v {lang} --stdout --stdin", scripts={"uz": "Latn"})
    for refusing in (latin, None):  # espeak-ng reads Uzbek in Latin letters only
        with pytest.raises(DubbingError, match="reads Uzbek in Latin letters, not Cyrillic"):
            synthesize_track(line, "uz", tmp_path / "no.wav", engine=refusing, script="Cyrl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cyrl.wav"]
    assert synthesize_track(line, "uz", tmp_path / "l.wav", script="Latn").clips[0].text == line[0].text
