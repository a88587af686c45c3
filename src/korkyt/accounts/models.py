"""Users and their profiles, roles held on a scope (an institution, a festival edition, an event, a
co-production), and personal API tokens."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

from korkyt.core.models import TimeStampedModel
from korkyt.core.translations import TranslationModel


class Role(models.TextChoices):
    EDITOR = "editor", _("Institution editor")
    FESTIVAL_STAFF = "festival_staff", _("Festival staff")
    JUROR = "juror", _("Juror")
    TRANSLATOR = "translator", _("Translator")
    REVIEWER = "reviewer", _("Reviewer")
    EDITION_MANAGER = "edition_manager", _("Edition manager")
    EVENT_MANAGER = "event_manager", _("Event manager")
    EVENT_HOST = "event_host", _("Event host")
    PRODUCER = "producer", _("Producer")


# The staff roles a manager of a scope may grant on that same scope (platform administrators grant any).
MANAGER_GRANTS: dict[str, frozenset[str]] = {
    Role.EDITION_MANAGER: frozenset({Role.FESTIVAL_STAFF, Role.JUROR, Role.EDITION_MANAGER}),
    Role.EVENT_MANAGER: frozenset({Role.EVENT_HOST, Role.FESTIVAL_STAFF, Role.EVENT_MANAGER}),
    Role.PRODUCER: frozenset({Role.PRODUCER}),  # a co-production's producers add their colleagues
}

# The roles someone who is not a platform administrator passes on by invitation, never directly: anyone may
# sign up and become a producer (of a project of their own), so a producer's grant is an offer the person
# accepts (``RoleInvitation``), not a role put on their account.
INVITED_ROLES: frozenset[str] = frozenset({Role.PRODUCER})
INVITATION_DAYS = 14


class Script(models.TextChoices):
    CYRILLIC = "Cyrl", _("Cyrillic")
    LATIN = "Latn", _("Latin")


class User(AbstractUser):
    """A person who signs in. Platform admins are superusers; everything else comes from role assignments.

    People from outside the agencies sign up themselves; the profile fields below are theirs to edit.
    """

    language = models.CharField(
        _("interface language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    script = models.CharField(_("preferred script"), max_length=4, choices=Script.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_company = models.ForeignKey(
        "catalogue.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation in the catalogue"),
    )

    if TYPE_CHECKING:  # spelled out for the type checker (reverse relation and foreign-key id)
        names: RelatedManager[UserName]
        organisation_company_id: int | None

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class UserName(TranslationModel):
    """A person's full name in one language and script (``kk-Cyrl``, ``kk-Latn``, ``en`` …)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="names", verbose_name=_("user"))
    full_name = models.CharField(_("full name"), max_length=200)

    objects: ClassVar[models.Manager[UserName]] = models.Manager()

    class Meta:
        verbose_name = _("name")
        verbose_name_plural = _("names")
        constraints = [models.UniqueConstraint(fields=["user", "language"], name="user_name_unique")]

    def __str__(self) -> str:
        return f"{self.full_name} [{self.language}]"


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self, at: dt.datetime | None = None) -> RoleAssignmentQuerySet:
        """Assignments in force at ``at`` (now): started (or no start) and not ended (or no end)."""
        at = at or timezone.now()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=at),
            Q(valid_until__isnull=True) | Q(valid_until__gt=at),
        )

    def on(self, scope: models.Model) -> RoleAssignmentQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(scope), object_id=scope.pk)

    def on_model(self, model: type[models.Model]) -> RoleAssignmentQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class RoleAssignment(TimeStampedModel):
    """A user holds a role on one object (the scope): an institution, a festival edition, an event, a
    co-production. Optionally only from ``valid_from`` and until ``valid_until``: outside that window the
    assignment grants nothing. This is the one record of who holds which role where."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of scope")
    )
    object_id = models.PositiveBigIntegerField(_("scope id"))
    scope = GenericForeignKey("content_type", "object_id")
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )

    objects = RoleAssignmentQuerySet.as_manager()
    if TYPE_CHECKING:
        content_type_id: int

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "content_type", "object_id"], name="role_assignment_unique"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="role_assignment_role_valid"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gt=models.F("valid_from")),
                name="role_assignment_window_valid",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="role_assignment_scope")]

    def __str__(self) -> str:
        return f"{self.user} · {self.role} · {self.content_type_id}:{self.object_id}"

    def is_active(self, at: dt.datetime | None = None) -> bool:
        at = at or timezone.now()
        return (self.valid_from is None or self.valid_from <= at) and (
            self.valid_until is None or self.valid_until > at
        )


class RoleInvitation(TimeStampedModel):
    """A role on a scope offered to an email address (``INVITED_ROLES``): the address is mailed a link, and
    the person signed in with that confirmed address accepts (the role is granted, by ``invited_by``) or
    declines it. Only a SHA-256 hash of the link's secret is stored. Pending until answered, revoked by the
    scope's managers, or past ``expires_at``."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        REVOKED = "revoked", _("revoked")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of scope")
    )
    object_id = models.PositiveBigIntegerField(_("scope id"))
    scope = GenericForeignKey("content_type", "object_id")
    email = models.EmailField(_("email address"), max_length=254)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    if TYPE_CHECKING:
        content_type_id: int
        invited_by_id: int | None

    class Meta:
        verbose_name = _("role invitation")
        verbose_name_plural = _("role invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="role_invitation_role_valid"),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="role_invitation_scope"),
            models.Index(fields=["email", "state"], name="role_invitation_email"),
        ]

    def __str__(self) -> str:
        return f"{self.role} · {self.content_type_id}:{self.object_id} · {self.state}"

    def is_open(self, at: dt.datetime | None = None) -> bool:
        """Pending and not expired: it may still be accepted or declined."""
        return self.state == self.State.PENDING and self.expires_at > (at or timezone.now())


class ApiToken(TimeStampedModel):
    """A personal API token. Only a SHA-256 hash of the secret is stored; the token is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=12, unique=True)
    key_hash = models.CharField(_("key hash"), max_length=64)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
