"""Control characters: refused when typed into a cue, dropped from uploaded files and from exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from korkyt.localization import exports, services
from korkyt.localization.models import SourceCue, TargetCue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x08", "\x1b", "\x1f"])
def test_a_typed_control_character_is_refused_naming_the_field(job, world, bad):
    cue = job.cues.order_by("position").first()
    with pytest.raises(ValidationError) as info:
        services.cue_save(actor=world["users"]["translator"], cue=cue, text=f"Selam{bad} dostum")
    assert "control character" in info.value.message_dict["text"][0]
    cue.refresh_from_db()
    assert cue.text == ""


def test_tabs_become_spaces_and_pasted_line_breaks_line_feeds(job, world):
    cue = job.cues.order_by("position").first()
    services.cue_save(actor=world["users"]["translator"], cue=cue, text="Selam,\tdostum\x0bnasılsın\x0c?")
    cue.refresh_from_db()
    assert cue.text == "Selam, dostum\nnasılsın\n?"


def test_an_uploaded_file_loses_its_control_characters(world):
    srt = "1\n00:00:01,000 --> 00:00:02,000\nСә\x01лем,\tдосым\x07!\n".encode()
    track = services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=srt, file_name="x.srt"
    )
    assert SourceCue.objects.get(track=track).text == "Сәлем, досым!"


@pytest.mark.parametrize("fmt", ["ttml", "dcp-interop", "dcp-smpte"])
def test_xml_exports_parse_even_with_control_characters_stored_earlier(job, fmt):
    TargetCue.objects.filter(job=job, position=0).update(text="Sel\x01am\x0b dost\u200fum")
    _name, text = exports.job_export(job, fmt)
    words = "".join(ET.fromstring(text.encode()).itertext())
    assert "Selam dost\u200fum" in words
