"""The call for entries: its deadline tiers with their fees and its waiver codes."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from korkyt.core.models import TimeStampedModel
from korkyt.festival.models.editions import Edition


class DeadlineTier(models.TextChoices):
    EARLY = "early", _("Early")
    REGULAR = "regular", _("Regular")
    LATE = "late", _("Late")
    EXTENDED = "extended", _("Extended")


TIER_ORDER = list(DeadlineTier.values)


class Call(TimeStampedModel):
    """The edition's call for entries: open from ``opens_at``, closing at its last deadline tier."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="call", verbose_name=_("festival edition")
    )
    opens_at = models.DateTimeField(_("opens"))
    is_open = models.BooleanField(_("open"), default=False)

    class Meta:
        verbose_name = _("call for entries")
        verbose_name_plural = _("calls for entries")

    def __str__(self) -> str:
        return f"call {self.edition_id}"


class Deadline(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="deadlines")
    tier = models.CharField(_("tier"), max_length=10, choices=DeadlineTier.choices)
    closes_at = models.DateTimeField(_("closes"))
    fee_eur = models.PositiveIntegerField(_("fee (EUR)"), default=0)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["closes_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "tier"], name="deadline_tier_once"),
            models.CheckConstraint(condition=Q(tier__in=DeadlineTier.values), name="deadline_tier_valid"),
        ]

    def __str__(self) -> str:
        return self.tier


class WaiverCode(models.Model):
    """A code that waives the fee (and admits after the last deadline when ``late_entry``)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="waivers")
    code = models.CharField(_("code"), max_length=40)
    max_uses = models.PositiveIntegerField(_("uses"), default=1)
    used = models.PositiveIntegerField(default=0, editable=False)
    late_entry = models.BooleanField(_("admits late entries"), default=False)

    class Meta:
        verbose_name = _("waiver code")
        verbose_name_plural = _("waiver codes")
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="waiver_code_once"),
            models.CheckConstraint(condition=Q(used__lte=F("max_uses")), name="waiver_not_overused"),
        ]

    def __str__(self) -> str:
        return self.code
