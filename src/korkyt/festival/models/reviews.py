"""The selection committee: its reviewers, who reviews which entry, and the reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from korkyt.core.models import TimeStampedModel
from korkyt.festival.models.editions import Edition
from korkyt.festival.models.submissions import Submission


class CommitteeMember(models.Model):
    """A reviewer of the selection committee of an edition: the sections they review (codes), the
    countries whose entries they review (empty: any) and the most reviews they take (empty: balanced)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="festival_committees"
    )
    person = models.ForeignKey(
        "catalogue.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sections = models.JSONField(_("sections"), default=list)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("most reviews"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [models.UniqueConstraint(fields=["edition", "user"], name="committee_member_once")]

    def __str__(self) -> str:
        return f"reviewer {self.user_id} · {self.edition_id}"


class Assignment(models.Model):
    """A reviewer of the selection committee assigned to a submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="festival_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="assignment_once"),
        ]
        indexes = [models.Index(fields=["reviewer", "submission"])]

    def __str__(self) -> str:
        return f"{self.reviewer_id} → {self.submission_id}"


class Flag(models.TextChoices):
    NONE = "", _("No flag")
    GREEN = "green", _("Green: strong")
    YELLOW = "yellow", _("Yellow: discuss")
    RED = "red", _("Red: problem")


class Review(TimeStampedModel):
    """One reviewer's review of an assigned submission. ``scores``: {criterion code: number};
    ``total``: their weighted mean on a 0–10 scale; ``note``: private to the reviewer."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    scores = models.JSONField(_("scores"), default=dict)
    total = models.FloatField(_("total"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    note = models.TextField(_("private note"), blank=True)
    flag = models.CharField(_("flag"), max_length=8, choices=Flag.choices, blank=True, default="")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [models.CheckConstraint(condition=Q(flag__in=Flag.values), name="review_flag_valid")]
