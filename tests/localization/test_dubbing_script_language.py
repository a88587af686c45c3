"""The dubbing script's DOCX/PDF speaks the language of the page it was ordered from, and counts the
characters the page lists (lines of no character are not one more)."""

from __future__ import annotations

import io

import docx
import pytest
from django.utils import translation

from korkyt.dubbing import build_script
from korkyt.dubbing.writers import script_html
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing.models import DubbingLine
from korkyt.localization.dubbing.services.outputs import script_words
from tests.localization.dubbing.conftest import build_dub_world, order_dub_job


@pytest.fixture
def dub_job(world):
    return order_dub_job(build_dub_world(world))


def test_the_script_ordered_from_the_kazakh_page_is_in_kazakh(
    dub_job, world, django_capture_on_commit_callbacks
):
    line = DubbingLine.objects.filter(job=dub_job).order_by("cue__position").first()
    line.character = None  # a line of no known character: "?"
    line.save(update_fields=["character"])
    with translation.override("kk"), django_capture_on_commit_callbacks(execute=True):
        output = dubbing.output_request(
            actor=world["users"]["adapter"], job=dub_job, kind="script", fmt="docx"
        )
        expected = [translation.gettext(w) for w in ("Characters", "Character", "Script")]
    output.refresh_from_db()
    assert output.background.status == "done", output.background.failure
    with output.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    texts = [p.text for p in document.paragraphs]
    assert expected[0] != "Characters" and expected[0] in texts and expected[2] in texts
    assert document.tables[0].rows[0].cells[0].text == expected[1]
    assert dub_job.characters.count() == 2
    assert "4 реплика, 2 ілмек, 2 кейіпкер." in texts, texts  # AYŞE, MEHMET; not "?"


def test_the_counts_are_plural_aware():
    script = build_script(
        [type("C", (), {"start_ms": 0, "end_ms": 2000, "text": "Salem!", "speaker": "A"})()], "kk"
    )
    with translation.override("en"):
        page = script_html(script, script_words("kk"))
    assert "1 line, 1 loop, 1 character." in page
