"""Why an uploaded subtitle file cannot be read is said in the reader's language: korkyt.subtitles gives
the error's code and parameters (its English message stays the command line's), the workbench holds one
translatable template per code and keeps the line number."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.localization.file_errors import SUBTITLE_TEMPLATES
from korkyt.subtitles import loads
from korkyt.subtitles.errors import CODES, SubtitleError
from tests.localization.conftest import KK_SRT
from tests.subtitles.test_error_codes import SAMPLES as SUBTITLE_SAMPLES

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6"
BAD_TIME = (
    "1\n00:00:01,000 --> 00:00:02,000\nБір\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nЕкі\n\n"
    "3\n99:99:99,999 --> 99:99:99,999\nҮш\n"
).encode()

SAMPLES = {
    "encoding.binary": PNG,
    "parse.time_over_60": BAD_TIME,
    "parse.time_beyond_max": b"1\n00:00:01,000 --> 123:00:00,000\nx\n",
    "parse.malformed_timing": b"1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:03,000 => 00:00:04,000\ny\n",
    "parse.truncated": b"1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:0",
    "parse.expected_number_or_timing": b"hello\n1\n00:00:01,000 --> 00:00:02,000\nx\n",
    "parse.vtt_header": b"WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n",
    "parse.expected_timing": b"WEBVTT\n\n00:01.000 --> 00:02.000\nx\n\nid\nno timing\n",
}


def _refused(data: bytes, **options: object) -> SubtitleError:
    with pytest.raises(SubtitleError) as info:
        loads(data, **options)  # type: ignore[arg-type]
    return info.value


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_error_a_person_can_meet_carries_its_code_and_parameters(code):
    exc = _refused(SAMPLES[code], **({"format": "vtt"} if code.startswith("parse.v") else {}))
    assert exc.code == code
    assert set(CODES[code]) <= set(exc.params)
    assert str(SUBTITLE_TEMPLATES[code]) % exc.params  # every template fills from its parameters


def test_the_command_line_keeps_its_english_messages():
    assert (
        str(_refused(BAD_TIME)) == "SRT line 10: invalid time 99:99:99: minutes and seconds must be below 60"
    )
    assert str(_refused(PNG)) == (
        "the file contains NUL bytes and is not UTF-16 or UTF-8: it looks like binary data, not a subtitle file"
    )


def _upload_page(world, name: str, data: bytes) -> str:
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    response = client.post(
        "/kk/localization/tracks/new/",
        {"film": world["film"].pk, "language": "kk-Cyrl", "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_binary_file_is_refused_in_kazakh(world, kazakh):
    kazakh({str(SUBTITLE_TEMPLATES["encoding.binary"]): "бұл субтитр файлы емес, екілік дерек"})
    page = _upload_page(world, "picture.srt", PNG)
    assert "бұл субтитр файлы емес, екілік дерек" in page
    assert "binary data" not in page


def test_a_bad_time_is_refused_in_kazakh_with_its_line(world, kazakh):
    kazakh(
        {
            "%(format)s line %(line)s: %(reason)s": "%(format)s, %(line)s-жол: %(reason)s",
            str(SUBTITLE_TEMPLATES["parse.time_over_60"]): "%(time)s уақыты қате: минут пен секунд 60-тан аз",
        }
    )
    page = _upload_page(world, "bad.srt", BAD_TIME)
    assert "SRT, 10-жол: 99:99:99 уақыты қате: минут пен секунд 60-тан аз" in page
    assert "must be below 60" not in page


# Every format's errors, the size limit and what an export can meet -----------------------------------------


def test_there_is_one_template_per_code():
    from korkyt.localization.file_errors import XML_FILE_TEMPLATES
    from korkyt.mt.memory.xmlfiles import CODES as XML_CODES

    assert set(SUBTITLE_TEMPLATES) == set(CODES)
    assert set(XML_FILE_TEMPLATES) == set(XML_CODES)


def test_every_template_fills_from_the_parameters_of_its_code():
    from korkyt.localization.file_errors import XML_FILE_TEMPLATES
    from korkyt.mt.memory.xmlfiles import CODES as XML_CODES

    for code, template in SUBTITLE_TEMPLATES.items():
        assert str(template) % {name: "x" for name in (*CODES[code], "line", "format")}, code
    for code, template in XML_FILE_TEMPLATES.items():
        assert str(template) % dict.fromkeys(XML_CODES[code], "x"), code


@pytest.mark.parametrize("code", sorted(SUBTITLE_SAMPLES))
def test_each_format_s_error_is_said_through_its_template(code):
    from django.utils import translation

    from korkyt.localization.file_errors import subtitle_reason

    data, options, _ = SUBTITLE_SAMPLES[code]
    exc = _refused(data, **options)
    with translation.override("ru"):
        reason = subtitle_reason(exc)
        shown = {**exc.params, "size": "2,9"}  # the size in MB as Russian writes numbers
        assert str(SUBTITLE_TEMPLATES[code]) % shown in reason
    assert reason != str(exc)  # not the command line's English message


def test_the_size_limit_is_said_in_kazakh_with_its_numbers(kazakh):
    from django.utils import translation

    from korkyt.localization.file_errors import subtitle_reason

    kazakh({str(SUBTITLE_TEMPLATES["file.too_large"]): "файл %(size)s МБ; шегі %(limit)s МБ"})
    exc = _refused(b"x" * 3_000_000, max_bytes=2 * 1_048_576)
    with translation.override("kk"):
        assert subtitle_reason(exc) == "файл 2,9 МБ; шегі 2 МБ"


def test_an_oversized_upload_is_refused_in_kazakh_before_it_is_read(world, kazakh, settings):
    settings.KORKYT_MAX_UPLOAD_MB = 1
    kazakh({"Files over %(limit)d MB are refused.": "%(limit)d МБ-тан үлкен файлдар қабылданбайды."})
    page = _upload_page(world, "big.srt", KK_SRT + b"x" * 1_048_576)
    assert "1 МБ-тан үлкен файлдар қабылданбайды." in page
    assert "Files over" not in page and "subtitle files over" not in page


def test_a_ttml_file_with_the_wrong_root_is_refused_in_kazakh(world, kazakh):
    kazakh(
        {
            "%(format)s: %(reason)s": "%(format)s файлы: %(reason)s",
            str(SUBTITLE_TEMPLATES["ttml.not_tt"]): "түбір элементі <%(root)s>, <tt> болуы керек",
        }
    )
    page = _upload_page(world, "page.ttml", b'<tt:html xmlns:tt="x"><tt/></tt:html>')
    assert "TTML файлы: түбір элементі &lt;html&gt;, &lt;tt&gt; болуы керек" in page
    assert "expected &lt;tt&gt;" not in page


def test_an_ass_format_line_without_times_is_refused_in_kazakh_with_its_line(world, kazakh):
    kazakh(
        {
            "%(format)s line %(line)s: %(reason)s": "%(format)s, %(line)s-жол: %(reason)s",
            str(SUBTITLE_TEMPLATES["ass.format_line"]): "%(section)s Format жолында %(fields)s өрісі жоқ",
        }
    )
    data = (
        b"[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Style, Text\nDialogue: 0,Default,x\n"
    )
    page = _upload_page(world, "bad.ass", data)
    assert "ASS, 5-жол: [Events] Format жолында Start, End өрісі жоқ" in page
    assert "cannot be read" not in page


def test_an_export_past_ass_times_is_refused_in_kazakh(kazakh):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from korkyt.localization.exports import _render
    from korkyt.subtitles import Cue, Document

    limit = str(SUBTITLE_TEMPLATES["write.ass_time_limit"])
    kazakh({limit: "%(name)s уақыты 9:59:59.99-да бітеді (%(hours)s сағ)"})
    doc = Document(cues=[Cue(0, 1000, "a"), Cue(36_000_000, 45_000_000, "b")])
    with translation.override("kk"), pytest.raises(ValidationError) as info:
        _render(doc, "ass", "Film", "kk")
    assert info.value.message_dict == {"format": ["ASS уақыты 9:59:59.99-да бітеді (12,5 сағ)"]}
