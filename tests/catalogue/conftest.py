from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import InstitutionFactory, MembershipFactory, UserFactory


@pytest.fixture
def kz():  # type: ignore[no-untyped-def]
    """The institution whose editors change films on the pages (the API's tests name their own)."""
    return InstitutionFactory(code="KZ-FILM")


@pytest.fixture
def editor(kz):  # type: ignore[no-untyped-def]
    """A browser signed in as an editor of ``kz``."""
    client = Client()
    client.force_login(MembershipFactory(user=UserFactory(username="ed"), institution=kz).user)
    return client
