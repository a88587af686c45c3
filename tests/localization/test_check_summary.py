"""The summary of a check of every cue names each check by its translated label (never its code) and
counts with the plural forms of the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from korkyt.localization import services
from korkyt.localization.findings import CODE_TEXT, check_summary_text
from korkyt.localization.models import QualityCheck
from korkyt.localization.tasks import run_check

pytestmark = pytest.mark.django_db

ONE_WARNING = {
    "errors": 0,
    "warnings": 1,
    "infos": 0,
    "cues": 1,
    "checked": 1,
    "codes": {"source.numbers": 1},
}


def _panel(job, world, lang: str) -> str:
    check = services.check_request(actor=world["users"]["kz_editor"], job=job, enqueue=False)
    QualityCheck.objects.filter(pk=check.pk).update(summary=ONE_WARNING)
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    return client.get(f"/{lang}/localization/jobs/{job.pk}/background").content.decode()


def test_the_summary_counts_with_plural_forms_and_names_each_check(job, world):
    panel = _panel(job, world, "en")
    assert "0 errors, 1 warning and 0 notes, in 1 of 1 translated cue." in panel
    assert "Numbers differ between the cue and its source. × 1" in panel
    assert "source.numbers</code>" not in panel and "1 warnings" not in panel


def test_a_kazakh_page_shows_the_kazakh_label_of_the_check(job, world):
    with translation.override("kk"):
        label = str(CODE_TEXT["source.numbers"])
    assert label != "Numbers differ between the cue and its source."  # translated already
    panel = _panel(job, world, "kk")
    assert f"{label} × 1" in panel and "source.numbers ×" not in panel


def test_plural_forms_follow_each_count():
    text = check_summary_text({"errors": 1, "warnings": 2, "infos": 1, "cues": 2, "checked": 5})
    assert text == "1 error, 2 warnings and 1 note, in 2 of 5 translated cues."


def test_the_finished_check_job_says_its_counts_with_plural_forms(job, world):
    check = services.check_request(actor=world["users"]["kz_editor"], job=job, enqueue=False)
    QualityCheck.objects.filter(pk=check.pk).update(summary=ONE_WARNING)  # kept: the run only reports it
    run_check(check.background_id, check_id=check.pk)
    check.refresh_from_db()
    assert check.background.message == "0 errors · 1 warning"
