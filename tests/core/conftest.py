from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

# The workbench's world (institutions, users with roles, a film, a source track, a memorandum) and a job.
from tests.localization.conftest import job, world  # noqa: F401


@pytest.fixture(autouse=True)
def _interface_language_reset() -> Iterator[None]:
    """A page requested in /kk/ leaves Kazakh active in the thread: later tests must not read it."""
    yield
    translation.deactivate()
