"""The jury: jurors per competition section, their conflicts of interest, viewing and sealed scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from korkyt.festival.models.editions import Edition, Section
from korkyt.festival.models.submissions import Submission


class JuryMember(models.Model):
    """A juror of a competition section (holding the juror role on the edition)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="jury", verbose_name=_("festival edition")
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="jury", verbose_name=_("section")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="festival_juries",
        verbose_name=_("user"),
    )
    person = models.ForeignKey(
        "catalogue.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="festival_juries",
        verbose_name=_("person"),
    )
    president = models.BooleanField(_("president"), default=False)

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [models.UniqueConstraint(fields=["section", "user"], name="juror_once")]

    def __str__(self) -> str:
        return f"juror {self.user_id} · {self.section_id}"


class ConflictSource(models.TextChoices):
    CREDIT = "credit", _("Credited on the film")
    COMPANY = "company", _("Works for one of its companies")
    ENTRANT = "entrant", _("Entered the film")
    DECLARED = "declared", _("Declared")


class Conflict(models.Model):
    """A conflict of interest between a juror and a film; the juror is recused from it."""

    juror = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="conflicts")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="conflicts")
    source = models.CharField(_("source"), max_length=10, choices=ConflictSource.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["juror", "submission"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.juror_id} × {self.submission_id} ({self.source})"


class JuryVote(models.Model):
    """A juror's viewing (``seen_at``) and score of a selected film. Scores are sealed: nobody but the
    juror reads them before the section's deliberation opens."""

    juror = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="votes")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="jury_votes")
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("jury vote")
        verbose_name_plural = _("jury votes")
        constraints = [
            models.UniqueConstraint(fields=["juror", "submission"], name="jury_vote_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(seen_at__isnull=False), name="jury_vote_seen_first"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=10), name="jury_vote_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} · {self.submission_id}"
