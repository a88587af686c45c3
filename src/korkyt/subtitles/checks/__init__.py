"""Quality checks: :func:`check` runs them all under a :class:`~korkyt.subtitles.Profile`."""

from __future__ import annotations

from ..errors import SubtitleError
from ..model import Document
from ..profiles import Profile, get_profile
from .findings import CODES, ERROR, INFO, SEVERITIES, WARNING, Finding
from .layout import check_layout
from .report import Report
from .script import check_script
from .source import Glossary, check_source
from .timing import check_timing
from .turkic import check_turkic

__all__ = ["CODES", "ERROR", "INFO", "SEVERITIES", "WARNING", "Finding", "Glossary", "Report", "check"]


def check(
    doc: Document,
    profile: str | Profile | None = "netflix-adult",
    lang: str | None = None,
    script: str | None = None,
    source: Document | None = None,
    glossary: Glossary | None = None,
    fps: float | None = None,
    *,
    script_by_cue: bool = False,
) -> Report:
    """Check a document against a profile; return a :class:`Report`.

    ``lang``/``script`` enable the Turkic checks (default: the profile's language, if it has one; the
    script is guessed from the text when not given). ``source`` (the original-language document) enables
    the translation checks and ``glossary`` the terminology check (see :mod:`.source`; the documents'
    ``language``, else ``lang`` for the translation, decides whether terms may carry suffixes). Durations and
    gaps are counted in frames of ``fps`` (default: the document's frame rate, else the profile's).

    The script check (``script.*``) compares the letters with the declared script (``script``, else the
    profile's when it is the profile of ``lang``; never a guessed one): a document mostly in another script
    is one document-level finding, unless ``script_by_cue`` asks for a finding on every such cue (an editor
    that checks a few cues at a time).
    """
    if glossary and source is None:
        raise SubtitleError("the glossary check compares each cue with its source cue: pass source= too")
    p = get_profile(profile)
    cues = doc.cues
    findings = check_timing(cues, p, fps or doc.fps)
    findings += check_layout(cues, p)
    lang = lang or p.lang
    declared = script or (p.script if lang and p.lang == lang else None)
    if lang:
        findings += check_turkic(cues, lang, declared)
    findings += check_script(cues, declared, by_cue=script_by_cue)
    if source is not None:
        findings += check_source(
            cues, source.cues, p, glossary, source_lang=source.language, target_lang=doc.language or lang
        )
    findings.sort(
        key=lambda f: (f.time_ms if f.time_ms is not None else -1, f.cue if f.cue is not None else -1)
    )
    return Report(
        findings=findings,
        profile=p,
        cue_count=len(cues),
        duration_ms=max((c.end_ms for c in cues), default=0),
        cues=cues,
    )
