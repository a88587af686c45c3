"""Findings, severities and the catalogue of check codes."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by :func:`korkyt.subtitles.check`.

    ``cue`` is the 0-based index of the cue in ``doc.cues`` (``None`` for document-level findings),
    ``code`` a stable identifier (see :data:`CODES`), ``suggestion`` a replacement text or an action when
    there is one, ``time_ms`` where the problem is on the timeline, ``fixable`` whether :func:`fix` can
    repair it safely.
    """

    cue: int | None
    code: str
    severity: str
    message: str
    suggestion: str | None = None
    time_ms: int | None = None
    fixable: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (for JSON)."""
        return asdict(self)


#: The letters of another script a cue (or a document) needs for a ``script.*`` finding (:mod:`.script`).
SCRIPT_MIN_LETTERS = 10

#: Every code, its default severity, whether ``fix`` repairs it, and what it means.
CODES: dict[str, tuple[str, bool, str]] = {
    "timing.overlap": (ERROR, True, "the cue starts before the previous one ends"),
    "timing.out-of-order": (ERROR, True, "the cue starts before the previous cue starts"),
    "timing.non-positive-duration": (ERROR, False, "the cue ends at or before its start"),
    "timing.too-short": (WARNING, False, "displayed for less than the profile's minimum duration"),
    "timing.too-long": (WARNING, False, "displayed for longer than the profile's maximum duration"),
    "timing.gap-too-small": (WARNING, True, "the gap to the next cue is shorter than the minimum gap"),
    "timing.chain-gap": (INFO, True, "a short gap (flicker) that should be closed to the minimum gap"),
    "timing.reading-speed": (WARNING, False, "more characters per second than the profile allows"),
    "layout.line-too-long": (WARNING, False, "a line has more characters than the profile allows"),
    "layout.too-many-lines": (WARNING, False, "more lines than the profile allows"),
    "layout.empty": (ERROR, True, "the cue has no visible text"),
    "layout.whitespace": (INFO, True, "leading, trailing, doubled whitespace or blank lines"),
    "layout.unbalanced-tag": (
        WARNING,
        True,
        "an <i>/<b>/<u> tag is not closed, or closed without being opened",
    ),
    "layout.unknown-tag": (WARNING, True, "a tag other than <i>, <b>, <u>"),
    "turkic.*": (
        WARNING,
        True,
        "from korkyt.translit.lint: mixed scripts, foreign letters, apostrophes, i casing",
    ),
    "turkic.unavailable": (INFO, False, "korkyt.translit is not installed: Turkic checks were skipped"),
    **{
        f"script.{where}{found}-in-{declared}": (
            WARNING,
            False,
            f"most letters of the {'document' if where else 'cue'} (and {SCRIPT_MIN_LETTERS} or more) are "
            f"{found}, not {declared} as declared",
        )
        for where in ("", "document-")
        for declared in ("latin", "cyrillic")
        for found in ("latin", "cyrillic", "arabic")
        if found != declared
    },
    "source.cue-count": (WARNING, False, "the translation has a different number of cues than the source"),
    "source.timing-drift": (WARNING, False, "the cue's timing differs from its source cue"),
    "source.unmatched": (WARNING, False, "no source cue overlaps this cue in time"),
    "source.untranslated": (WARNING, False, "the cue text is the same as the source text"),
    "source.numbers": (WARNING, False, "numbers differ between the cue and its source"),
    "source.glossary": (WARNING, False, "a glossary term in the source is not rendered as agreed"),
}
