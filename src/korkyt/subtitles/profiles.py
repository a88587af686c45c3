"""Profiles: the limits the checks apply. Values and their reasons are in docs/subtitle-profiles.md."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

from .errors import ProfileError


@dataclass(frozen=True, slots=True)
class Profile:
    """Limits for :func:`korkyt.subtitles.check`.

    Each limit is in the unit its standard states: ``min_gap_frames`` in frames (Netflix: "2 frames
    minimum, regardless of frame rate"), durations and ``chain_gap_ms`` in milliseconds (5/6 s, 7 s, half
    a second). Durations and gaps are measured in whole frames of the video's frame rate (the document's,
    or the one given to :func:`check`, else ``fps``), so a limit in time becomes the nearest number of
    frames. ``max_cps`` counts visible characters (spaces included, tags and line breaks not, a letter
    with its combining marks once) per second of display. ``chain_gap_ms``: gaps this short or shorter
    are a flicker and should be closed to the minimum gap (a "chained" pair). ``lang``/``script`` are the
    defaults used by the Turkic checks when the caller gives none.
    """

    name: str
    max_chars_per_line: int = 42
    max_lines: int = 2
    min_duration_ms: int = 833
    max_duration_ms: int = 7000
    min_gap_frames: int = 2
    chain_gap_ms: int = 500
    max_cps: float = 17.0
    fps: float = 24.0
    source_drift_ms: int = 1000
    lang: str | None = None
    script: str | None = None
    description: str = ""

    def at(self, fps: float | None = None) -> FrameLimits:
        """The timing limits in frames at a frame rate (``None``: the profile's ``fps``)."""
        rate = fps if fps and math.isfinite(fps) and fps > 0 else self.fps
        return FrameLimits(
            fps=rate,
            min_duration=round(self.min_duration_ms * rate / 1000),
            max_duration=round(self.max_duration_ms * rate / 1000),
            min_gap=self.min_gap_frames,
            chain_gap=round(self.chain_gap_ms * rate / 1000),
        )

    def with_(self, **changes: object) -> Profile:
        """A copy with some limits changed (unknown names raise :class:`ProfileError`)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ProfileError(f"unknown profile field(s) {sorted(unknown)}; known: {sorted(known)}")
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class FrameLimits:
    """A profile's duration and gap limits in whole frames of one frame rate.

    Times in milliseconds are compared as frames (``frames(ms)``, rounded to the nearest frame): subtitle
    times are frame positions rounded to milliseconds, so a 2-frame gap is 83 ms at 24 fps, 80 ms at 25
    and 67 ms at 29.97, and each of them is 2 frames.
    """

    fps: float
    min_duration: int
    max_duration: int
    min_gap: int
    chain_gap: int

    def frames(self, ms: int) -> int:
        """Whole frames in ``ms`` milliseconds."""
        return round(ms * self.fps / 1000)

    def ms(self, frames: int) -> int:
        """Milliseconds of ``frames`` frames, rounded."""
        return round(frames * 1000 / self.fps)


_NETFLIX = Profile(
    name="netflix-adult",
    description=(
        "Netflix general timed-text style: 42 chars/line, 2 lines, 17 chars/s, 5/6 s to 7 s, 2-frame gaps."
    ),
)

PROFILES: dict[str, Profile] = {
    "netflix-adult": _NETFLIX,
    "netflix-children": _NETFLIX.with_(
        name="netflix-children",
        max_cps=13.0,
        description="Netflix children's programmes: as adult but 13 chars/s.",
    ),
    "festival-dcp": Profile(
        name="festival-dcp",
        max_chars_per_line=40,
        max_lines=2,
        min_duration_ms=1000,
        max_duration_ms=7000,
        min_gap_frames=2,
        chain_gap_ms=500,
        max_cps=15.0,
        fps=24.0,
        description="Cinema projection of foreign-language films: 40 chars/line, 15 chars/s, 1 s minimum.",
    ),
    "kk": _NETFLIX.with_(name="kk", lang="kk", script="Cyrl", description="Kazakh (Cyrillic by default)."),
    "az": _NETFLIX.with_(name="az", lang="az", script="Latn", description="Azerbaijani (Latin)."),
    "ky": _NETFLIX.with_(name="ky", lang="ky", script="Cyrl", description="Kyrgyz (Cyrillic)."),
    "tk": _NETFLIX.with_(name="tk", lang="tk", script="Latn", description="Turkmen (Latin)."),
    "tr": _NETFLIX.with_(
        name="tr", lang="tr", script="Latn", description="Turkish (Netflix Turkish values)."
    ),
    "uz": _NETFLIX.with_(
        name="uz",
        lang="uz",
        script="Latn",
        max_chars_per_line=44,
        max_cps=18.0,
        description="Uzbek (Latin): 44 chars/line, 18 chars/s: sh ch ng oʻ gʻ spell one sound with two.",
    ),
    "ru": _NETFLIX.with_(
        name="ru", lang="ru", script="Cyrl", description="Russian (Netflix Russian values)."
    ),
    "en": _NETFLIX.with_(
        name="en",
        lang="en",
        script="Latn",
        max_cps=20.0,
        description="English (Netflix English template: 20 chars/s).",
    ),
}


def get_profile(profile: str | Profile | None) -> Profile:
    """A profile by name (or the given :class:`Profile`); ``None`` gives netflix-adult."""
    if profile is None:
        return PROFILES["netflix-adult"]
    if isinstance(profile, Profile):
        return profile
    try:
        return PROFILES[profile.lower()]
    except KeyError:
        raise ProfileError(f"unknown profile {profile!r}; known: {', '.join(PROFILES)}") from None
