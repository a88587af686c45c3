"""The API's writes are the signed-in user's: an anonymous request is refused before any service runs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from korkyt.core.api_auth import api_writer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_writer_is_the_user_the_api_authenticated():
    request = RequestFactory().post("/api/films")
    user = UserFactory()
    request.auth = user  # type: ignore[attr-defined]
    assert api_writer(request) == user


@pytest.mark.parametrize("auth", [None, AnonymousUser()])
def test_an_anonymous_request_cannot_write(auth):
    request = RequestFactory().post("/api/films")
    if auth is not None:
        request.auth = auth  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied):
        api_writer(request)
