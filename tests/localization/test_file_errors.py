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
