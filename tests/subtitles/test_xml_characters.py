"""An XML export never carries a character XML 1.0 forbids, so it always parses."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from korkyt.subtitles import Cue, Document, dumps
from korkyt.subtitles.markup import escape_xml

HOSTILE = "Sel\x01am\x0b dost\u200f\x00um\x1f <i>a\x08</i> & \ufffe"


def test_escape_xml_drops_what_xml_forbids_and_keeps_tab_and_line_breaks():
    assert escape_xml("a\x00b\x01c\x0bd\x0ce\x1ff\tg\nh\ri<&>\ufffe\uffff") == "abcdef\tg\nh\ri&lt;&amp;&gt;"


@pytest.mark.parametrize("fmt", ["ttml", "dcp-interop", "dcp-smpte"])
def test_xml_formats_stay_well_formed_with_control_characters_in_cues(fmt):
    doc = Document(cues=[Cue(1000, 2000, HOSTILE), Cue(3000, 4000, "ok")])
    text = dumps(doc, fmt, title="T\x01itle", language="kk")
    root = ET.fromstring(text.encode())
    words = "".join(root.itertext())
    assert "Selam dost\u200fum" in words and "ok" in words
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in words)
