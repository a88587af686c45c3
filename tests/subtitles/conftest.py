"""Shared helpers for the subtitles tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from korkyt.subtitles import Cue, Document


def make(*cues: tuple[int, int, str]) -> Document:
    """A document from (start_ms, end_ms, text) triples."""
    return Document(cues=[Cue(s, e, t) for s, e, t in cues])


@dataclass
class FakeLintFinding:
    code: str
    start: int
    end: int
    message: str
    suggestion: str | None
    safe: bool


def _fake_lint(text: str, lang: str, script: str) -> list[FakeLintFinding]:
    """A stand-in for korkyt.translit.lint with the same signature and result shape.

    It flags Latin 'a'/'o' inside Cyrillic words (safe fix to Cyrillic) and, for uz, the ASCII apostrophe
    in o'/g' (safe fix to U+02BB).
    """
    out = []
    for m in re.finditer(r"\w+", text):
        word = m.group(0)
        if re.search(r"[\u0400-\u04ff]", word) and re.search(r"[ao]", word):
            fixed = word.replace("a", "а").replace("o", "о")
            out.append(
                FakeLintFinding(
                    "mixed-script", m.start(), m.end(), "Latin letters in a Cyrillic word", fixed, True
                )
            )
    if lang == "uz":
        for m in re.finditer(r"([oOgG])'", text):
            out.append(
                FakeLintFinding("uz-apostrophe", m.start(), m.end(), "use ʻ (U+02BB)", m.group(1) + "ʻ", True)
            )
    return out


@pytest.fixture
def fake_translit(monkeypatch):
    """Replace korkyt.translit by a small fake with the agreed lint/transliterate signatures."""
    from korkyt.subtitles import _translit

    fake = SimpleNamespace(
        lint=_fake_lint,
        transliterate=lambda text, lang, target, scheme=None: (
            text.upper() if target == "Latn" else text.lower()
        ),
    )
    monkeypatch.setattr(_translit, "module", lambda: fake)
    return fake
