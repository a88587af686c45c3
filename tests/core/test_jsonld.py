"""``core.jsonld.json_ld_dumps``: the one serialisation of every page's JSON-LD."""

from __future__ import annotations

import json

from korkyt.core.jsonld import json_ld_dumps


def test_markup_characters_are_escaped_and_the_data_reads_back_the_same() -> None:
    data = {"name": "SCSNC <!--<script> & </script>", "other": ["Қыз Жібек", "a > b"]}
    text = json_ld_dumps(data)
    assert not set(text) & set("<>&")
    assert "\\u003c!--\\u003cscript\\u003e \\u0026 \\u003c/script\\u003e" in text
    assert "Қыз Жібек" in text  # not ASCII-escaped: the page stays readable
    assert json.loads(text) == data
    assert hasattr(text, "__html__")  # safe to put in the template as it is
