from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from korkyt.dubbing import DubbingError, ToolMissingError, get_language
from korkyt.dubbing.audio import parse_wav, run_tool
from korkyt.dubbing.engines import CommandEngine, EspeakEngine, PiperEngine, make_engine

from .conftest import require

FAKE_PIPER = textwrap.dedent(
    """\
    #!{python}
    # Speaks Piper's command-line protocol: text lines on stdin, --model/--config/--output_file/--speaker.
    import argparse, json, math, struct, sys
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--config")
    parser.add_argument("--output_file", required=True)
    parser.add_argument("--speaker", type=int, default=0)
    args = parser.parse_args()
    text = sys.stdin.read().strip()
    config = json.load(open(args.config or args.model + ".json"))
    rate = config["audio"]["sample_rate"]
    with open(args.model + ".log", "a") as log:
        log.write(json.dumps({{"text": text, "speaker": args.speaker}}) + "\\n")
    n = int(rate * 0.05 * len(text))
    freq = 200 + 100 * args.speaker
    data = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * i / rate))) for i in range(n))
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(data), b"WAVE", b"fmt ", 16, 1, 1, rate,
                         rate * 2, 2, 16, b"data", len(data))
    open(args.output_file, "wb").write(header + data)
    """
)


@pytest.fixture
def fake_piper(tmp_path: Path) -> tuple[Path, Path]:
    program = tmp_path / "piper"
    program.write_text(FAKE_PIPER.format(python=sys.executable))
    program.chmod(0o755)
    model = tmp_path / "kk_KZ-test-medium.onnx"
    model.write_bytes(b"not really onnx")
    config = {"audio": {"sample_rate": 16000}, "num_speakers": 3, "language": {"code": "kk_KZ"}}
    Path(str(model) + ".json").write_text(json.dumps(config))
    return program, model


def test_espeak_speaks_22050_hz_mono_with_a_variant_per_character(audio_tools):
    engine = EspeakEngine()
    kk = get_language("kk")
    voices = engine.voices(kk)
    assert voices[:2] == ["kk+m1", "kk+f1"]
    male = engine.synthesize("Сәлем, қалың қалай?", kk, voices[0])
    female = engine.synthesize("Сәлем, қалың қалай?", kk, voices[1])
    assert (male.sample_rate, male.channels) == (22050, 1)
    assert 0.8 < male.duration_ms / 1000 < 3.0
    assert male.data != female.data


def test_espeak_reads_a_line_starting_with_a_dash_as_text(audio_tools):
    pcm = EspeakEngine().synthesize("-s 80 --help", get_language("en"), "en")
    assert pcm.duration_ms > 300


def test_the_library_speaks_every_line_as_the_espeak_program_does_whatever_came_before(audio_tools):
    """libespeak-ng keeps state between utterances; each line is spoken from a fresh fork of it."""
    from korkyt.dubbing.samples import HELD_OUT_LINES

    library, program = EspeakEngine(library=True), EspeakEngine(library=False)
    try:
        lines = [(lang, text) for lang in ("kk", "tr", "en") for text in HELD_OUT_LINES[lang][:3]]
        spoken = {}
        for lang, text in lines + lines[::-1]:  # each line twice, after different lines
            language = get_language(lang)
            pcm = library.synthesize(text, language, engine_voice := library.voices(language)[1])
            assert pcm == spoken.setdefault(text, pcm)
            assert pcm == program.synthesize(text, language, engine_voice), text
    finally:
        library.close()


def test_the_library_speaks_from_several_threads_at_once(audio_tools):
    from concurrent.futures import ThreadPoolExecutor

    engine, tr = EspeakEngine(library=True), get_language("tr")
    texts = ["Merhaba.", "Seni istasyonda bekleyeceğim.", "Teşekkürler, dostum.", "Hayır."] * 3
    try:
        with ThreadPoolExecutor(3) as pool:
            together = list(pool.map(lambda text: engine.synthesize(text, tr, "tr+m1"), texts))
        assert together == [engine.synthesize(text, tr, "tr+m1") for text in texts]
        assert len(engine._speakers.idle) == 3  # one helper per thread that spoke at once
    finally:
        engine.close()


def test_an_unknown_espeak_voice_is_a_clear_error_and_the_speaker_goes_on(audio_tools):
    engine = EspeakEngine(library=True)
    try:
        with pytest.raises(DubbingError, match="espeak-ng has no voice 'xx-nonesuch'"):
            engine.synthesize("Merhaba", get_language("tr"), "xx-nonesuch")
        assert engine.synthesize("Merhaba", get_language("tr"), "tr").duration_ms > 300
    finally:
        engine.close()


def test_a_line_that_takes_too_long_is_a_timeout_error(audio_tools):
    engine = EspeakEngine(library=True)
    try:
        with pytest.raises(DubbingError, match=r"did not finish within 0\.001 s"):
            engine.synthesize("Merhaba. " * 400, get_language("tr"), "tr", timeout=0.001)
        assert engine.synthesize("Merhaba", get_language("tr"), "tr").duration_ms > 300  # a new speaker
    finally:
        engine.close()


def test_missing_espeak_names_the_debian_package(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError, match=r"espeak-ng is not installed.*Debian package espeak-ng"):
        EspeakEngine().check()
    with pytest.raises(ToolMissingError, match="Debian package ffmpeg"):
        run_tool(["ffmpeg", "-version"])


def test_command_template_with_output_file_and_text_argument(audio_tools):
    engine = CommandEngine("espeak-ng -v {voice} -w {out} {text}", voices=["tr+m1", "tr+f1"])
    pcm = engine.synthesize("Merhaba dünya", get_language("tr"), "tr+f1")
    assert pcm.sample_rate == 22050 and pcm.duration_ms > 500
    assert engine.voices(get_language("tr")) == ["tr+m1", "tr+f1"]


def test_command_template_reading_stdin_and_writing_stdout(audio_tools):
    engine = CommandEngine("espeak-ng -v {lang} --stdout --stdin")
    pcm = engine.synthesize("Salom dunyo", get_language("uz"), "default")
    assert pcm.duration_ms > 500


def test_command_that_hangs_is_stopped_by_its_timeout():
    engine = CommandEngine(f"{sys.executable} -c 'import time; time.sleep(30)'")
    with pytest.raises(DubbingError, match=r"did not finish within 0\.5 s"):
        engine.synthesize("x", get_language("en"), "default", timeout=0.5)


def test_command_that_fails_reports_its_error_lines():
    engine = CommandEngine(f"{sys.executable} -c 'import sys; sys.exit(\"no voice here\")'")
    with pytest.raises(DubbingError, match=r"exit 1.*no voice here"):
        engine.synthesize("x", get_language("en"), "default")


def test_command_that_prints_no_wav_is_reported():
    engine = CommandEngine(f"{sys.executable} -c 'print(1)'")
    with pytest.raises(DubbingError, match="did not return a WAV"):
        engine.synthesize("x", get_language("en"), "default")


def test_piper_adapter_passes_model_config_speaker_and_text(fake_piper):
    program, model = fake_piper
    engine = PiperEngine(model, program=str(program))
    kk = get_language("kk")
    assert engine.voices(kk) == ["0", "1", "2"]
    pcm = engine.synthesize("Сәлем\nдос", kk, "2")
    assert pcm.sample_rate == 16000
    assert pcm.duration_ms == pytest.approx(0.05 * len("Сәлем дос") * 1000, abs=2)
    log = [json.loads(line) for line in Path(str(model) + ".log").read_text().splitlines()]
    assert log == [{"text": "Сәлем дос", "speaker": 2}]


def test_piper_model_for_another_language_is_refused(fake_piper):
    program, model = fake_piper
    with pytest.raises(DubbingError, match="speaks kk_KZ, not uz"):
        PiperEngine(model, program=str(program)).voices(get_language("uz"))


def test_piper_needs_an_existing_model_and_config(tmp_path):
    with pytest.raises(DubbingError, match="does not exist"):
        PiperEngine(tmp_path / "missing.onnx")
    (tmp_path / "voice.onnx").write_bytes(b"x")
    with pytest.raises(DubbingError, match=r"config .*voice\.onnx\.json does not exist"):
        PiperEngine(tmp_path / "voice.onnx")


def test_engine_factory_names_what_is_missing():
    with pytest.raises(DubbingError, match="--piper-model"):
        make_engine("piper")
    with pytest.raises(DubbingError, match="--engine-command"):
        make_engine("command")
    with pytest.raises(DubbingError, match="unknown speech engine 'festival'"):
        make_engine("festival")
    assert isinstance(make_engine("espeak"), EspeakEngine)


def test_wav_from_a_pipe_with_placeholder_sizes_is_read_by_its_bytes():
    require("espeak-ng")
    blob = run_tool(["espeak-ng", "-v", "en", "--stdout", "hello"])
    pcm = parse_wav(blob)
    assert pcm.frames == (len(blob) - 44) // 2
