"""Awards of an edition, with their names per language, their winners and the jury's statements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from korkyt.core.translations import TranslationModel
from korkyt.festival.models.editions import Edition, Section
from korkyt.festival.models.submissions import Submission


class AwardKind(models.TextChoices):
    MAIN = "main", _("Main award")
    AWARD = "award", _("Award")
    SPECIAL = "special", _("Special award")
    MENTION = "mention", _("Special mention")


class Award(models.Model):
    """An award of an edition (of one section, or of the whole festival)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="awards", verbose_name=_("festival edition")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("section"),
    )
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices, default=AwardKind.AWARD)
    ex_aequo = models.BooleanField(_("ex aequo allowed"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["edition", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="award_code_once"),
            models.CheckConstraint(condition=Q(kind__in=AwardKind.values), name="award_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.code


class AwardTranslation(TranslationModel):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("award name")
        verbose_name_plural = _("award names")
        constraints = [models.UniqueConstraint(fields=["award", "language"], name="award_translation_once")]


class AwardWinner(models.Model):
    """A film (and optionally a person) given an award. Past editions may name a film outside any
    submission: ``film`` then, with ``submission`` empty."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="winners")
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="awards"
    )
    film = models.ForeignKey("catalogue.Film", on_delete=models.PROTECT, related_name="festival_awards")
    person = models.ForeignKey(
        "catalogue.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="festival_awards"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("award winner")
        verbose_name_plural = _("award winners")
        constraints = [models.UniqueConstraint(fields=["award", "film"], name="award_winner_once")]

    def __str__(self) -> str:
        return f"{self.award_id} · {self.film_id}"


class AwardStatement(TranslationModel):
    """The jury's statement for a winner, per language."""

    winner = models.ForeignKey(AwardWinner, on_delete=models.CASCADE, related_name="statements")
    text = models.TextField(_("statement"))

    class Meta:
        verbose_name = _("jury statement")
        verbose_name_plural = _("jury statements")
        constraints = [models.UniqueConstraint(fields=["winner", "language"], name="statement_once")]
