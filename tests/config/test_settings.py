from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "KORKYT_ENV"}
    }
    base.update(KORKYT_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="korkyt.config.settings", **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "KORKYT_ENV": "production",
    "DEBUG": "false",
    "SECRET_KEY": "x7#kq!2mZ9@vR4pL0wT8sY6uN3bE1cF5hJ-aG_dQ+oI*eW&rK$tU^yB(zX)nM=Vp",
    "ALLOWED_HOSTS": "korkyt.example.org",
}


def test_production_settings_pass_deploy_checks(tmp_path):
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_local_settings_fail_deploy_checks(tmp_path):
    # The embedded defaults are for one machine over plain HTTP: the deploy checks say so.
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr or "security.W008" in result.stderr


def test_production_without_secret_key_is_a_clear_error(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage(["check"], tmp_path, **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_bad_boolean_is_a_clear_error(tmp_path):
    result = _manage(["check"], tmp_path, DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_database_url_selects_postgresql(monkeypatch):
    import dj_database_url

    parsed = dj_database_url.parse("postgres://u:p@db.example:5432/korkyt")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"


def _conn_max_age(tmp_path: Path, **env: str) -> int:
    """CONN_MAX_AGE as the settings compute it (no connection is opened)."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "KORKYT_DB_CONN_MAX_AGE"}}
    base.update(KORKYT_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="korkyt.config.settings", **env)
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_postgresql_connections_are_kept_by_default(tmp_path):
    postgres = "postgres://u:p@db.example:5432/korkyt"
    assert _conn_max_age(tmp_path, DATABASE_URL=postgres) == 60
    assert _conn_max_age(tmp_path, DATABASE_URL=postgres, KORKYT_DB_CONN_MAX_AGE="0") == 0
    assert _conn_max_age(tmp_path) == 0  # SQLite opens a file per request


@pytest.mark.parametrize("value", ["1", "true", "yes", "on"])
def test_env_bool_accepts_common_spellings(monkeypatch, value):
    from korkyt.config.env import env_bool

    monkeypatch.setenv("X_FLAG", value)
    assert env_bool("X_FLAG", False) is True


def _setting(cwd: Path, code: str, **env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "KORKYT_HOME"}}
    base.update(DJANGO_SETTINGS_MODULE="korkyt.config.settings", PYTHONPATH=str(ROOT / "src"), **env)
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; " + code],
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_var_is_under_korkyt_home_or_the_checkout_never_the_working_directory(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _setting(elsewhere, "print(settings.VAR_DIR)", SECRET_KEY="k") == str(ROOT / "var")
    home = tmp_path / "home"
    assert _setting(elsewhere, "print(settings.VAR_DIR)", KORKYT_HOME=str(home)) == str(home / "var")
    assert not list(elsewhere.iterdir())


def test_the_embedded_broker_keeps_its_messages_and_exchange_table_under_var(tmp_path):
    options = _setting(
        tmp_path,
        "import json; print(json.dumps(settings.CELERY_BROKER_TRANSPORT_OPTIONS))",
        KORKYT_HOME=str(tmp_path),
    )
    import json

    assert json.loads(options) == {
        "data_folder_in": str(tmp_path / "var" / "broker" / "queue"),
        "data_folder_out": str(tmp_path / "var" / "broker" / "queue"),
        "control_folder": str(tmp_path / "var" / "broker" / "control"),
        "store_processed": False,
    }
    redis = _setting(
        tmp_path,
        "print(settings.CELERY_BROKER_TRANSPORT_OPTIONS, settings.CELERY_TASK_TIME_LIMIT)",
        KORKYT_HOME=str(tmp_path),
        REDIS_URL="redis://localhost:6379/0",
    )
    assert redis == "{'visibility_timeout': 7200} 3600"  # longer than the longest task
    assert not (ROOT / "control").exists()
