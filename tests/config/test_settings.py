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


def test_mail_goes_to_var_mail_by_default_and_to_smtp_when_a_host_is_set(tmp_path):
    show = [
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_FILE_PATH, s.EMAIL_HOST, "
        "s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)",
    ]
    here = {"PYTHONPATH": str(ROOT / "src")}  # this checkout's settings, not an installed copy's
    result = _manage(show, tmp_path, **here)
    assert result.stdout.strip(), result.stderr
    embedded = result.stdout.splitlines()[-1].split()
    assert embedded[0] == "django.core.mail.backends.filebased.EmailBackend"
    assert embedded[1] == str(tmp_path / "var" / "mail")
    smtp = (
        _manage(
            show,
            tmp_path,
            EMAIL_HOST="smtp.example.org",
            EMAIL_PORT="2525",
            EMAIL_HOST_USER="korkyt",
            EMAIL_HOST_PASSWORD="secret",
            DEFAULT_FROM_EMAIL="noreply@example.org",
            **here,
        )
        .stdout.splitlines()[-1]
        .split()
    )
    assert smtp[0] == "django.core.mail.backends.smtp.EmailBackend"
    assert smtp[2:] == ["smtp.example.org", "2525", "korkyt", "True", "noreply@example.org"]
