from __future__ import annotations

import json
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


def _example_environment() -> dict[str, str]:
    """deploy/korkyt.env.example as a site would fill it in: its secrets replaced, on this test's SQLite."""
    values = {}
    for line in (ROOT / "deploy" / "korkyt.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    values.update(SECRET_KEY=PRODUCTION["SECRET_KEY"], KORKYT_METRICS_TOKEN="scrape-token")
    for name in ("DATABASE_URL", "REDIS_URL", "KORKYT_HOME"):
        values.pop(name)
    return values


HOSTS = """
import django
django.setup()
from django.core.exceptions import DisallowedHost
from django.test import RequestFactory
for host in ("korkyt.example.org", "127.0.0.1:8001", "evil.example"):
    try:
        RequestFactory().get("/readyz", HTTP_HOST=host).get_host()
        print(host, "allowed")
    except DisallowedHost:
        print(host, "refused")
"""


def test_the_example_environment_passes_deploy_checks_and_lets_probes_reach_an_instance(tmp_path):
    env = _example_environment()
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    result = _manage(["shell", "-c", HOSTS], tmp_path, **env)
    assert [line for line in result.stdout.splitlines() if "allowed" in line or "refused" in line] == [
        "korkyt.example.org allowed",
        "127.0.0.1:8001 allowed",  # /readyz and the Prometheus scrape, straight to a gunicorn instance
        "evil.example refused",
    ], result.stderr


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


def _settings(tmp_path: Path, expression: str, *, before: str = "pass", **env: str) -> object:
    """A value the settings compute for ``env``, in a fresh process (``before``: statements run first)."""
    hidden = {"DATABASE_URL", "KORKYT_DB_CONN_MAX_AGE", "KORKYT_DB_PREPARED", "REDIS_URL"}
    base = {k: v for k, v in os.environ.items() if k not in hidden}
    base.update(KORKYT_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="korkyt.config.settings", **env)
    code = f"import json; from django.conf import settings; {before}; print(json.dumps({expression}, default=str))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=180, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _conn_max_age(tmp_path: Path, **env: str) -> int:
    value = _settings(tmp_path, "settings.DATABASES['default']['CONN_MAX_AGE']", **env)
    assert isinstance(value, int)
    return value


POSTGRES = "postgres://u:p@db.example:5432/korkyt"


def test_postgresql_statements_are_prepared_with_a_generic_plan(tmp_path):
    db = _settings(tmp_path, "settings.DATABASES['default']", DATABASE_URL=POSTGRES)
    assert isinstance(db, dict)
    assert (db["ENGINE"], db["NAME"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql",
        "korkyt",
        "db.example",
        5432,
    )
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"] == {"prepare_threshold": 5, "options": "-c plan_cache_mode=force_generic_plan"}


def test_options_in_the_database_url_are_kept_beside_the_generic_plan(tmp_path):
    url = POSTGRES + "?options=-c%20statement_timeout%3D5000"
    options = _settings(tmp_path, "settings.DATABASES['default']['OPTIONS']", DATABASE_URL=url)
    assert options == {
        "prepare_threshold": 5,
        "options": "-c statement_timeout=5000 -c plan_cache_mode=force_generic_plan",
    }


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler(tmp_path):
    options = _settings(
        tmp_path,
        "settings.DATABASES['default'].get('OPTIONS', {})",
        DATABASE_URL=POSTGRES,
        KORKYT_DB_PREPARED="0",
    )
    assert options == {}


def test_sqlite_is_the_default_with_wal_and_immediate_transactions(tmp_path):
    db = _settings(tmp_path, "settings.DATABASES['default']")
    assert isinstance(db, dict)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "var" / "korkyt.sqlite3")
    assert db["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }


def test_without_redis_the_cache_is_per_process_and_the_broker_is_the_filesystem(tmp_path):
    cache, broker = _settings(tmp_path, "[settings.CACHES['default'], settings.CELERY_BROKER_URL]")
    assert cache == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    assert broker == "filesystem://localhost//"


@pytest.mark.redis
def test_redis_url_makes_redis_the_cache_and_the_broker(tmp_path, redis_url):
    """The settings point Django's cache at REDIS_URL: a value cached there is in that Redis database."""
    import redis

    cache, broker = _settings(
        tmp_path,
        "[settings.CACHES['default'], settings.CELERY_BROKER_URL]",
        REDIS_URL=redis_url,
    )
    assert cache == {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    assert broker == redis_url
    key = f"korkyt-settings-test-{os.getpid()}"
    before = f"import django; django.setup(); from django.core.cache import cache; cache.set('{key}', 7, 30)"
    assert _settings(tmp_path, f"cache.get('{key}')", before=before, REDIS_URL=redis_url) == 7
    client = redis.Redis.from_url(redis_url)
    try:
        assert client.ttl(f":1:{key}") > 0  # Django's default key prefix and version
    finally:
        client.delete(f":1:{key}")
        client.close()


def test_postgresql_connections_are_kept_by_default(tmp_path):
    assert _conn_max_age(tmp_path, DATABASE_URL=POSTGRES) == 60
    assert _conn_max_age(tmp_path, DATABASE_URL=POSTGRES, KORKYT_DB_CONN_MAX_AGE="0") == 0
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


def _var_dir(cwd: Path, **env: str) -> str:
    """VAR_DIR as the settings compute it, in a process started in ``cwd`` (KORKYT_HOME only if given)."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "KORKYT_HOME"}}
    base.update(DJANGO_SETTINGS_MODULE="korkyt.config.settings", PYTHONPATH=str(ROOT / "src"), **env)
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.VAR_DIR)"],
        env=base,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_var_is_under_korkyt_home_or_the_checkout_never_the_working_directory(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _var_dir(elsewhere, SECRET_KEY="k") == str(ROOT / "var")
    home = tmp_path / "home"
    assert _var_dir(elsewhere, KORKYT_HOME=str(home)) == str(home / "var")
    assert not list(elsewhere.iterdir())


def test_the_embedded_broker_keeps_its_messages_and_exchange_table_under_var(tmp_path):
    src = str(ROOT / "src")  # this checkout's code, whatever the environment has installed
    assert _settings(tmp_path, "settings.CELERY_BROKER_TRANSPORT_OPTIONS", PYTHONPATH=src) == {
        "data_folder_in": str(tmp_path / "var" / "broker" / "queue"),
        "data_folder_out": str(tmp_path / "var" / "broker" / "queue"),
        "control_folder": str(tmp_path / "var" / "broker" / "control"),
        "store_processed": False,
    }
    redis = _settings(
        tmp_path,
        "[settings.CELERY_BROKER_TRANSPORT_OPTIONS, settings.CELERY_TASK_TIME_LIMIT]",
        REDIS_URL="redis://localhost:6379/0",
        PYTHONPATH=src,
    )
    assert redis == [{"visibility_timeout": 7200}, 3600]  # longer than the longest task
    assert not (ROOT / "control").exists()


def test_a_visibility_timeout_shorter_than_the_longest_task_is_refused(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        KORKYT_HOME=str(tmp_path),
        DJANGO_SETTINGS_MODULE="korkyt.config.settings",
        PYTHONPATH=str(ROOT / "src"),
        REDIS_URL="redis://localhost:6379/0",
        KORKYT_TASK_TIME_LIMIT="3600",
        KORKYT_BROKER_VISIBILITY_TIMEOUT="3700",
    )
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.INSTALLED_APPS"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert (
        "KORKYT_BROKER_VISIBILITY_TIMEOUT (3700 s) must exceed KORKYT_TASK_TIME_LIMIT (3600 s)"
        in result.stderr
    )


def _refused(tmp_path: Path, **env: str) -> str:
    """The error the settings stop with for ``env``, loaded in a fresh process."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    base.update(
        KORKYT_HOME=str(tmp_path),
        DJANGO_SETTINGS_MODULE="korkyt.config.settings",
        PYTHONPATH=str(ROOT / "src"),
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.INSTALLED_APPS"],
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode != 0, f"{env} was accepted"
    assert "ImproperlyConfigured" in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (
            "KORKYT_JOB_HEARTBEAT_MINUTES",
            "-5",
            "KORKYT_JOB_HEARTBEAT_MINUTES must be an integer of at least 1",
        ),
        ("KORKYT_JOB_RETENTION_DAYS", "-1", "KORKYT_JOB_RETENTION_DAYS must be an integer of at least 1"),
        ("KORKYT_JOB_QUEUED_MINUTES", "0", "KORKYT_JOB_QUEUED_MINUTES must be an integer of at least 1"),
        (
            "KORKYT_TASK_TIME_LIMIT",
            "10",
            "KORKYT_TASK_TIME_LIMIT must be an integer of at least 60, got '10'",
        ),
        ("EMAIL_PORT", "70000", "EMAIL_PORT must be an integer from 1 to 65535, got '70000'"),
        ("KORKYT_MAX_UPLOAD_MB", "0", "KORKYT_MAX_UPLOAD_MB must be an integer of at least 1"),
        ("KORKYT_DB_CONN_MAX_AGE", "-1", "KORKYT_DB_CONN_MAX_AGE must be an integer of at least 0"),
        (
            "KORKYT_LOGIN_ATTEMPTS",
            "many",
            "KORKYT_LOGIN_ATTEMPTS must be an integer of at least 1, got 'many'",
        ),
    ],
)
def test_a_number_outside_its_range_is_refused_naming_the_variable_and_the_range(
    tmp_path, name, value, expected
):
    assert expected in _refused(tmp_path, **{name: value})


def test_env_int_checks_its_bounds(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from korkyt.config.env import env_int

    monkeypatch.setenv("X_NUMBER", "5")
    assert env_int("X_NUMBER", 1, minimum=5, maximum=5) == 5
    assert env_int("X_UNSET", -3, minimum=0) == -3  # the default is the code's, not checked
    with pytest.raises(ImproperlyConfigured, match=r"X_NUMBER must be an integer of at most 4, got '5'"):
        env_int("X_NUMBER", 1, maximum=4)


@pytest.mark.parametrize("url", ["localhost:6379", "http://localhost:6379/0", "redis.example.org"])
def test_a_redis_url_without_a_redis_scheme_is_refused(tmp_path, url):
    assert "REDIS_URL must start with redis://, rediss:// or unix://" in _refused(tmp_path, REDIS_URL=url)


def test_redis_urls_with_tls_or_a_socket_are_accepted(tmp_path):
    for url in ("rediss://cache.example.org:6380/0", "unix:///run/redis/redis.sock?db=0"):
        assert _settings(tmp_path, "settings.CELERY_BROKER_URL", REDIS_URL=url) == url


def test_an_unreadable_database_url_names_the_variable_and_not_the_password(tmp_path):
    message = _refused(tmp_path, DATABASE_URL="postgres://u:s3cret@h:port/db")
    assert message.startswith("django.core.exceptions.ImproperlyConfigured: DATABASE_URL is not a database")
    assert "s3cret" not in message
    assert "DATABASE_URL" in _refused(tmp_path, DATABASE_URL="mysqlx://h/db")


def test_the_soft_time_limit_is_always_below_the_hard_one(tmp_path):
    limits = "[settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT]"
    assert _settings(tmp_path, limits) == [3540, 3600]
    assert _settings(tmp_path, limits, KORKYT_TASK_TIME_LIMIT="60") == [30, 60]
    assert _settings(tmp_path, limits, KORKYT_TASK_TIME_LIMIT="80") == [30, 80]
    assert _settings(tmp_path, limits, KORKYT_TASK_TIME_LIMIT="200") == [140, 200]


def test_production_mail_links_lead_to_the_sites_host_not_localhost(tmp_path):
    """Unset or blank, the public address is the first host of ALLOWED_HOSTS in production; set, it wins."""
    base = {**PRODUCTION, "ALLOWED_HOSTS": ".example.net,127.0.0.1,korkyt.example.org"}
    assert _settings(tmp_path, "settings.KORKYT_BASE_URL", **base) == "https://korkyt.example.org"
    assert _settings(tmp_path, "settings.KORKYT_BASE_URL", **base, KORKYT_BASE_URL="  ") == (
        "https://korkyt.example.org"
    )
    given = _settings(tmp_path, "settings.KORKYT_BASE_URL", **base, KORKYT_BASE_URL="https://films.example/")
    assert given == "https://films.example"
    # locally (and with no host named) this machine's development server
    assert _settings(tmp_path, "settings.KORKYT_BASE_URL", KORKYT_BASE_URL="") == "http://localhost:8000"
