"""Machine-translation API keys are write-only: never in pages, str/repr or log lines."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from korkyt.localization import services
from korkyt.localization.models import MachineTranslationEngine, mask_secret
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "sk-live-0123456789-abcd"
ADD = "/en/admin/localization/machinetranslationengine/add/"


def _admin() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def _post(client: Client, url: str, **extra: str):
    data = {
        "name": "llm",
        "kind": "openai",
        "url": "http://127.0.0.1:9/v1",
        "model": "qwen",
        "pairs": "kk>tr",
        "options": '{"timeout": 1, "retries": 1}',
        "enabled": "on",
        "position": "0",
        **extra,
    }
    return client.post(url, data)


def test_the_key_is_stored_but_never_shown_again_only_its_masked_end():
    client = _admin()
    assert _post(client, ADD, api_key=SECRET).status_code == 302
    engine = MachineTranslationEngine.objects.get(name="llm")
    assert engine.api_key == SECRET
    change = f"/en/admin/localization/machinetranslationengine/{engine.pk}/change/"
    for url in (
        change,
        "/en/admin/localization/machinetranslationengine/",
        f"{change.rsplit('change/', 1)[0]}history/",
    ):
        html = client.get(url).content.decode()
        assert SECRET not in html and "0123456789" not in html, url
    assert "••••abcd" in client.get(change).content.decode()
    assert SECRET not in str(engine) and SECRET not in repr(engine)


def test_an_empty_key_field_keeps_the_stored_key_and_remove_clears_it():
    client = _admin()
    _post(client, ADD, api_key=SECRET)
    engine = MachineTranslationEngine.objects.get(name="llm")
    change = f"/en/admin/localization/machinetranslationengine/{engine.pk}/change/"
    assert _post(client, change, api_key="", model="qwen2").status_code == 302
    engine.refresh_from_db()
    assert (engine.model, engine.api_key) == ("qwen2", SECRET)
    assert _post(client, change, api_key="", clear_api_key="on").status_code == 302
    engine.refresh_from_db()
    assert engine.api_key == ""


def test_a_key_put_in_the_other_options_is_refused():
    response = _post(_admin(), ADD, options=json.dumps({"api_key": SECRET}))
    assert response.status_code == 200
    assert "its own field" in response.content.decode()
    assert not MachineTranslationEngine.objects.exists()


def test_a_failing_engine_leaves_its_key_out_of_the_job_and_the_logs(job, caplog):
    MachineTranslationEngine.objects.create(
        name="llm",
        kind="openai",
        url="http://127.0.0.1:9/v1",
        model="qwen",
        api_key=SECRET,
        pairs="kk>tr",
        options={"timeout": 1, "retries": 1},
    )
    with caplog.at_level(logging.DEBUG):
        services.job_prepare(job_id=job.pk)
    job.refresh_from_db()
    assert job.mt_note  # the engine could not be reached
    assert SECRET not in job.mt_note and SECRET not in caplog.text


@pytest.mark.parametrize(
    ("secret", "shown"), [("", ""), ("short", "••••"), ("0123456789ab", "••••89ab"), (SECRET, "••••abcd")]
)
def test_masking_shows_at_most_the_last_four_characters_of_a_long_key(secret, shown):
    assert mask_secret(secret) == shown


def test_a_server_address_without_a_scheme_is_read_as_http():
    """Engines run on the local network: "127.0.0.1:9/v1" is http://, not Django 6's https:// default."""
    client = _admin()
    data = {"name": "llm", "kind": "openai", "url": "127.0.0.1:9/v1", "model": "qwen", "pairs": "kk>tr"}
    data.update({"options": "{}", "enabled": "on", "position": "0"})
    assert client.post(ADD, data).status_code == 302
    assert MachineTranslationEngine.objects.get(name="llm").url == "http://127.0.0.1:9/v1"
