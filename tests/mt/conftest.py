from __future__ import annotations

from collections.abc import Iterator

import pytest
from mt_http_fakes import FakeServer


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture
def sleeps() -> list[float]:
    """Collects the backoff waits instead of sleeping."""
    return []
