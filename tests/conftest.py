from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests import dbcache

dbcache.install()  # the test database is migrated once and copied after (tests/dbcache.py)

PURE = {"translit", "subtitles", "mt", "dubbing", "scheduling", "treaties", "judging"}
REDIS_URL = os.environ.get("KORKYT_TEST_REDIS_URL", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests_dir = Path(__file__).parent
    for item in items:
        try:
            part = Path(item.fspath).relative_to(tests_dir).parts[0]
        except ValueError:
            continue
        if part in PURE:
            item.add_marker(pytest.mark.pure)
        if "redis" in item.keywords and not REDIS_URL:
            item.add_marker(pytest.mark.skip(reason="Redis does not answer (set KORKYT_TEST_REDIS_URL)"))


@pytest.fixture(autouse=True)
def _forget_search_words() -> None:
    """A test's rolled-back index must not leave remembered dictionary words to the next test."""
    dictionary = sys.modules.get("korkyt.search.dictionary")
    if dictionary is not None:
        dictionary.forget()
    selectors = sys.modules.get("korkyt.localization.selectors")
    if selectors is not None:  # the glossary kept per process belongs to the test that read it
        selectors._GLOSSARY_CACHE.clear()


@pytest.fixture(autouse=True)
def _forget_thumbnails() -> None:
    """sorl-thumbnail remembers thumbnails in a cache; the test database that also held them is rolled back."""
    from django.core.cache import caches

    caches["thumbnails"].clear()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the default language: a page request in another one leaves its language active
    in the thread, and the next test on that worker would read its messages in it."""
    translation = sys.modules.get("django.utils.translation")
    if translation is not None:
        translation.deactivate()


@pytest.fixture
def redis_url() -> str:
    return REDIS_URL
