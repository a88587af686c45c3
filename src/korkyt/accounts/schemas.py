from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from korkyt.core.schemas import InputSchema


class TokenIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=100, description="What the token is for.")
    expires_in_days: int | None = Field(None, ge=1, le=3650)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="The secret token. Shown once; store it now.")


class MembershipOut(Schema):
    institution: str
    role: str


class MeOut(Schema):
    username: str
    name: str
    language: str
    is_platform_admin: bool
    memberships: list[MembershipOut]
