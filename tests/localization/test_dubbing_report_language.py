"""The isochrony report (HTML) speaks the language of the page it was ordered from, as the scripts of the
same job do, and says so in its ``<html lang>``; the dub's own text keeps the dub's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from korkyt.localization.dubbing import services as dubbing
from tests.localization.dubbing.conftest import build_dub_world, order_dub_job


@pytest.fixture
def dub_job(world):
    return order_dub_job(build_dub_world(world))


def test_the_isochrony_report_ordered_from_the_kazakh_page_is_in_kazakh(
    dub_job, world, django_capture_on_commit_callbacks
):
    with translation.override("kk"), django_capture_on_commit_callbacks(execute=True):
        output = dubbing.output_request(
            actor=world["users"]["adapter"], job=dub_job, kind="isochrony", fmt="html"
        )
        expected = {
            w: translation.gettext(w) for w in ("Isochrony report", "Line", "Character", "Status", "fits")
        }
    output.refresh_from_db()
    assert output.background.status == "done", output.background.failure
    with output.file.open("rb") as handle:
        page = handle.read().decode()
    assert '<html lang="kk">' in page
    assert all(expected[w] != w for w in ("Isochrony report", "Line", "Character", "Status"))
    for word in expected.values():
        assert word in page
    assert "<th>Line</th>" not in page and "Isochrony check" not in page
    assert '<td lang="tr">' in page  # the dub's lines stay marked as Turkish
