"""Writes on users and their profiles, role assignments and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts import personal_data
from korkyt.accounts.models import MANAGER_GRANTS, ApiToken, Role, RoleAssignment, User, UserName
from korkyt.accounts.rules import forget_memberships, may_grant
from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_erase_person
from korkyt.core.audit.context import recorded_as
from korkyt.core.dates import format_moment
from korkyt.core.languages import content_language_choices
from korkyt.core.models import DELETED_USERS
from korkyt.core.permissions import is_platform_admin

TOKEN_PREFIX = "kt_"  # noqa: S105 - a public marker, not a secret
MAX_TOKENS_PER_USER = 20


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
    language: str = "en",
    validate: bool = True,
) -> User:
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("A username is required.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
        language=language,
    )
    if password:
        if validate:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_profile_update(
    *,
    user: User,
    language: str,
    script: str = "",
    country: str = "",
    organisation: str = "",
    organisation_company: Any = None,
) -> User:
    """The person's own profile: interface language and script, country, organisation (free text or a
    company of the catalogue)."""
    user.language = language
    user.script = script
    user.country = country
    user.organisation = organisation.strip()
    user.organisation_company = organisation_company
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=["language", "script", "country", "organisation", "organisation_company"])
    return user


#: Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): typed into a name, an unclosed one
#: reverses whatever follows the name on its line. Names in right-to-left scripts need none.
_DIRECTION_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@transaction.atomic
def user_name_set(*, user: User, language: str, full_name: str) -> UserName | None:
    """The person's full name in one language and script; an empty name removes that language's name."""
    full_name = full_name.strip()
    if language not in dict(content_language_choices()):
        raise ValidationError({"language": _("Unknown language.")})
    if not full_name:
        UserName.objects.filter(user=user, language=language).delete()
        return None
    if len(full_name) > 200:
        raise ValidationError({"full_name": _("At most 200 characters.")})
    if _DIRECTION_MARKS.search(full_name):  # they would reverse the rest of every line the name is shown on
        raise ValidationError(
            {"full_name": _("A name may not hold invisible marks that change the direction of the text.")}
        )
    name, _created = UserName.objects.update_or_create(
        user=user, language=language, defaults={"full_name": full_name}
    )
    return name


@transaction.atomic
def user_delete(*, user: User, password: str) -> None:
    """Delete one's own account and the data attached to it (names, addresses, roles, tokens, sessions).

    Work that others depend on (a translation job one is assigned to) keeps the account until reassigned.
    """
    if not user.has_usable_password() or not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    if user.is_superuser:
        raise ValidationError({"__all__": _("A platform administrator's account is deleted by another one.")})
    try:
        with transaction.atomic():
            personal_data.leave(user)  # each app's part: seats handed back, refusals with their reason
            user_id, username = user.pk, user.username
            assignments = list(user.role_assignments.values_list("pk", flat=True))
            try:
                user.delete()
            finally:  # the id no longer names someone being deleted (a later account may get it on SQLite)
                DELETED_USERS.discard(user_id)
            # The audit entries stay, without the person: what they did names an erased account, and
            # the entries about their account, names, tokens and roles keep no name nor value of theirs.
            audit_erase_person(user_id=user_id, username=username, dependents={RoleAssignment: assignments})
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise ValidationError(
            {
                "__all__": _(
                    "You are named on work that others depend on (%(kinds)s); ask for it to be reassigned "
                    "first."
                )
                % {"kinds": ", ".join(kinds)}
            }
        ) from exc


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def user_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Unknown interface language.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def check_role(role: str, scope: models.Model | None) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if scope is None or getattr(scope, "pk", None) is None:
        raise ValidationError({"scope": _("A role is held on a saved object.")})


@transaction.atomic
def role_grant(
    *,
    actor: Actor,
    user: User,
    role: str,
    scope: models.Model,
    valid_from: dt.datetime | None = None,
    valid_until: dt.datetime | None = None,
    on_behalf_of: User | None = None,
) -> RoleAssignment:
    """Give ``user`` the ``role`` on ``scope`` (optionally for a time window). Platform administrators grant
    any role; a manager of an edition or event grants its staff roles on that same scope. Granting an
    existing role again updates its window.

    ``on_behalf_of``: the person whose action this is when a service grants as ``SYSTEM`` after checking
    their right itself (an edition's staff appointing a juror): the grant names them as its granter and the
    change history records it as theirs, not the platform's."""
    check_role(role, scope)
    if not may_grant(actor, role, scope):
        raise PermissionDenied(_("You may not grant this role here."))
    if valid_from and valid_until and valid_until <= valid_from:
        raise ValidationError({"valid_until": _("The end must come after the start.")})
    if not is_platform_admin(actor):
        _check_manager_grant(actor, user, role, scope, valid_until)
    granted_by = on_behalf_of if on_behalf_of is not None else actor if isinstance(actor, User) else None
    with recorded_as(saved_user(on_behalf_of)):
        assignment, _created = RoleAssignment.objects.update_or_create(
            user=user,
            role=role,
            content_type=ContentType.objects.get_for_model(scope),
            object_id=scope.pk,
            defaults={"valid_from": valid_from, "valid_until": valid_until, "granted_by": granted_by},
        )
    forget_memberships(user)
    return assignment


def _check_manager_grant(
    actor: Actor, user: User, role: str, scope: models.Model, valid_until: dt.datetime | None
) -> None:
    """A manager grants staff roles, not more than they hold: never to themselves (a manager for a week
    would make themselves one for good), and never past the end of their own role that allows the grant."""
    if getattr(actor, "pk", None) == user.pk:
        raise ValidationError(
            {"email": _("You may not grant a role to yourself; ask a platform administrator.")}
        )
    check_own_window(actor, role, scope, valid_until)


def check_own_window(actor: Actor, role: str, scope: models.Model, valid_until: dt.datetime | None) -> None:
    """A manager's grant (or invitation) ends by the end of the manager's own role that allows it."""
    held_roles = RoleAssignment.objects.on(scope).active().filter(user_id=getattr(actor, "pk", None) or 0)
    ends = [held.valid_until for held in held_roles if role in MANAGER_GRANTS.get(held.role, frozenset())]
    if not ends or None in ends:
        return
    own_end = max(end for end in ends if end is not None)
    if valid_until is None or valid_until > own_end:
        raise ValidationError(
            {
                "valid_until": _("Your own role here ends at %(moment)s: grant this one until then at most.")
                % {"moment": format_moment(timezone.localtime(own_end))}
            }
        )


@transaction.atomic
def role_revoke(
    *, actor: Actor, user: User, role: str, scope: models.Model, on_behalf_of: User | None = None
) -> None:
    """Take the role on ``scope`` away from ``user`` (the same permission as granting it). ``on_behalf_of``:
    as for :func:`role_grant`, the person the change history records as having taken it."""
    check_role(role, scope)
    if not may_grant(actor, role, scope):
        raise PermissionDenied(_("You may not grant this role here."))
    with recorded_as(saved_user(on_behalf_of)):
        RoleAssignment.objects.on(scope).filter(user=user, role=role).delete()
    forget_memberships(user)


@transaction.atomic
def token_create(*, user: User, name: str, expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token; returns (row, plaintext). The plaintext is never stored and cannot be shown again."""
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the token a name.")
    elif len(name) > 100:
        errors["name"] = _("At most 100 characters.")
    if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
        errors["expires_in_days"] = _("Between 1 and 3650 days.")
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_TOKENS_PER_USER:
        errors["name"] = _("You have too many active tokens; revoke one first.")
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 4 billion
        prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, key_hash=_hash(secret), expires_at=expires_at
    )
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user owning this token, or None. Records the last use (at most once a minute)."""
    if not raw.startswith(TOKEN_PREFIX) or raw.count("_") < 2:
        return None
    prefix, _sep, secret = raw[len(TOKEN_PREFIX) :].partition("_")
    token = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
        return None
    now = timezone.now()
    if token.expires_at and token.expires_at <= now:
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
