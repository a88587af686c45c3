"""Allowed hosts and the one upload limit, as the settings compute them from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x7#kq!2mZ9@vR4pL0wT8sY6uN3bE1cF5hJ-aG_dQ+oI*eW&rK$tU^yB(zX)nM=Vp"
CODE = (
    "import json; from django.conf import settings as s; print(json.dumps({'hosts': s.ALLOWED_HOSTS, "
    "'mb': s.KORKYT_MAX_UPLOAD_MB, 'data': s.DATA_UPLOAD_MAX_MEMORY_SIZE, "
    "'file': s.FILE_UPLOAD_MAX_MEMORY_SIZE}))"
)
CLEARED = {"ALLOWED_HOSTS", "KORKYT_ENV", "SECRET_KEY", "DEBUG", "KORKYT_MAX_UPLOAD_MB", "DATABASE_URL"}


def _settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    base.update(KORKYT_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="korkyt.config.settings", **env)
    base["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), base.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-c", CODE], env=base, capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def test_the_local_default_hosts_are_this_machine_only(tmp_path):
    result = _settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hosts"] == ["127.0.0.1", "localhost", "[::1]"]


def test_production_names_its_hosts_and_never_gets_the_test_clients(tmp_path):
    production = {"KORKYT_ENV": "production", "SECRET_KEY": SECRET}
    result = _settings(tmp_path, **production)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when KORKYT_ENV=production" in result.stderr
    result = _settings(tmp_path, **production, ALLOWED_HOSTS="korkyt.example.org")
    assert json.loads(result.stdout)["hosts"] == ["korkyt.example.org"]


def test_django_request_limits_follow_the_one_upload_setting(tmp_path):
    assert json.loads(_settings(tmp_path).stdout) | {"hosts": None} == {
        "hosts": None,
        "mb": 20,
        "data": 20 * 1024 * 1024,
        "file": 2 * 1024 * 1024,
    }
    small = json.loads(_settings(tmp_path, KORKYT_MAX_UPLOAD_MB="1").stdout)
    assert (small["mb"], small["data"], small["file"]) == (1, 1024 * 1024, 1024 * 1024)
    result = _settings(tmp_path, KORKYT_MAX_UPLOAD_MB="0")
    assert result.returncode != 0 and "KORKYT_MAX_UPLOAD_MB must be an integer of at least 1" in result.stderr
