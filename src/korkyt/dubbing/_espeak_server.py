"""A long-lived espeak-ng speaker: libespeak-ng loaded once, one forked child per line.

Run as ``python -m korkyt.dubbing._espeak_server`` by :class:`korkyt.dubbing.engines.EspeakEngine`;
it speaks the lines written to its standard input. Starting the ``espeak-ng`` program costs more than
speaking a short line (loading the program, its phoneme data and the language's dictionary), so this
process loads them once. Each line is spoken in a child forked from the freshly initialised library:
libespeak-ng keeps state from one utterance to the next (pitch flutter, wave phase), so a line spoken
after others would differ from the same line spoken by the ``espeak-ng`` program; a fork starts every
line from the same state, and the samples are the program's, byte for byte.

Protocol (all integers little-endian, unsigned 32 bits):

- on start: ``b"KORKYT-ESPEAK1"`` and the sample rate;
- request: length, then that many bytes of JSON ``{"voice": str, "speed": int, "text": str}``;
- answer: ``b"OK"``, length, 16-bit mono PCM; or ``b"ER"``, length, a UTF-8 message.

Standard library only; nothing from korkyt is imported (the parent may be any Python).
"""

from __future__ import annotations

import ctypes
import json
import os
import struct
import sys

MAGIC = b"KORKYT-ESPEAK1"
LIBRARY = "libespeak-ng.so.1"
_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS
_RATE = 1  # espeakRATE
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000  # the espeak-ng program's pause at the end of the text

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


def _read_exact(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, size)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _frame(kind: bytes, body: bytes) -> bytes:
    return kind + struct.pack("<I", len(body)) + body


class _Speaker:
    def __init__(self) -> None:
        lib = ctypes.CDLL(LIBRARY)
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        self.lib = lib
        self.rate = int(lib.espeak_Initialize(_SYNCHRONOUS, 0, None, 0))
        if self.rate <= 0:
            raise OSError("libespeak-ng could not be initialised (espeak-ng-data missing?)")
        self.chunks: list[bytes] = []
        self.callback = _CALLBACK(self._collect)
        lib.espeak_SetSynthCallback(self.callback)

    def _collect(self, wav: ctypes.Array[ctypes.c_short], count: int, events: int) -> int:
        if count > 0:
            self.chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def speak(self, voice: str, speed: int, text: str) -> bytes:
        if self.lib.espeak_SetVoiceByName(voice.encode("utf-8")) != 0:
            raise ValueError(f"espeak-ng has no voice {voice!r}")
        self.lib.espeak_SetParameter(_RATE, speed, 0)
        data = text.encode("utf-8") + b"\0"
        self.chunks.clear()
        flags = _CHARS_UTF8 | _ENDPAUSE
        status = self.lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, flags, None, None)
        if status != 0:
            raise ValueError(f"espeak-ng could not speak the line (status {status})")
        self.lib.espeak_Synchronize()
        return b"".join(self.chunks)


def _answer(speaker: _Speaker, request: dict[str, object]) -> bytes:
    voice, speed, text = str(request["voice"]), int(str(request["speed"])), str(request["text"])
    # This process never speaks nor selects a voice: every child starts from the state right after
    # initialisation, as the espeak-ng program does (voices selected here left state behind that
    # changed what later children said).
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: speak from the parent's fresh state, hand the frame over, leave
        os.close(read_end)
        try:
            frame = _frame(b"OK", speaker.speak(voice, speed, text))
        except Exception as exc:  # every failure becomes a message for the caller
            frame = _frame(b"ER", str(exc).encode("utf-8"))
        _write_all(write_end, frame)
        os._exit(0)
    os.close(write_end)
    parts = []
    while chunk := os.read(read_end, 1 << 16):
        parts.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    frame = b"".join(parts)
    if status != 0 or len(frame) < 6 or len(frame) != 6 + struct.unpack("<I", frame[2:6])[0]:
        return _frame(b"ER", f"espeak-ng stopped while speaking (wait status {status})".encode())
    return frame


def main() -> int:
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    speaker = _Speaker()
    _write_all(stdout, MAGIC + struct.pack("<I", speaker.rate))
    while True:
        try:
            (size,) = struct.unpack("<I", _read_exact(stdin, 4))
            request = json.loads(_read_exact(stdin, size))
        except EOFError:
            return 0
        _write_all(stdout, _answer(speaker, request))


if __name__ == "__main__":
    sys.exit(main())
