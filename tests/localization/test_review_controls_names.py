"""Each cue's review controls say which cue they act on, as its "Submit for review" button does: a reader
tabbing from control to control (a screen reader's list of buttons, a phone's stacked cards) hears "Approve:
Cue 3", not eight "Approve" buttons alike."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.localization import services

pytestmark = pytest.mark.django_db


def test_the_comment_approve_and_return_of_a_cue_name_its_number(job, world) -> None:
    services.job_prepare(job_id=job.pk)
    client = Client()
    client.force_login(world["users"]["reviewer"])
    page = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    cues = list(job.cues.order_by("position"))
    assert len(cues) > 1
    for number, cue in enumerate(cues, start=1):
        assert re.search(rf'id="c-{cue.pk}"[^>]* aria-label="Comment: Cue {number}"', page)
        row = page[page.index(f'id="cue-{cue.pk}"') :]
        row = row[: row.index("</tr>")]
        assert f'Approve<span class="visually-hidden">: Cue {number}</span></button>' in row
        assert f'Return<span class="visually-hidden">: Cue {number}</span></button>' in row
