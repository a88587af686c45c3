"""The admin's engines join those of the KORKYT_MT_ENGINES setting without ever switching MT off."""

from __future__ import annotations

import pytest

from korkyt.localization import services
from korkyt.localization.admin import EngineForm
from korkyt.localization.models import MachineTranslationEngine

pytestmark = pytest.mark.django_db

# pairs the job does not need: no engine is asked anything over the network
SETTING = [{"kind": "apertium", "url": "http://127.0.0.1:9", "pairs": ["ru>en"]}]


def _form(name: str) -> EngineForm:
    return EngineForm(
        data={
            "name": name,
            "kind": "apertium",
            "url": "http://127.0.0.1:2737",
            "model": "",
            "pairs": "kk>tr",
            "options": "{}",
            "enabled": "on",
            "position": "0",
        }
    )


def test_the_form_refuses_a_name_an_engine_of_the_setting_has(settings):
    settings.KORKYT_MT_ENGINES = SETTING
    form = _form("apertium")
    assert not form.is_valid()
    assert "KORKYT_MT_ENGINES" in form.errors["name"][0]
    assert _form("apertium-2").is_valid()


def test_a_clashing_or_broken_admin_entry_is_skipped_and_named_on_the_job(settings, job, caplog):
    settings.KORKYT_MT_ENGINES = SETTING
    # saved around the form (e.g. enabled from the change list, or before the setting changed)
    MachineTranslationEngine.objects.create(
        name="apertium", kind="apertium", url="http://127.0.0.1:2737", pairs="ru>en"
    )
    MachineTranslationEngine.objects.create(
        name="second", kind="apertium", url="http://127.0.0.1:2738", pairs="ru>en"
    )
    router, skipped = services.engine_router()
    assert [e.name for e in router.engines] == ["apertium", "second"]
    assert len(skipped) == 1 and "“apertium”" in skipped[0] and "already named" in skipped[0]
    assert "skipped" in caplog.text
    services.job_prepare(job_id=job.pk)
    job.refresh_from_db()
    assert "configuration is invalid" not in job.mt_note
    assert "“apertium” set in the admin was skipped" in job.mt_note
    assert "no configured engine offers it" in job.mt_note  # the remaining engines were asked
