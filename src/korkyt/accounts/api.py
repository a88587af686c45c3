"""API: who am I, and personal API tokens."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from korkyt.accounts import selectors, services
from korkyt.accounts.auth import actor, by_token
from korkyt.accounts.models import ApiToken, User
from korkyt.accounts.schemas import MembershipOut, MeOut, TokenCreatedOut, TokenIn, TokenOut
from korkyt.core.errors import ERRORS
from korkyt.core.http import get_visible_or_404
from korkyt.core.ratelimit import hit

router = Router(tags=["accounts"])


def _signed_in(request: HttpRequest) -> User:
    user = actor(request)
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The signed-in user")
def me(request: HttpRequest) -> MeOut:
    user = _signed_in(request)
    return MeOut(
        username=user.username,
        name=str(user),
        language=user.language,
        is_platform_admin=user.is_superuser,
        memberships=[
            MembershipOut(institution=m.institution.code, role=m.role)
            for m in selectors.membership_list(user=user)
        ],
    )


@router.get("/tokens", response={200: list[TokenOut], **ERRORS}, summary="My API tokens")
def token_list(request: HttpRequest) -> list[ApiToken]:
    return list(selectors.token_list(user=_signed_in(request)))


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, **ERRORS},
    summary="Create an API token (from a signed-in browser session only)",
    description=(
        "Tokens are created from a signed-in browser session (with its CSRF token), never with another "
        "token: a token cannot mint tokens that outlive it or survive its revocation (403). Limited per "
        "user (KORKYT_RATE_TOKENS, shared with the web page): past it, 429 with Retry-After."
    ),
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[TokenCreatedOut]:
    user = _signed_in(request)
    if by_token(request):
        raise PermissionDenied(
            _("API tokens are created from a signed-in browser session, not with a token.")
        )
    hit(request, action="token_create", setting="KORKYT_RATE_TOKENS", user=user)
    token, secret = services.token_create(
        user=user, name=payload.name, expires_in_days=payload.expires_in_days
    )
    out = TokenCreatedOut.model_validate({**TokenOut.from_orm(token).model_dump(), "token": secret})
    return Status(201, out)


@router.delete("/tokens/{token_id}", response={204: None, **ERRORS}, summary="Revoke an API token")
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    token = get_visible_or_404(selectors.token_list(user=_signed_in(request)), pk=token_id)
    services.token_revoke(token=token)
    return Status(204, None)
