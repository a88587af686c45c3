"""A page export asked for in a format the platform does not write answers 400 naming the formats it
does write (as the API's 422 does), on the site's 400 page in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.subtitles import FORMATS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("what", ["job", "track"])
def test_an_unknown_export_format_is_a_400_naming_the_formats(what, job, world, kazakh):
    kazakh({"Unknown format; use one of: %(f)s.": "Белгісіз пішім; мыналардың бірін алыңыз: %(f)s."})
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    url = (
        f"/localization/jobs/{job.pk}/export"
        if what == "job"
        else f"/localization/tracks/{world['track'].pk}/export"
    )
    response = client.get(f"/en{url}?format=bogus")
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Unknown format; use one of: {', '.join(FORMATS)}." in page
    assert '<html lang="en"' in page and "<h1>400</h1>" in page
    assert "Content-Disposition" not in response
    kk = client.get(f"/kk{url}?format=bogus")
    assert kk.status_code == 400
    assert "Белгісіз пішім; мыналардың бірін алыңыз: srt" in kk.content.decode()
    assert '<html lang="kk"' in kk.content.decode()


def test_a_known_format_still_downloads(job, world):
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    response = client.get(f"/en/localization/jobs/{job.pk}/export?format=srt")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
