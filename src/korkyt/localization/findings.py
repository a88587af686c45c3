"""Check findings as people read them: korkyt.subtitles returns a stable code per finding (with an English
message for the command line); the workbench shows the code's meaning in the interface language.

English pages keep the package's detailed message (it names the measured value); the other languages show
the translated meaning of the code, so no English is left on a Kazakh or Turkish page.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SEVERITY_LABELS: dict[str, Promise] = {
    "error": _("Error"),
    "warning": _("Warning"),
    "info": _("Note"),
}

CODE_TEXT: dict[str, Promise] = {
    "timing.overlap": _("The cue starts before the previous one ends."),
    "timing.out-of-order": _("The cue starts before the previous cue starts."),
    "timing.non-positive-duration": _("The cue ends at or before its start."),
    "timing.too-short": _("The cue is shown for less than the minimum duration."),
    "timing.too-long": _("The cue is shown for longer than the maximum duration."),
    "timing.gap-too-small": _("The gap to the next cue is shorter than the minimum gap."),
    "timing.chain-gap": _("A short gap between cues flickers; close it to the minimum gap."),
    "timing.reading-speed": _("More characters per second than the profile allows."),
    "layout.line-too-long": _("A line has more characters than the profile allows."),
    "layout.too-many-lines": _("The cue has more lines than the profile allows."),
    "layout.empty": _("The cue has no visible text."),
    "layout.whitespace": _("Spaces at the start or end, doubled spaces or blank lines."),
    "layout.unbalanced-tag": _(
        "An italic, bold or underline tag is not closed, or closed without being opened."
    ),
    "layout.unknown-tag": _("A formatting tag other than italic, bold or underline."),
    "turkic.unavailable": _("The Turkic spelling checks were skipped."),
    "turkic.mixed-script": _("A word mixes Latin and Cyrillic letters."),
    "turkic.foreign-letter": _("A letter that this language's alphabet does not use."),
    "turkic.mojibake": _("Garbled characters: the file was probably read in the wrong encoding."),
    "turkic.combining-dot-i": _("A dotted i written with a combining dot instead of its own letter."),
    "turkic.kk-i-variant": _("The Kazakh letter і is written with a look-alike character."),
    "turkic.uz-apostrophe": _("The Uzbek oʻ and gʻ use a wrong apostrophe."),
    "turkic.missing-letters": _(
        "None of the Kazakh letters (ә ғ қ ң ө ұ ү һ і) in the whole text: typed on a Russian keyboard?"
    ),
    "turkic.uz-missing-mark": _("An Uzbek word is written without the mark of its oʻ or gʻ."),
    "script.cyrillic-in-latin": _("Cyrillic text in a Latin-script cue: most of its letters are Cyrillic."),
    "script.latin-in-cyrillic": _("Latin text in a Cyrillic-script cue: most of its letters are Latin."),
    "script.arabic-in-latin": _("Arabic-script text in a Latin-script cue: most of its letters are Arabic."),
    "script.arabic-in-cyrillic": _(
        "Arabic-script text in a Cyrillic-script cue: most of its letters are Arabic."
    ),
    "script.document-cyrillic-in-latin": _(
        "The text is in Cyrillic, but its language is declared in Latin script: is the right language chosen?"
    ),
    "script.document-latin-in-cyrillic": _(
        "The text is in Latin script, but its language is declared in Cyrillic: is the right language chosen?"
    ),
    "script.document-arabic-in-latin": _(
        "The text is in Arabic script, but its language is declared in Latin script: is the right language "
        "chosen?"
    ),
    "script.document-arabic-in-cyrillic": _(
        "The text is in Arabic script, but its language is declared in Cyrillic: is the right language "
        "chosen?"
    ),
    "source.cue-count": _("The translation has a different number of cues than the source."),
    "source.timing-drift": _("The cue's timing differs from its source cue."),
    "source.unmatched": _("No source cue overlaps this cue in time."),
    "source.untranslated": _("The cue text is the same as the source text."),
    "source.numbers": _("Numbers differ between the cue and its source."),
    "source.glossary": _("A glossary term in the source is not rendered as agreed."),
}
OTHER_TURKIC = _("The spelling of this cue needs a look.")
OTHER = _("The check found a problem in this cue.")


def finding_text(finding: dict[str, Any]) -> str:
    """What the finding says, in the active interface language."""
    code = str(finding.get("code") or "")
    if (translation.get_language() or "en").split("-")[0] == "en" and finding.get("message"):
        return str(finding["message"])
    text = CODE_TEXT.get(code) or (OTHER_TURKIC if code.startswith("turkic.") else OTHER)
    return str(text)


def localized(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of the findings whose ``message`` is in the interface language, with ``severity_label``."""
    return [
        {
            **f,
            "message": finding_text(f),
            "severity_label": str(SEVERITY_LABELS.get(str(f.get("severity")), f.get("severity") or "")),
        }
        for f in findings
    ]


def summary_labels(summary: dict[str, int]) -> list[tuple[str, str, int]]:
    """``(severity, label, count)`` for a check summary, errors first."""
    order = [s for s in SEVERITY_LABELS if s in summary] + [s for s in summary if s not in SEVERITY_LABELS]
    return [(s, str(SEVERITY_LABELS.get(s, s)), int(summary[s])) for s in order]


def code_label(code: str) -> str:
    """A check's code as people read it (the meaning of its findings), in the interface language."""
    text = CODE_TEXT.get(code) or (OTHER_TURKIC if code.startswith("turkic.") else None)
    return str(text) if text is not None else code


def severity_counts(errors: int, warnings: int, infos: int | None = None) -> list[str]:
    """ "1 error", "2 warnings" (and the notes when given), each with its plural form."""
    counts = [
        ngettext("%(n)s error", "%(n)s errors", errors) % {"n": errors},
        ngettext("%(n)s warning", "%(n)s warnings", warnings) % {"n": warnings},
    ]
    if infos is not None:
        counts.append(ngettext("%(n)s note", "%(n)s notes", infos) % {"n": infos})
    return counts


def check_summary_text(summary: dict[str, Any]) -> str:
    """The sentence of a whole-job check: "1 error, 2 warnings and 0 notes, in 3 of 8 translated cues." """
    errors, warnings, notes = severity_counts(
        int(summary.get("errors", 0)), int(summary.get("warnings", 0)), int(summary.get("infos", 0))
    )
    checked = int(summary.get("checked", 0))
    sentence = ngettext(
        "%(errors)s, %(warnings)s and %(notes)s, in %(cues)s of %(checked)s translated cue.",
        "%(errors)s, %(warnings)s and %(notes)s, in %(cues)s of %(checked)s translated cues.",
        checked,
    )
    counts = {"errors": errors, "warnings": warnings, "notes": notes}
    return sentence % {**counts, "cues": summary.get("cues", 0), "checked": checked}


def check_code_counts(summary: dict[str, Any]) -> list[tuple[str, str, int]]:
    """``(code, label, count)`` of each check that found something, as the summary counted them."""
    codes = summary.get("codes") or {}
    return [(code, code_label(code), int(n)) for code, n in codes.items()]
