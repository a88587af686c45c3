"""Every setting read from the environment, in one place.

Nothing else in the project reads ``os.environ`` for configuration: settings.py and the CLI call these
helpers, so the list of variables below is the full configuration surface (see docs/deployment.md).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer; outside ``minimum``..``maximum`` (either bound optional) it is a configuration error
    naming the variable and the range allowed. The default is not checked."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be an integer{_range(minimum, maximum)}, got {raw!r}"
        ) from exc
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(f"{name} must be an integer{_range(minimum, maximum)}, got {raw!r}")
    return value


def _range(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f" from {minimum} to {maximum}"
    if minimum is not None:
        return f" of at least {minimum}"
    if maximum is not None:
        return f" of at most {maximum}"
    return ""


def env_redis_url(name: str) -> str:
    """A Redis address (``redis://``, ``rediss://`` with TLS, or ``unix://`` for a socket), or empty."""
    value = env_str(name)
    if value and not value.lower().startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"{name} must start with redis://, rediss:// or unix:// (e.g. redis://localhost:6379/0), "
            f"got {value!r}"
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json_list(name: str) -> list[object]:
    """A JSON array (e.g. KORKYT_MT_ENGINES='[{"kind": "apertium", "url": "http://localhost:2737"}]')."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a JSON array: {exc}") from exc
    if not isinstance(value, list):
        raise ImproperlyConfigured(f"{name} must be a JSON array, got {type(value).__name__}")
    return value


def base_dir() -> Path:
    """The project folder that holds ``var/`` (database, media, broker, schedule, secret key).

    ``KORKYT_HOME`` when set; else the source checkout the code runs from (the folder with pyproject.toml
    above ``src/korkyt``); else ``$XDG_DATA_HOME/korkyt`` (``~/.local/share/korkyt``) for an installed
    package. Never the current directory: a command started in another folder must not quietly make a
    second database, broker or secret key there.
    """
    configured = env_str("KORKYT_HOME")
    if configured:
        return Path(configured).expanduser().resolve()
    package = Path(__file__).resolve().parent.parent  # …/src/korkyt
    checkout = package.parent.parent
    if package.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        return checkout
    data_home = env_str("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser().resolve() / "korkyt"


def secret_key(var_dir: Path, *, debug: bool, production: bool) -> str:
    """SECRET_KEY from the environment; outside production a key kept in var/secret_key."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    if production and not debug:
        raise ImproperlyConfigured("SECRET_KEY must be set when KORKYT_ENV=production")
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="ascii")
    path.chmod(0o600)
    return key


def media_storage() -> dict[str, object]:
    """The media storage (``STORAGES["default"]``): files under ``var/media`` written whole or not at all,
    or, when ``KORKYT_MEDIA_S3_BUCKET`` is set, a bucket of an S3-protocol object store (django-storages,
    the ``s3`` extra). An S3 object appears only when its upload is complete, so the whole-or-nothing rule
    holds there too. Credentials: ``KORKYT_MEDIA_S3_ACCESS_KEY`` / ``KORKYT_MEDIA_S3_SECRET_KEY``, else
    boto3's own chain (``AWS_ACCESS_KEY_ID``, an instance role, ``~/.aws``)."""
    bucket = env_str("KORKYT_MEDIA_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "korkyt.core.uploads.AtomicFileSystemStorage"}
    try:
        import storages  # noqa: F401
    except ImportError as error:
        raise ImproperlyConfigured(
            "KORKYT_MEDIA_S3_BUCKET is set but django-storages is not installed: pip install 'korkyt[s3]'"
        ) from error
    style = env_str("KORKYT_MEDIA_S3_ADDRESSING", "auto").lower()
    if style not in {"auto", "path", "virtual"}:
        raise ImproperlyConfigured("KORKYT_MEDIA_S3_ADDRESSING must be auto, path or virtual")
    options: dict[str, object] = {
        "bucket_name": bucket,
        "location": env_str("KORKYT_MEDIA_S3_PREFIX").strip("/"),
        "endpoint_url": env_str("KORKYT_MEDIA_S3_ENDPOINT") or None,
        "region_name": env_str("KORKYT_MEDIA_S3_REGION") or None,
        "addressing_style": None if style == "auto" else style,
        "default_acl": None,  # the bucket's own policy (private): documents leave only through Korkyt's views
        "querystring_auth": True,  # any URL handed out is signed and expires
        "querystring_expire": env_int("KORKYT_MEDIA_S3_URL_SECONDS", 300, minimum=1, maximum=604800),
        "file_overwrite": False,  # a second file of the same name gets another name, as on disk
    }
    access, secret = env_str("KORKYT_MEDIA_S3_ACCESS_KEY"), env_str("KORKYT_MEDIA_S3_SECRET_KEY")
    if bool(access) != bool(secret):
        raise ImproperlyConfigured(
            "set both KORKYT_MEDIA_S3_ACCESS_KEY and KORKYT_MEDIA_S3_SECRET_KEY, or neither"
        )
    if access:
        options.update(access_key=access, secret_key=secret)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
