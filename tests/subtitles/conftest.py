"""Shared helpers for the subtitles tests."""

from __future__ import annotations

from korkyt.subtitles import Cue, Document


def make(*cues: tuple[int, int, str]) -> Document:
    """A document from (start_ms, end_ms, text) triples."""
    return Document(cues=[Cue(s, e, t) for s, e, t in cues])
