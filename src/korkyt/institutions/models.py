"""Institutions of the network, memoranda of cooperation, areas of cooperation, and the activities that
implement a memorandum (recorded generically, so any later app can report its work against a memorandum)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from korkyt.core.models import ImageKind, ImageRelation, TimeStampedModel
from korkyt.core.translations import LanguageTagField, TranslationModel

NAME_MAX = 300
DESCRIPTION_MAX = 5000


class InstitutionKind(models.TextChoices):
    NATIONAL_AGENCY = "national_agency", _("National film agency")
    STUDIO = "studio", _("Studio")
    FESTIVAL = "festival", _("Festival")
    SCHOOL = "school", _("Film school")
    ARCHIVE = "archive", _("Film archive")
    INTERNATIONAL_ORGANIZATION = "international_organization", _("International organisation")


code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{1,29}$",
    _("Use 2–30 capital Latin letters, digits and hyphens, such as KZ-SCSNC."),
)


class Institution(TimeStampedModel):
    code = models.CharField(_("code"), max_length=30, unique=True, validators=[code_validator])
    kind = models.CharField(_("kind"), max_length=32, choices=InstitutionKind.choices)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True, max_length=500)
    native_language = LanguageTagField(_("original language"), default="en")
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("A private record is seen only by its own staff.")
    )
    images = ImageRelation(kinds=[ImageKind.LOGO], perm="institutions.change_institution")

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InstitutionKind.values), name="institution_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class InstitutionTranslation(TranslationModel):
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="translations", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=DESCRIPTION_MAX)

    class Meta:
        verbose_name = _("institution text")
        verbose_name_plural = _("institution texts")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "language"], name="institution_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class AreaGroup(models.TextChoices):
    PRODUCTION = "production", _("Joint production")
    TRAINING = "training", _("Training")
    LOCALIZATION = "localization", _("Translation and dubbing")
    FESTIVAL = "festival", _("Festivals")
    OTHER = "other", _("Tourism and dialogue")


class CooperationArea(models.Model):
    """An area of cooperation a memorandum may cover. Names are UI strings (see korkyt.institutions.areas)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=AreaGroup.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area of cooperation")
        verbose_name_plural = _("areas of cooperation")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        from korkyt.institutions.areas import area_name

        return str(area_name(self.code))


class MemorandumStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


def memorandum_document_path(instance: Memorandum, filename: str) -> str:
    return f"memoranda/{instance.pk or 'new'}/memorandum.pdf"


class Memorandum(TimeStampedModel):
    parties: models.ManyToManyField[Institution, MemorandumParty] = models.ManyToManyField(
        Institution, through="MemorandumParty", related_name="memoranda", verbose_name=_("parties")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("precision of the date"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    framework = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="framework_memoranda",
        verbose_name=_("framework"),
        help_text=_("The organisation under whose umbrella it was signed."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MemorandumStatus.choices, default=MemorandumStatus.DRAFT
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document = models.FileField(_("document (PDF)"), upload_to=memorandum_document_path, blank=True)
    areas = models.ManyToManyField(
        CooperationArea, related_name="memoranda", blank=True, verbose_name=_("areas of cooperation")
    )
    source_url = models.URLField(_("source"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("memorandum")
        verbose_name_plural = _("memoranda")
        ordering = ["-signed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=F("signed_on")),
                name="memorandum_valid_after_signed",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MemorandumStatus.values), name="memorandum_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Memorandum {self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status != MemorandumStatus.DRAFT


class MemorandumParty(models.Model):
    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="party_links")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="party_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["memorandum", "institution"], name="memorandum_party_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.memorandum_id} · {self.institution_id}"


class MemorandumTranslation(TranslationModel):
    """A memorandum's texts in one language: any of them may be missing (each falls back on its own)."""

    memorandum = models.ForeignKey(
        Memorandum, on_delete=models.CASCADE, related_name="translations", verbose_name=_("memorandum")
    )
    title = models.CharField(_("title"), max_length=NAME_MAX, blank=True)
    place = models.CharField(_("place of signing"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=DESCRIPTION_MAX)
    text = models.TextField(_("text"), blank=True, max_length=100_000)

    class Meta:
        verbose_name = _("memorandum text")
        verbose_name_plural = _("memorandum texts")
        constraints = [
            models.UniqueConstraint(fields=["memorandum", "language"], name="memorandum_translation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"


class MemorandumActivity(TimeStampedModel):
    """“This activity implements memorandum M in area A.” The activity is any model instance of any app that
    declares an :class:`ActivityRelation`; its title is read from it (``activity_title(language)``)."""

    memorandum = models.ForeignKey(
        Memorandum, on_delete=models.CASCADE, related_name="activities", verbose_name=_("memorandum")
    )
    area = models.ForeignKey(
        CooperationArea,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("area of cooperation"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of activity")
    )
    object_id = models.PositiveBigIntegerField(_("activity id"))
    activity = GenericForeignKey("content_type", "object_id")
    happened_on = models.DateField(_("date"), null=True, blank=True)
    #: The activity's title in the viewer's language with its tag, set by ``selectors.activity_titles``
    #: (not stored); ``detail``: what it adds in the interface language ("Dubbing → Kazakh").
    title: Any = ""
    detail: str = ""
    #: Its public page (``activity_url()`` of the activity; empty while not public) and kind, set alike.
    url: str = ""
    kind: str = ""

    class Meta:
        verbose_name = _("activity under a memorandum")
        verbose_name_plural = _("activities under memoranda")
        ordering = ["-happened_on", "-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["memorandum", "area", "content_type", "object_id"], name="memorandum_activity_unique"
            ),
        ]

    def __str__(self) -> str:
        """Its kind and area ("Co-production project · Joint feature films"), as its history names it: never
        the activity's title, which the reader may not be allowed to see."""
        model = self.content_type.model_class()
        kind = model._meta.verbose_name if model is not None else self.content_type.model
        return f"{capfirst(kind)} · {self.area}"


class ActivityRelation(GenericRelation):
    """Declared on every model whose instances are recorded as activities under memoranda::

        memorandum_activities = ActivityRelation()

    The memorandum's pages name each activity by its ``activity_title(language)`` (a
    ``core.translations.Text`` so that the page marks its ``lang``; a plain string is taken as written in
    ``language``), followed by its ``activity_detail(language)`` when it has one, and link it to the page
    its ``activity_url()`` returns
    (reversed in the active language; an empty string while the public may not see it). The pages read the
    activities of a model together, with the relations its title registration declares
    (``register(Model, title=…, prefetch=("titles",))``, ``core.titles``): ``activity_title``,
    ``activity_detail`` and ``activity_url`` read nothing more, so the pages' queries do not grow with the
    activities.

    Deleting an instance deletes its records, also when it is deleted by a cascade (a film's translation
    jobs) or by a queryset. A model that also defines ``activity_memoranda()`` (the (memorandum, area code)
    pairs its own fields place it under) and ``activity_fields`` (those fields) is moved with them: every
    save that may change them brings its records in line (``services.activity_sync``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("institutions.MemorandumActivity", **kwargs)

    def contribute_to_class(self, cls: type[models.Model], name: str, **kwargs: Any) -> None:  # type: ignore[override]
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract and hasattr(cls, "activity_memoranda"):
            models.signals.post_save.connect(
                _follow, sender=cls, weak=False, dispatch_uid=f"activity-follow-{cls._meta.label}"
            )


def declares_activities(model: type[models.Model]) -> bool:
    return any(isinstance(f, ActivityRelation) for f in model._meta.private_fields)


def _follow(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    fields = set(getattr(sender, "activity_fields", ()))
    if raw or (update_fields is not None and fields and not fields & set(update_fields)):
        return
    from korkyt.institutions.services import activity_sync

    activity_sync(activity=instance)
