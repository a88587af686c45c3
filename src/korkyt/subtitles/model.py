"""The document model: :class:`Cue` and :class:`Document`.

``Cue.text`` is plain text with ``"\\n"`` between lines and a small neutral inline markup: ``<i>``,
``<b>`` and ``<u>`` with their closing tags. Each reader maps its format's styling onto these three and each
writer maps them back (SRT keeps them as they are, WebVTT keeps them and escapes the rest, ASS writes
``{\\i1}``/``{\\i0}``, TTML and DCP write style attributes). Anything else in angle brackets is reported by
the ``layout.unknown-tag`` check and dropped by writers of formats that cannot carry it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

#: Largest time accepted anywhere: 99:59:59.999, the range of a two-digit-hour timestamp.
MAX_TIME_MS = 100 * 3_600_000 - 1
#: The frame rates accepted anywhere (given or declared), in frames per second: at least 1, below 1000.
MIN_FPS, MAX_FPS = 1.0, 1000.0


@dataclass(slots=True)
class Cue:
    """One subtitle: when it is shown (milliseconds) and what it says."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str | None = None
    style: str | None = None
    #: Index of the event this cue was read from in its ASS/SSA file (``Document.original``), so that
    #: writing the document back keeps what the neutral text cannot hold; ``None`` for other cues.
    origin: int | None = field(default=None, compare=False, repr=False)

    @property
    def duration_ms(self) -> int:
        """Display time in milliseconds (negative when the cue is malformed)."""
        return self.end_ms - self.start_ms

    def copy(self, **changes: object) -> Cue:
        """A copy of this cue with the given fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(slots=True)
class Document:
    """A subtitle file: its cues in file order and what was learned while reading it.

    ``format`` is the format identifier it was read from (``"srt"``, ``"vtt"`` ...), ``encoding`` the
    encoding it was decoded from (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16-le"``, ``"cp1251"`` ...),
    ``fps`` the frame rate when the format carries or needed one. ``original`` is the parsed file when it
    was read from ASS/SSA (a ``pysubs2.SSAFile``): its script info, styles, comments, drawings and override
    tags are written again when the document is written back as ASS/SSA.
    """

    cues: list[Cue] = field(default_factory=list)
    format: str = "srt"
    encoding: str = "utf-8"
    fps: float | None = None
    language: str | None = None
    title: str | None = None
    original: object | None = field(default=None, compare=False, repr=False)

    def copy(self, cues: list[Cue] | None = None) -> Document:
        """A deep copy (cues copied too), optionally with another cue list."""
        return Document(
            cues=[c.copy() for c in self.cues] if cues is None else cues,
            format=self.format,
            encoding=self.encoding,
            fps=self.fps,
            language=self.language,
            title=self.title,
            original=self.original,
        )

    def __len__(self) -> int:
        return len(self.cues)
