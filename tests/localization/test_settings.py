from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from korkyt.config.env import env_json_list


def test_mt_engines_are_read_as_a_json_array(monkeypatch):
    monkeypatch.setenv("KORKYT_MT_ENGINES", '[{"kind": "apertium", "url": "http://localhost:2737"}]')
    assert env_json_list("KORKYT_MT_ENGINES") == [{"kind": "apertium", "url": "http://localhost:2737"}]
    monkeypatch.setenv("KORKYT_MT_ENGINES", "")
    assert env_json_list("KORKYT_MT_ENGINES") == []
    for bad in ("{not json", '{"kind": "apertium"}'):
        monkeypatch.setenv("KORKYT_MT_ENGINES", bad)
        with pytest.raises(ImproperlyConfigured, match="KORKYT_MT_ENGINES"):
            env_json_list("KORKYT_MT_ENGINES")
