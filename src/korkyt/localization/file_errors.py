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
    "file.too_large": _("the file is %(size)s MB; subtitle files over %(limit)s MB are refused"),
    "format.unknown": _(
        "the format could not be recognised (not SRT, WebVTT, ASS/SSA, TTML, DCP, MicroDVD or MPL2)"
    ),
    "parse.bad_number": _("a number in the file cannot be used"),
    "parse.too_deep": _("the document is nested too deeply to read"),
    "parse.time_out_of_range": _("time is beyond the supported maximum 99:59:59.999"),
    "parse.expected_line": _("expected '%(example)s', found '%(found)s'"),
    "microdvd.bad_fps": _("the declared frame rate '%(rate)s' is not valid"),
    "microdvd.no_fps": _(
        "the file counts frames and does not declare its frame rate: give the frame rate of its video"
    ),
    "ass.unreadable": _("the file could not be read; it is damaged or not in this format"),
    "ass.format_line": _("the %(section)s Format line has no %(fields)s field, so its lines cannot be read"),
    "xml.declaration": _(
        "the XML declares a %(declaration)s; documents with DTDs or entity declarations are refused (they "
        "can expand to gigabytes). Remove the declaration."
    ),
    "xml.not_well_formed": _("not well-formed XML"),
    "ttml.not_tt": _("the root element is <%(root)s>, expected <tt>"),
    "ttml.bad_rate": _("%(attribute)s '%(value)s' is not a finite positive number"),
    "ttml.bad_multiplier": _("ttp:frameRateMultiplier '%(value)s' is not two numbers such as '1000 1001'"),
    "ttml.unusable_multiplier": _("ttp:frameRateMultiplier '%(value)s' gives no usable frame rate"),
    "ttml.time_not_understood": _(
        "time expression '%(time)s' not understood; expected e.g. '00:00:01.500', '1.5s' or '36f'"
    ),
    "ttml.never_shown": _(
        '%(element)s follows, in a sequence (timeContainer="seq"), an element that never ends, so it is '
        "never shown; give that element an end or dur"
    ),
    "ttml.no_end": _(
        "%(element)s has no end (no end or dur on it, on its timed spans or on the div or body around it), "
        "so it cannot be placed in time; give it begin and end, or dur"
    ),
    "ttml.too_many_spans": _(
        "%(element)s holds more timed spans than can be read (the document is too large to place them)"
    ),
    "dcp.not_dcp": _("the root element <%(root)s> is neither <DCSubtitle> nor <SubtitleReel>"),
    "dcp.no_time": _("a <Subtitle> lacks TimeIn or TimeOut"),
    "dcp.time_not_understood": _("time '%(time)s' not understood; expected HH:MM:SS:FF"),
    "dcp.time_out_of_range": _("time '%(time)s' is out of range"),
    "dcp.bad_rate": _("TimeCodeRate '%(rate)s' is not a whole number"),
    "dcp.rate_out_of_range": _("TimeCodeRate must be a positive frame rate of at most 1000"),
    "write.ass_time_limit": _("%(name)s times stop at 9:59:59.99; this document reaches %(hours)s h"),
}
assert set(SUBTITLE_TEMPLATES) == set(CODES), set(CODES) ^ set(SUBTITLE_TEMPLATES)

FORMAT_NAMES = {
    "srt": "SRT",
    "vtt": "WebVTT",
    "ass": "ASS",
    "ssa": "SSA",
    "ttml": "TTML",
    "dcp": "DCP",
    "dcp-interop": "DCP Interop",
    "dcp-smpte": "DCP SMPTE",
    "microdvd": "MicroDVD",
    "mpl2": "MPL2",
}


def _fill(template: Promise, params: dict[str, Any]) -> str:
    """The template in the active language with its parameters; a fractional number (a size in MB) is
    written as the language writes numbers."""
    shown = {
        key: decimal(value, places=0 if value == int(value) else 1) if isinstance(value, float) else value
        for key, value in params.items()
    }
    return str(template) % shown


def subtitle_reason(exc: SubtitleError) -> str:
    """What ``exc`` says, in the active language when it has a code (its format and line number kept)."""
    template = SUBTITLE_TEMPLATES.get(exc.code or "")
    if template is None:
        return str(exc)
    params = exc.params
    text = _fill(template, params)
    line = params.get("line")
    fmt = str(params.get("format") or "")
    name = FORMAT_NAMES.get(fmt, fmt.upper())
    if line is None:
        return gettext("%(format)s: %(reason)s") % {"format": name, "reason": text} if fmt else text
    if not fmt:
        return gettext("line %(line)s: %(reason)s") % {"line": line, "reason": text}
    return gettext("%(format)s line %(line)s: %(reason)s") % {"format": name, "line": line, "reason": text}


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
