"""Why an uploaded file cannot be read, in the reader's language.

``korkyt.subtitles`` gives the errors a person can meet with a stable code and parameters
(:data:`korkyt.subtitles.errors.CODES`) beside its English message, which the command line keeps; this
module holds one translatable template per code. An error without a code is shown with its English
message. The same for TMX and TBX files (:func:`xml_file_reason`, the codes of
:data:`korkyt.mt.memory.xmlfiles.CODES`).
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from korkyt.core.numbers import decimal
from korkyt.mt.memory.xmlfiles import CODES as XML_CODES
from korkyt.subtitles.errors import CODES, SubtitleError

SUBTITLE_TEMPLATES: dict[str, Promise] = {
    "encoding.binary": _(
        "the file contains NUL bytes and is not UTF-16 or UTF-8: it looks like binary data, not a "
        "subtitle file"
    ),
    "encoding.nul": _("the text contains NUL characters: it is binary data or in the wrong encoding"),
    "encoding.damaged_utf8": _(
        "the file is UTF-8 except for some invalid bytes (%(count)s), the first at line %(line)s "
        "(%(byte)s); repair those bytes, or save the file as UTF-8 again"
    ),
    "encoding.truncated": _(
        "the file starts like %(encoding)s but byte %(offset)s is not valid %(encoding)s; the file may be "
        "truncated or damaged"
    ),
    "encoding.unsupported": _(
        "the file is not UTF-8, UTF-16 or a supported code page (CP1251, CP1254, KOI8-R); save it as UTF-8"
    ),
    "encoding.legacy_mismatch": _(
        "the file looks like %(encoding)s but byte %(offset)s is not valid in it; save it as UTF-8"
    ),
    "parse.time_over_60": _("invalid time %(time)s: minutes and seconds must be below 60"),
    "parse.time_beyond_max": _("the time %(time)s is beyond the supported maximum 99:59:59.999"),
    "parse.no_timing": _("no timing line found; expected lines like '%(example)s'"),
    "parse.expected_number_or_timing": _("expected a cue number or a timing line, found '%(found)s'"),
    "parse.expected_timing": _("expected a cue timing line like '%(example)s', found '%(found)s'"),
    "parse.malformed_timing": _(
        "malformed timing line '%(found)s'; expected a timing line like '%(example)s'"
    ),
    "parse.truncated": _("expected a complete timing line like '%(example)s' (the file may be truncated)"),
    "parse.vtt_header": _("the first line must be 'WEBVTT'"),
}
assert set(SUBTITLE_TEMPLATES) == set(CODES), set(CODES) ^ set(SUBTITLE_TEMPLATES)

FORMAT_NAMES = {"srt": "SRT", "vtt": "WebVTT"}


def _fill(template: Promise, params: dict[str, Any]) -> str:
    """The template in the active language with its parameters; a fractional number (a size in MB) is
    written as the language writes numbers."""
    shown = {
        key: decimal(value, places=0 if value == int(value) else 1) if isinstance(value, float) else value
        for key, value in params.items()
    }
    return str(template) % shown


def subtitle_reason(exc: SubtitleError) -> str:
    """What ``exc`` says, in the active language when it has a code (its line number kept)."""
    template = SUBTITLE_TEMPLATES.get(exc.code or "")
    if template is None:
        return str(exc)
    params = exc.params
    text = str(template) % params
    line = params.get("line")
    if line is None:
        return text
    fmt = str(params.get("format") or "")
    if not fmt:
        return gettext("line %(line)s: %(reason)s") % {"line": line, "reason": text}
    return gettext("%(format)s line %(line)s: %(reason)s") % {
        "format": FORMAT_NAMES.get(fmt, fmt.upper()),
        "line": line,
        "reason": text,
    }


# TMX and TBX files (korkyt.mt.memory): its FileFormatError carries a code for the problems a person can
# meet with an uploaded file, those of the whole file and those inside a translation unit or a concept.

XML_FILE_TEMPLATES: dict[str, Promise] = {
    "not_xml": _("not well-formed XML at line %(line)s, column %(column)s"),
    "entities": _("the file declares XML entities, which are refused for safety"),
    "not_tmx": _("not a TMX file: its root element is <%(root)s>, not <tmx>"),
    "not_tbx": _("not a TBX file: its root element is <%(root)s>"),
    "no_body": _("the TMX file has no <body>"),
    "too_large": _("the file is larger than the limit of %(limit)s MB"),
    "tu_no_lang": _("translation unit %(unit)s: a <tuv> has no xml:lang"),
    "tu_bad_lang": _(
        "translation unit %(unit)s: '%(tag)s' is not a language tag (expected e.g. 'kk', 'kk-Latn', "
        "'uz-Cyrl')"
    ),
    "tu_no_seg": _("translation unit %(unit)s: the <tuv> for %(language)s has no <seg>"),
    "concept_no_lang": _("concept %(concept)s: a language section has no xml:lang"),
    "concept_bad_lang": _(
        "concept %(concept)s: '%(tag)s' is not a language tag (expected e.g. 'kk', 'kk-Latn', 'uz-Cyrl')"
    ),
    "concept_no_term": _("concept %(concept)s: a %(language)s term group has no <term>"),
}
assert set(XML_FILE_TEMPLATES) == set(XML_CODES), set(XML_CODES) ^ set(XML_FILE_TEMPLATES)


def xml_file_reason(exc: Exception) -> str:
    """Why a TMX or TBX file cannot be read, in the active language when the problem has a code."""
    template = XML_FILE_TEMPLATES.get(getattr(exc, "code", None) or "")
    if template is None:
        return str(exc)
    return _fill(template, dict(getattr(exc, "params", {})))
