"""Speech engines behind one interface: espeak-ng, Piper (local voice model), any command line.

An engine turns one line of text into 16-bit PCM. It says which script it reads per language
(:meth:`SpeechEngine.script_for`) and which voice variants it has (:meth:`SpeechEngine.voices`);
the temp track gives each character its own variant. Nothing is downloaded: Piper needs a voice model
file the user already has.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shlex
import struct
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from abc import ABC, abstractmethod
from pathlib import Path

from korkyt.dubbing.audio import DEFAULT_TIMEOUT, Pcm, find_program, parse_wav, run_tool
from korkyt.dubbing.errors import DubbingError
from korkyt.dubbing.languages import Language

#: espeak-ng voice variants handed to characters in order of first appearance.
ESPEAK_VARIANTS = ("m1", "f1", "m3", "f2", "m2", "f3", "m4", "f4", "m5", "f5", "m6", "m7")


class SpeechEngine(ABC):
    """A text-to-speech engine."""

    name = "engine"

    def script_for(self, lang: Language) -> str:
        """The script ("Cyrl" or "Latn") the engine reads for ``lang`` unless told otherwise."""
        return lang.engine_script

    def scripts(self, lang: Language) -> tuple[str, ...]:
        """Every script the engine can read for ``lang``, its own (:meth:`script_for`) first."""
        return (self.script_for(lang),)

    @abstractmethod
    def voices(self, lang: Language) -> list[str]:
        """Voice variants available for ``lang`` (at least one)."""

    @abstractmethod
    def synthesize(self, text: str, lang: Language, voice: str, *, timeout: float = DEFAULT_TIMEOUT) -> Pcm:
        """Speak ``text`` with ``voice``; return its PCM audio."""

    def check(self) -> None:
        """Raise :class:`~korkyt.dubbing.errors.ToolMissingError` when the engine cannot run."""
        return None


class _Speaker:
    """One ``_espeak_server`` process (libespeak-ng loaded once); used by one thread at a time."""

    SERVER = Path(__file__).with_name("_espeak_server.py")
    MAGIC = b"KORKYT-ESPEAK1"

    def __init__(self) -> None:
        self.killed = False
        self.proc = subprocess.Popen(
            [sys.executable, "-I", str(self.SERVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its forked children are killed with it
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout.fileno()
        try:
            hello = self._read(len(self.MAGIC) + 4, time.monotonic() + 30)
        except DubbingError:
            self.kill()
            raise
        if hello[: len(self.MAGIC)] != self.MAGIC:
            self.kill()
            raise DubbingError(
                "the espeak-ng library did not start",
                code="engine.not_started",
                params={"program": "espeak-ng"},
            )
        self.sample_rate = struct.unpack("<I", hello[-4:])[0]

    def _read(self, size: int, deadline: float) -> bytes:
        parts: list[bytes] = []
        with selectors.DefaultSelector() as selector:
            selector.register(self.stdout, selectors.EVENT_READ)
            while size:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise TimeoutError
                chunk = os.read(self.stdout, size)
                if not chunk:
                    raise DubbingError(
                        "the espeak-ng library stopped",
                        code="engine.stopped",
                        params={"program": "espeak-ng"},
                    )
                parts.append(chunk)
                size -= len(chunk)
        return b"".join(parts)

    def speak(self, voice: str, speed: int, text: str, timeout: float) -> Pcm:
        request = json.dumps({"voice": voice, "speed": speed, "text": text}).encode("utf-8")
        deadline = time.monotonic() + timeout
        try:
            self.stdin.write(struct.pack("<I", len(request)) + request)
            self.stdin.flush()
            head = self._read(6, deadline)
            body = self._read(struct.unpack("<I", head[2:])[0], deadline)
        except TimeoutError:
            self.kill()
            raise DubbingError(
                f"espeak-ng did not finish within {timeout:g} s",
                code="tool.timeout",
                params={"program": "espeak-ng", "seconds": f"{timeout:g}"},
            ) from None
        except OSError as exc:
            self.kill()
            raise DubbingError(
                f"the espeak-ng library stopped: {exc}",
                code="engine.stopped",
                params={"program": "espeak-ng"},
            ) from None
        if head[:2] != b"OK":
            raise DubbingError(
                f"espeak-ng failed: {body.decode('utf-8', 'replace')}",
                code="engine.failed",
                params={"program": "espeak-ng"},
            )
        return Pcm(body, self.sample_rate, 1)

    def kill(self) -> None:
        self.killed = True
        with contextlib.suppress(OSError):
            os.killpg(self.proc.pid, 9)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


class _Speakers:
    """Idle :class:`_Speaker` processes, one per thread speaking at the same time."""

    def __init__(self) -> None:
        self.idle: list[_Speaker] = []
        self.lock = threading.Lock()

    def speak(self, voice: str, speed: int, text: str, timeout: float) -> Pcm:
        with self.lock:
            speaker = self.idle.pop() if self.idle else None
        if speaker is None:
            speaker = _Speaker()
        try:
            return speaker.speak(voice, speed, text, timeout)
        except DubbingError:
            raise  # a timeout or a broken pipe has killed the speaker; a refused line has not
        except BaseException:
            speaker.kill()  # interrupted halfway through an answer: the pipe cannot be trusted
            raise
        finally:
            if not speaker.killed:
                with self.lock:
                    self.idle.append(speaker)

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for speaker in idle:
            speaker.close()


class EspeakEngine(SpeechEngine):
    """espeak-ng (Debian package espeak-ng), at ``speed`` words per minute (its default is 175).

    By default lines are spoken by libespeak-ng (installed with the program) in long-lived helper
    processes, one per thread speaking at once, each forking a child per line from the freshly loaded
    library: the same samples as the ``espeak-ng`` program gives, without starting it for every line.
    ``library=False``, or a ``program`` other than ``espeak-ng``, runs the program once per line; with
    ``library=None`` (the default) the program is also the fallback when the library cannot start.
    """

    name = "espeak-ng"

    def __init__(
        self,
        program: str = "espeak-ng",
        *,
        speed: int = 175,
        variants: tuple[str, ...] = (),
        library: bool | None = None,
    ) -> None:
        if not 80 <= speed <= 450:
            raise DubbingError(f"espeak-ng speed must be 80–450 words per minute, got {speed}")
        self.program = program
        self.speed = speed
        self.variants = variants or ESPEAK_VARIANTS
        self.library = library if program == "espeak-ng" and hasattr(os, "fork") else False
        self._speakers: _Speakers | None = None
        self._lock = threading.Lock()

    def check(self) -> None:
        find_program(self.program)

    def voices(self, lang: Language) -> list[str]:
        return [f"{lang.espeak_voice}+{variant}" for variant in self.variants]

    def close(self) -> None:
        """Stop the helper processes (they also stop when this engine is garbage-collected)."""
        if self._speakers is not None:
            self._speakers.close()

    def _library_speakers(self) -> _Speakers | None:
        if self.library is False:
            return None
        with self._lock:
            if self._speakers is None:
                speakers = _Speakers()
                try:
                    speakers.idle.append(_Speaker())  # the first one says whether the library works
                except (DubbingError, OSError):
                    if self.library:
                        raise
                    self.library = False
                    return None
                self._speakers = speakers
                weakref.finalize(self, speakers.close)
            return self._speakers

    def synthesize(self, text: str, lang: Language, voice: str, *, timeout: float = DEFAULT_TIMEOUT) -> Pcm:
        spoken = " ".join(text.split())
        speakers = self._library_speakers()
        if speakers is not None:
            return speakers.speak(voice, self.speed, spoken, timeout)
        out = run_tool(
            [self.program, "-v", voice, "-s", str(self.speed), "--stdout", "--stdin"],
            input=spoken.encode("utf-8"),
            timeout=timeout,
            what="espeak-ng",
        )
        return parse_wav(out)


class CommandEngine(SpeechEngine):
    """Any command-line TTS, given as a command template (run without a shell).

    Placeholders: ``{text}`` (the line as one argument), ``{text_file}`` (a UTF-8 file holding it),
    ``{out}`` (a WAV file the command writes), ``{lang}`` and ``{voice}``. Without ``{text}`` or
    ``{text_file}`` the text goes to standard input; without ``{out}`` the WAV is read from standard
    output. Example: ``"espeak-ng -v {lang} -w {out} {text}"``.
    """

    name = "command"
    _FIELDS = ("{text}", "{text_file}", "{out}", "{lang}", "{voice}")

    def __init__(
        self, template: str, *, voices: list[str] | None = None, scripts: dict[str, str] | None = None
    ):
        try:
            self.args = shlex.split(template)
        except ValueError as exc:
            raise DubbingError(f"cannot parse the command template: {exc}") from None
        if not self.args:
            raise DubbingError("the command template is empty")
        self.template = template
        self._voices = voices or ["default"]
        self._scripts = scripts or {}

    def check(self) -> None:
        if "/" not in self.args[0]:
            find_program(self.args[0])
        elif not Path(self.args[0]).exists():
            raise DubbingError(f"the TTS program {self.args[0]} does not exist")

    def script_for(self, lang: Language) -> str:
        return self._scripts.get(lang.code, lang.engine_script)

    def scripts(self, lang: Language) -> tuple[str, ...]:
        # a language given a script reads that one; any other is read in the script it is asked for
        if lang.code in self._scripts:
            return (self._scripts[lang.code],)
        own = lang.engine_script
        return (own, "Latn" if own == "Cyrl" else "Cyrl")

    def voices(self, lang: Language) -> list[str]:
        return list(self._voices)

    def synthesize(self, text: str, lang: Language, voice: str, *, timeout: float = DEFAULT_TIMEOUT) -> Pcm:
        spoken = " ".join(text.split())
        with tempfile.TemporaryDirectory(prefix="korkyt-tts-") as tmp:
            out_path = Path(tmp) / "line.wav"
            text_path = Path(tmp) / "line.txt"
            text_path.write_text(spoken, encoding="utf-8")
            values = {
                "{text}": spoken,
                "{text_file}": str(text_path),
                "{out}": str(out_path),
                "{lang}": lang.code,
                "{voice}": voice,
            }
            args = []
            for arg in self.args:
                for key, value in values.items():
                    arg = arg.replace(key, value)
                args.append(arg)
            uses_text = any(f in self.template for f in ("{text}", "{text_file}"))
            stdout = run_tool(
                args,
                input=None if uses_text else (spoken + "\n").encode("utf-8"),
                timeout=timeout,
                what=Path(self.args[0]).name,
            )
            if "{out}" in self.template:
                if not out_path.exists():
                    raise DubbingError(f"{Path(self.args[0]).name} wrote no audio file")
                return parse_wav(out_path.read_bytes())
            return parse_wav(stdout)


class PiperEngine(SpeechEngine):
    """Piper with a local voice model (``voice.onnx`` and its ``voice.onnx.json`` config).

    Runs ``piper --model MODEL --config CONFIG --output_file OUT [--speaker N]`` with the line on
    standard input. Multi-speaker models give one voice per speaker id.
    """

    name = "piper"

    def __init__(
        self, model: str | Path, *, program: str = "piper", config: str | Path | None = None
    ) -> None:
        self.model = Path(model)
        if not self.model.is_file():
            raise DubbingError(f"Piper voice model {self.model} does not exist (no models are downloaded)")
        self.config = Path(config) if config else self.model.with_name(self.model.name + ".json")
        if not self.config.is_file():
            raise DubbingError(f"Piper voice config {self.config} does not exist next to the model")
        try:
            meta = json.loads(self.config.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DubbingError(f"cannot read the Piper voice config {self.config}: {exc}") from None
        self.num_speakers = int(meta.get("num_speakers", 1) or 1)
        language = meta.get("language", {})
        self.model_language = str(language.get("code", "")) if isinstance(language, dict) else ""
        self.program = program

    def check(self) -> None:
        if "/" not in self.program:
            find_program(self.program)

    def voices(self, lang: Language) -> list[str]:
        if self.model_language and not self.model_language.lower().startswith(lang.code):
            raise DubbingError(f"the Piper voice model speaks {self.model_language}, not {lang.code}")
        return [str(i) for i in range(self.num_speakers)]

    def synthesize(self, text: str, lang: Language, voice: str, *, timeout: float = DEFAULT_TIMEOUT) -> Pcm:
        spoken = " ".join(text.split())
        with tempfile.TemporaryDirectory(prefix="korkyt-piper-") as tmp:
            out_path = Path(tmp) / "line.wav"
            args = [self.program, "--model", str(self.model), "--config", str(self.config)]
            args += ["--output_file", str(out_path)]
            if self.num_speakers > 1:
                args += ["--speaker", voice]
            run_tool(args, input=(spoken + "\n").encode("utf-8"), timeout=timeout, what="piper")
            if not out_path.exists():
                raise DubbingError("piper wrote no audio file")
            return parse_wav(out_path.read_bytes())


def make_engine(
    name: str = "espeak",
    *,
    command: str | None = None,
    model: str | Path | None = None,
    program: str | None = None,
) -> SpeechEngine:
    """Build an engine by name: ``espeak`` (default), ``piper`` (needs ``model``) or ``command``."""
    key = name.lower()
    if key in ("espeak", "espeak-ng"):
        return EspeakEngine(program or "espeak-ng")
    if key == "piper":
        if model is None:
            raise DubbingError("the piper engine needs a local voice model path (--piper-model)")
        return PiperEngine(model, program=program or "piper")
    if key == "command":
        if not command:
            raise DubbingError("the command engine needs a command template (--engine-command)")
        return CommandEngine(command)
    raise DubbingError(f"unknown speech engine {name!r}; use espeak, piper or command")
