"""Who writes through the API: the signed-in user behind a request (its token's, else its session's)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:  # accounts builds on core: the user model is named for the type checker only
    from korkyt.accounts.models import User


def api_writer(request: HttpRequest) -> User:
    """The signed-in user behind an API request (``request.auth``, set by the API's authentication); an
    anonymous request is refused (PermissionDenied: the API's 403)."""
    user = getattr(request, "auth", None)
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    return cast("User", user)
