"""A film entered in a section: nominated by a national agency or sent directly by a producer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from korkyt.core.models import TimeStampedModel
from korkyt.festival.models.calls import DeadlineTier, WaiverCode
from korkyt.festival.models.editions import Premiere, Section


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INCOMPLETE = "incomplete", _("Incomplete")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    IN_REVIEW = "in_review", _("In review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


class Route(models.TextChoices):
    NOMINATION = "nomination", _("National pre-selection")
    DIRECT = "direct", _("Direct submission")


class Nomination(models.TextChoices):
    NONE = "", _("Not a nomination")
    NOMINATED = "nominated", _("Nominated")
    SIGNED_OFF = "signed_off", _("Signed off")


def _upload_to(instance: Submission, filename: str) -> str:
    return f"festival/{instance.section.edition_id}/{instance.pk or 'new'}/{filename}"


class Submission(TimeStampedModel):
    """A film entered in a section. ``country``: the country it represents (its majority producer's, or
    the nominating agency's); ``eligibility``: the reasons found by the last check ([] when eligible)."""

    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("section")
    )
    film = models.ForeignKey(
        "catalogue.Film",
        on_delete=models.PROTECT,
        related_name="festival_submissions",
        verbose_name=_("film"),
    )
    country = CountryField(_("country"))
    route = models.CharField(_("route"), max_length=12, choices=Route.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="festival_submissions",
        verbose_name=_("submitted by"),
    )
    agency = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="festival_nominations",
        verbose_name=_("nominating agency"),
    )
    nomination = models.CharField(
        _("nomination"), max_length=12, choices=Nomination.choices, default=Nomination.NONE, blank=True
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    premiere = models.CharField(
        _("premiere status"), max_length=16, choices=Premiere.choices, default=Premiere.NONE
    )
    runtime = models.PositiveSmallIntegerField(
        _("running time of the screening copy (minutes)"), null=True, blank=True
    )
    screener_url = models.URLField(_("screener link"), max_length=500, blank=True)
    screener_password = models.CharField(_("screener password"), max_length=200, blank=True)
    stills = models.FileField(_("stills"), upload_to=_upload_to, blank=True, max_length=300)
    press_kit = models.FileField(_("press kit"), upload_to=_upload_to, blank=True, max_length=300)
    screening_languages = models.JSONField(_("screening versions"), default=list, blank=True)
    eligibility = models.JSONField(_("eligibility reasons"), default=list, blank=True)
    deadline_tier = models.CharField(
        _("deadline tier"), max_length=10, choices=DeadlineTier.choices, blank=True
    )
    waiver = models.ForeignKey(
        WaiverCode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("waiver code"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "film"], condition=~Q(status="withdrawn"), name="submission_film_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SubmissionStatus.values), name="submission_status_valid"
            ),
            models.CheckConstraint(condition=Q(route__in=Route.values), name="submission_route_valid"),
            models.CheckConstraint(
                condition=Q(route="direct", agency__isnull=True, nomination="")
                | Q(route="nomination", agency__isnull=False) & ~Q(nomination=""),
                name="submission_route_fields",
            ),
        ]
        indexes = [
            models.Index(fields=["section", "status"]),
            models.Index(fields=["section", "country"]),
        ]

    def __str__(self) -> str:
        return f"submission {self.pk}"
