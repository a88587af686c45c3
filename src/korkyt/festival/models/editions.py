"""An edition of the festival, its sections with their entry rules, and a section's review criteria."""

from __future__ import annotations

import zoneinfo

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from korkyt.core.models import TimeStampedModel
from korkyt.core.timezones import DEFAULT_TIME_ZONE, zone
from korkyt.core.translations import LanguageTagField, Text, TranslationModel, translated
from korkyt.events.models import validate_time_zone
from korkyt.institutions.models import ActivityRelation


class Edition(TimeStampedModel):
    """One year's festival. ``results_at``: when the awards are announced (published from then on).
    ``time_zone``: the host city's; screenings are planned, shown and sent in it (the scheduler's local
    times are wall times of this zone)."""

    number = models.PositiveSmallIntegerField(_("edition"), unique=True)
    city = models.CharField(_("host city"), max_length=120)
    country = CountryField(_("host country"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venues = models.JSONField(_("venues"), default=list, blank=True)
    organisers = models.ManyToManyField(
        "institutions.Institution", blank=True, related_name="festival_editions", verbose_name=_("organisers")
    )
    memorandum = models.ForeignKey(
        "institutions.Memorandum",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="festival_editions",
        verbose_name=_("memorandum"),
    )
    area = models.ForeignKey(
        "institutions.CooperationArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="festival_editions",
        verbose_name=_("area of cooperation"),
    )
    results_at = models.DateTimeField(_("results announced"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[validate_time_zone]
    )
    one_main_award_per_film = models.BooleanField(_("one main award per film"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    #: The language the notes and the venues' names above are written in (their ``lang`` on pages).
    language = LanguageTagField(_("language of the venues and notes"), default="en")
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    memorandum_activities = ActivityRelation()

    class Meta:
        verbose_name = _("festival edition")
        verbose_name_plural = _("festival editions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="edition_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"Korkyt Ata {self.number} ({self.city} {self.starts_on.year})"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        """The edition's time zone (the default one for a name no longer known)."""
        return zone(self.time_zone) or zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    def activity_title(self, language: str) -> Text:
        """The edition's name in ``language`` (the festival's name and its host city as the catalogue has
        them)."""
        from django.utils import translation

        from korkyt.festival.selectors import edition_name

        with translation.override(language):
            return Text(edition_name(self), translation.get_language() or "en")

    def activity_url(self) -> str:
        return reverse("festival:edition", args=[self.number])


class SectionKind(models.TextChoices):
    FEATURE = "feature", _("Feature competition")
    DOCUMENTARY = "documentary", _("Documentary competition")
    ANIMATION = "animation", _("Animation")
    SHORTS = "shorts", _("Shorts")
    PANORAMA = "panorama", _("Panorama")
    RETROSPECTIVE = "retrospective", _("Retrospective")


COMPETITIVE = (SectionKind.FEATURE, SectionKind.DOCUMENTARY, SectionKind.ANIMATION, SectionKind.SHORTS)


class Premiere(models.TextChoices):
    NONE = "none", _("No premiere required")
    NATIONAL = "national", _("National premiere")
    REGIONAL = "regional", _("Regional premiere")
    INTERNATIONAL = "international", _("International premiere")
    WORLD = "world", _("World premiere")


PREMIERE_RANK = {p: i for i, p in enumerate(Premiere.values)}


class Section(models.Model):
    """A section of an edition and its entry rules. Empty ``countries``: every country may enter;
    ``jury_languages``: the jury needs the film subtitled or dubbed in at least one of them;
    ``entries_close_at``: the section's own deadline (the earlier of it and the call's last one applies)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sections", verbose_name=_("festival edition")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SectionKind.choices)
    year_from = models.PositiveSmallIntegerField(_("produced from"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("produced until"), null=True, blank=True)
    runtime_min = models.PositiveSmallIntegerField(_("shortest running time"), null=True, blank=True)
    runtime_max = models.PositiveSmallIntegerField(_("longest running time"), null=True, blank=True)
    countries = models.JSONField(_("eligible countries"), default=list, blank=True)
    premiere = models.CharField(
        _("premiere required"), max_length=16, choices=Premiere.choices, default=Premiere.NONE
    )
    jury_languages = models.JSONField(_("language versions for the jury"), default=list, blank=True)
    max_per_country = models.PositiveSmallIntegerField(_("entries per country"), null=True, blank=True)
    direct_allowed = models.BooleanField(_("direct submissions"), default=True)
    reviews_per_entry = models.PositiveSmallIntegerField(_("reviews per entry"), default=3)
    #: Entries to this section close here, earlier than the call's last deadline (None: at that deadline).
    entries_close_at = models.DateTimeField(_("entries close"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["edition", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="section_kind_once"),
            models.CheckConstraint(condition=Q(kind__in=SectionKind.values), name="section_kind_valid"),
            models.CheckConstraint(condition=Q(premiere__in=Premiere.values), name="section_premiere_valid"),
            models.CheckConstraint(
                condition=Q(runtime_min__isnull=True)
                | Q(runtime_max__isnull=True)
                | Q(runtime_max__gte=F("runtime_min")),
                name="section_runtime_range",
            ),
            models.CheckConstraint(
                condition=Q(year_from__isnull=True)
                | Q(year_to__isnull=True)
                | Q(year_to__gte=F("year_from")),
                name="section_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition_id} · {self.kind}"

    @property
    def competitive(self) -> bool:
        return self.kind in COMPETITIVE


class Criterion(models.Model):
    """A line of a section's review form: a score from 0 to ``max_score`` counted with ``weight``. Its label
    is written in one or more languages (``CriterionLabel``); a reviewer reads it in theirs when staff gave
    it, else along the fallback chain."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["section", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="criterion_code_once"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    def label_in(self, language: str) -> Text:
        """The label in ``language`` or the nearest one written, with its tag (the code when none is)."""
        return translated(self.labels.all(), language, field="text") or Text(self.code, "zxx")

    def label_texts(self) -> dict[str, str]:
        """Every label written, by language tag."""
        return {row.language: row.text for row in self.labels.all()}


class CriterionLabel(TranslationModel):
    """A criterion's label in one language."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="labels")
    text = models.CharField(_("criterion"), max_length=200)

    class Meta:
        verbose_name = _("criterion label")
        verbose_name_plural = _("criterion labels")
        constraints = [models.UniqueConstraint(fields=["criterion", "language"], name="criterion_label_once")]
