"""Test settings: the real settings plus a fake app whose model stands for later apps' activities."""

import os
import tempfile

from korkyt.config.settings import *  # noqa: F403
from korkyt.config.settings import ALLOWED_HOSTS, CACHES, DATABASES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.fakeapp"]
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # Django's test client
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 is tested explicitly
MEDIA_ROOT = tempfile.mkdtemp(prefix="korkyt-test-media-")
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "korkyt.core.uploads.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = tempfile.mkdtemp(prefix="korkyt-test-static-")
# sorl-thumbnail's memory of the thumbnails it made, in a cache of its own that each test starts empty
# (tests/conftest.py): a test's rolled-back database must not leave thumbnails remembered to the next.
CACHES = {**CACHES, "thumbnails": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
THUMBNAIL_CACHE = "thumbnails"

# KORKYT_TEST_SQLITE_FILE=1: the SQLite test database is a file (WAL, a real lock between connections)
# instead of a shared in-memory one; scripts/test.sh runs the concurrency tests this way too.
if os.environ.get("KORKYT_TEST_SQLITE_FILE") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.mkdtemp(prefix="korkyt-test-db-"), "t.sqlite3")
    }

# The suite makes many writes from one address within a minute; tests/accounts/test_ratelimit.py sets its own.
KORKYT_RATE_API_WRITES = "100000/m"
KORKYT_RATE_TOKENS = "100000/m"
