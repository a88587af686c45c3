"""A co-production project: its texts per language, partners, financing plan, key creative and technical
elements, and the review by the competent authority of each partner country."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from korkyt.core.models import TimeStampedModel
from korkyt.core.translations import LanguageTagField, Text, TranslationModel, translated
from korkyt.institutions.models import ActivityRelation
from korkyt.treaties import CURRENCIES, DOCUMENT_NAMES

CURRENCY_CHOICES = [(c, c) for c in CURRENCIES]

#: Amounts (financing lines, the budget) stay below this, rates below MAX_RATE: larger ones do not come
#: back from every database (SQLite reads decimals as floats, and a figure near the column's limit
#: overflows it on the way back).
MAX_AMOUNT = Decimal(10) ** 15
MAX_RATE = Decimal(10) ** 9


class ProjectKind(models.TextChoices):
    FICTION = "fiction", _("Fiction")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")


class ProjectStage(models.TextChoices):
    DEVELOPMENT = "development", _("Development")
    FINANCING = "financing", _("Financing")
    PRODUCTION = "production", _("Production")
    POST_PRODUCTION = "post_production", _("Post-production")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class Project(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ProjectStage.choices, default=ProjectStage.DEVELOPMENT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    original_language = LanguageTagField(_("original language"), blank=True)
    shooting_starts_on = models.DateField(_("shooting starts"), null=True, blank=True)
    shooting_ends_on = models.DateField(_("shooting ends"), null=True, blank=True)
    applied_on = models.DateField(_("applied to the authorities"), null=True, blank=True)
    runtime_min = models.PositiveIntegerField(_("running time (minutes)"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=18, decimal_places=2, null=True, blank=True)
    #: One or more of the directors attached is a woman (None: not said); Eurimages' cap on its support
    #: reads it.
    female_director = models.BooleanField(_("a female director is attached"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD")
    memorandum = models.ForeignKey(
        "institutions.Memorandum",
        verbose_name=_("memorandum"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coproductions",
    )
    area = models.ForeignKey(
        "institutions.CooperationArea",
        verbose_name=_("area of cooperation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    film = models.ForeignKey(
        "catalogue.Film",
        verbose_name=_("film in the catalogue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coproductions",
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    memorandum_activities = ActivityRelation()  # its record in the memorandum's report goes with it
    activity_fields = ("memorandum",)

    class Meta:
        verbose_name = _("co-production")
        verbose_name_plural = _("co-productions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ProjectKind.values), name="coprod_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(stage__in=ProjectStage.values), name="coprod_stage_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProjectStatus.values), name="coprod_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="coprod_budget_positive",
            ),
        ]
        permissions = [
            ("submit_project", "Can submit a co-production to the authorities"),
            ("review_project", "Can decide on a co-production for an authority"),
        ]

    def activity_title(self, language: str) -> Text:
        """The title in ``language`` along the fallback chain, with its tag (shown in memoranda reports)."""
        picked = translated(self.translations.all(), language, self.original_language or None, field="title")
        return picked or Text(f"#{self.pk}", "en")

    def activity_url(self) -> str:
        """The project's page once approved (before, only its partners and authorities see it)."""
        return (
            reverse("coproduction:project_detail", args=[self.pk])
            if self.status == ProjectStatus.APPROVED
            else ""
        )

    def __str__(self) -> str:
        first = next(iter(self.translations.all()), None)
        return first.title if first is not None and first.title else f"#{self.pk}"


class ProjectText(TranslationModel):
    """The project's title, logline and synopsis in one language."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="translations", verbose_name=_("co-production")
    )
    title = models.CharField(_("title"), max_length=300)
    logline = models.CharField(_("logline"), max_length=500, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)

    class Meta:
        verbose_name = _("title and texts")
        verbose_name_plural = _("titles and texts")
        constraints = [models.UniqueConstraint(fields=["project", "language"], name="coprod_text_unique")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class PartnerRole(models.TextChoices):
    MAJORITY = "majority", _("Majority co-producer")
    MINORITY = "minority", _("Minority co-producer")
    FINANCIAL = "financial", _("Financial co-producer")


class Partner(models.Model):
    """A co-producer: a catalogue company or an institution (or, before either is in the catalogue, a
    name), with its country."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("co-production")
    )
    company = models.ForeignKey(
        "catalogue.Company", verbose_name=_("company"), on_delete=models.PROTECT, null=True, blank=True
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    country = CountryField(_("country"))
    role = models.CharField(
        _("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.MINORITY
    )
    finance_only = models.BooleanField(_("financial only"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=PartnerRole.values), name="coprod_partner_role_valid"
            ),
            models.UniqueConstraint(
                fields=["project", "company"],
                condition=models.Q(company__isnull=False),
                name="coprod_partner_company_unique",
            ),
            models.UniqueConstraint(
                fields=["project", "institution"],
                condition=models.Q(institution__isnull=False),
                name="coprod_partner_institution_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.country}"


class SourceKind(models.TextChoices):
    PARTNER_EQUITY = "partner_equity", _("Partner's own investment")
    NATIONAL_FUND = "national_fund", _("National film fund")
    TURKSOY = "turksoy", _("TÜRKSOY")
    BROADCASTER = "broadcaster", _("Broadcaster")
    EURIMAGES = "eurimages", _("Eurimages")
    OTHER = "other", _("Other")


class SourceStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Pending")


class FinancingSource(models.Model):
    """One line of the financing plan. ``partner`` is the co-producer whose share it counts toward; ``rate``
    is units of ``currency`` per one unit of the project's currency, as written on ``rate_on``."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="financing", verbose_name=_("co-production")
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("counts toward partner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sources",
    )
    kind = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    status = models.CharField(
        _("status"), max_length=20, choices=SourceStatus.choices, default=SourceStatus.PENDING
    )
    rate = models.DecimalField(_("rate"), max_digits=24, decimal_places=12, null=True, blank=True)
    rate_on = models.DateField(_("rate date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("financing source")
        verbose_name_plural = _("financing sources")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="coprod_source_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(rate__isnull=True) | models.Q(rate__gt=0),
                name="coprod_source_rate_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="coprod_source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


class ElementJob(models.TextChoices):
    DIRECTOR = "director", _("Director")
    SCRIPTWRITER = "scriptwriter", _("Scriptwriter")
    COMPOSER = "composer", _("Composer")
    DIRECTOR_OF_PHOTOGRAPHY = "director_of_photography", _("Director of photography")
    SOUND = "sound", _("Sound")
    EDITOR = "editor", _("Editor")
    PRODUCTION_DESIGNER = "production_designer", _("Production designer")
    COSTUME_DESIGNER = "costume_designer", _("Costume designer")
    SHOOTING_LOCATION = "shooting_location", _("Shooting location")
    VFX_LOCATION = "vfx_location", _("VFX location")
    POST_PRODUCTION_LOCATION = "post_production_location", _("Post-production location")
    ROLE = "role", _("Performing role")


class Element(models.Model):
    """A key creative or technical element: who does the job (a catalogue person when known) or where the
    work happens, and the country it counts for. Performing roles carry the days worked."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="elements", verbose_name=_("co-production")
    )
    job = models.CharField(_("job"), max_length=30, choices=ElementJob.choices)
    person = models.ForeignKey(
        "catalogue.Person", verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField(_("name or place"), max_length=300, blank=True)
    country = CountryField(_("country"))
    days = models.PositiveIntegerField(_("days worked"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(job__in=ElementJob.values), name="coprod_element_job_valid"
            ),
            models.UniqueConstraint(
                fields=["project", "job"], condition=~models.Q(job="role"), name="coprod_element_job_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job}: {self.name or self.country}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with comments")


class Review(TimeStampedModel):
    """The decision of one partner country's competent authority (the editors of its national agency)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("co-production")
    )
    country = CountryField(_("country"))
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("authority"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    comments = models.TextField(_("comments"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("authority review")
        verbose_name_plural = _("authority reviews")
        ordering = ["country"]
        constraints = [models.UniqueConstraint(fields=["project", "country"], name="coprod_review_unique")]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.country} · {self.status}"


class DocumentKind(models.TextChoices):
    """The documents an instrument's application asks for (korkyt.treaties DOCUMENT_NAMES)."""

    SYNOPSIS = "synopsis", _("Synopsis")
    TREATMENT = "treatment", _("Treatment")
    SCRIPT = "script", _("Script")
    CONTRACT = "contract", _("Co-production contract")
    RIGHTS = "rights", _("Rights acquisition contract")
    CAST_AND_CREW = "cast_and_crew", _("Cast and crew list")
    BUDGET = "budget", _("Budget")
    FINANCING_PLAN = "financing_plan", _("Financing plan")
    SCHEDULE = "schedule", _("Production schedule")


def document_path(instance: ProjectDocument, filename: str) -> str:
    """Stored under a name the platform chooses (never the uploader's)."""
    return f"coproductions/{instance.project_id}/{instance.kind}-{instance.token}.{instance.extension}"


class ProjectDocument(TimeStampedModel):
    """One document of the application file: the current version of its kind for the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    file_type = models.CharField(_("type"), max_length=10)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(_("size"))
    token = models.CharField(max_length=32)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["project", "kind"]
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="coprod_document_unique")]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.kind} · {self.filename}"


assert {k.value for k in DocumentKind} == set(DOCUMENT_NAMES)
