"""Every column heading of the participant export is a message the catalogues can hold: makemessages
(xgettext) finds it, and the export shows its translation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from korkyt.events.services.export import participant_rows
from tests.events.conftest import make_event

EXPORT = Path(__file__).resolve().parents[2] / "src" / "korkyt" / "events" / "services" / "export.py"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext is not installed")
def test_makemessages_finds_the_registered_heading():
    out = subprocess.run(
        [
            "xgettext",
            "-L",
            "Python",
            "--keyword=_",
            "--keyword=pgettext:1c,2",
            "--from-code=UTF-8",
            "-o",
            "-",
            str(EXPORT),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'msgid "Registered (%(zone)s)"' in out


@pytest.mark.django_db
def test_the_registered_heading_is_translated_with_the_events_zone(organiser, monkeypatch):
    event = make_event(organiser, capacity=5)
    catalog = trans_real.translation("kk")._catalog._catalogs[0]  # type: ignore[attr-defined]
    monkeypatch.setitem(catalog, "Registered (%(zone)s)", "Тіркелген (%(zone)s)")
    with translation.override("kk"):
        header = participant_rows(event)[0]
    assert f"Тіркелген ({event.time_zone})" in header
