"""The film catalogue, aligned with EN 15907 (cinematographic works): a Film (the work) has titles in many
languages and scripts, credits of people and companies, and Versions (variants) with Tracks (subtitles, dub,
audio description, SDH) per language tag.

Titles and names live in translation tables keyed by a BCP 47 tag with script (``kk-Cyrl``, ``kk-Latn``,
``uz-Latn``, ``en`` …) so they can be indexed and searched; transliterations made by the platform are rows
with ``generated=True`` pointing at the title they were made from.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from korkyt.core.models import ImageKind, ImageRelation, TimeStampedModel
from korkyt.core.translations import LanguageTagField, Text, TranslationModel
from korkyt.institutions.models import ActivityRelation

TITLE_MAX = 300
NAME_MAX = 200
SYNOPSIS_MAX = 5000
YEAR_MIN = 1888  # the first surviving films
YEAR_MAX = 2100


class FilmKind(models.TextChoices):
    FEATURE = "feature", _("Feature film")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")
    SHORT = "short", _("Short film")


class FilmStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class CountryRole(models.TextChoices):
    MAJORITY = "majority", _("Majority co-producer")
    MINORITY = "minority", _("Minority co-producer")
    PARTICIPATING = "participating", _("Participating")


class TitleKind(models.TextChoices):
    ORIGINAL = "original", _("Original title")
    TRANSLATED = "translated", _("Translated title")
    TRANSLITERATED = "transliterated", _("Transliterated title")
    ALTERNATIVE = "alternative", _("Alternative title")
    FESTIVAL = "festival", _("Festival title")
    WORKING = "working", _("Working title")


# External identifiers and their formats (checked by the services and the model validators).
imdb_film_validator = RegexValidator(r"^tt\d{7,9}$", _("An IMDb title id looks like tt0066161."))
imdb_person_validator = RegexValidator(r"^nm\d{7,9}$", _("An IMDb name id looks like nm0451234."))
tmdb_validator = RegexValidator(r"^\d{1,9}$", _("A TMDB id is a number."))
wikidata_validator = RegexValidator(r"^Q[1-9]\d{0,11}$", _("A Wikidata id looks like Q4063395."))
eidr_validator = RegexValidator(
    r"^10\.5240/([0-9A-F]{4}-){5}[0-9A-Z]$",
    _("An EIDR id looks like 10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C (hexadecimal groups, check character)."),
)
isan_validator = RegexValidator(
    r"^(ISAN )?[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-Z](-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-Z])?$",
    _("An ISAN looks like 0000-0000-3A8D-0000-Z-0000-0000-6 (hexadecimal groups and check characters)."),
)


class Film(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=12, choices=FilmKind.choices, default=FilmKind.FEATURE)
    year = models.PositiveSmallIntegerField(_("production year"), null=True, blank=True)
    runtime = models.PositiveSmallIntegerField(_("running time (minutes)"), null=True, blank=True)
    original_languages = models.JSONField(_("original languages"), default=list, blank=True)
    owner = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="films",
        verbose_name=_("owning institution"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FilmStatus.choices, default=FilmStatus.DRAFT
    )
    imdb_id = models.CharField(_("IMDb id"), max_length=12, blank=True, validators=[imdb_film_validator])
    tmdb_id = models.CharField(_("TMDB id"), max_length=10, blank=True, validators=[tmdb_validator])
    wikidata_id = models.CharField(
        _("Wikidata id"), max_length=13, blank=True, validators=[wikidata_validator]
    )
    eidr_id = models.CharField(_("EIDR id"), max_length=40, blank=True, validators=[eidr_validator])
    isan = models.CharField(_("ISAN"), max_length=40, blank=True, validators=[isan_validator])
    source_urls = models.JSONField(_("sources"), default=list, blank=True)
    memorandum = models.ForeignKey(
        "institutions.Memorandum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="films",
        verbose_name=_("memorandum"),
    )
    area = models.ForeignKey(
        "institutions.CooperationArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="films",
        verbose_name=_("area of cooperation"),
    )
    #: Its record under ``memorandum`` (in ``area``) goes with the film and follows those two fields.
    memorandum_activities = ActivityRelation()
    images = ImageRelation(kinds=[ImageKind.POSTER, ImageKind.STILL], perm="catalogue.change_film")
    activity_fields = ("memorandum", "area")

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        ordering = ["-year", "pk"]
        indexes = [models.Index(fields=["status", "year"]), models.Index(fields=["kind", "year"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FilmKind.values), name="film_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=FilmStatus.values), name="film_status_valid"),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX),
                name="film_year_range",
            ),
            models.CheckConstraint(
                condition=Q(runtime__isnull=True) | Q(runtime__gte=1, runtime__lte=1500),
                name="film_runtime_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Film {self.pk}"

    def activity_memoranda(self) -> list[tuple[Any, Any]]:
        return [(self.memorandum, self.area)] if self.memorandum_id and self.area_id else []

    def activity_title(self, language: str) -> Text:
        from korkyt.catalogue.selectors import film_title

        return film_title(self, language)

    def activity_url(self) -> str:
        """The film's public page, once published (a memorandum's pages link to it)."""
        return reverse("catalogue:film_detail", args=[self.pk]) if self.is_public else ""

    @property
    def is_public(self) -> bool:
        return self.status == FilmStatus.PUBLISHED


class FilmCountry(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="countries")
    country = CountryField(_("country"))
    role = models.CharField(
        _("role"), max_length=14, choices=CountryRole.choices, default=CountryRole.MAJORITY
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("production country")
        verbose_name_plural = _("production countries")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["country", "film"])]
        constraints = [
            models.UniqueConstraint(fields=["film", "country"], name="film_country_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.film_id} · {self.country}"


class FilmTitle(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="titles", verbose_name=_("film"))
    text = models.CharField(_("title"), max_length=TITLE_MAX)
    language = LanguageTagField(_("language"))
    kind = models.CharField(_("kind"), max_length=16, choices=TitleKind.choices, default=TitleKind.ORIGINAL)
    generated = models.BooleanField(_("generated"), default=False)
    scheme = models.CharField(_("transliteration scheme"), max_length=20, blank=True)
    source = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("generated from"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("film title")
        verbose_name_plural = _("film titles")
        ordering = ["generated", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["film", "language", "text"], name="film_title_unique"),
            models.CheckConstraint(condition=Q(kind__in=TitleKind.values), name="film_title_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"


class FilmSynopsis(TranslationModel):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="synopses", verbose_name=_("film"))
    text = models.TextField(_("synopsis"), max_length=SYNOPSIS_MAX)

    class Meta:
        verbose_name = _("synopsis")
        verbose_name_plural = _("synopses")
        constraints = [models.UniqueConstraint(fields=["film", "language"], name="film_synopsis_unique")]

    def __str__(self) -> str:
        return f"{self.film_id} [{self.language}]"


class Person(TimeStampedModel):
    owner = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("owning institution"),
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    death_year = models.PositiveSmallIntegerField(_("year of death"), null=True, blank=True)
    imdb_id = models.CharField(_("IMDb id"), max_length=12, blank=True, validators=[imdb_person_validator])
    wikidata_id = models.CharField(
        _("Wikidata id"), max_length=13, blank=True, validators=[wikidata_validator]
    )
    source_urls = models.JSONField(_("sources"), default=list, blank=True)
    images = ImageRelation(kinds=[ImageKind.PORTRAIT], perm="catalogue.change_person")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Person {self.pk}"


class PersonName(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    text = models.CharField(_("name"), max_length=NAME_MAX)
    language = LanguageTagField(_("language"))
    generated = models.BooleanField(_("generated"), default=False)
    scheme = models.CharField(_("transliteration scheme"), max_length=20, blank=True)
    source = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="derived"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("person name")
        verbose_name_plural = _("person names")
        ordering = ["generated", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "language", "text"], name="person_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"


class CompanyKind(models.TextChoices):
    PRODUCTION = "production", _("Production company")
    STUDIO = "studio", _("Studio")
    DISTRIBUTION = "distribution", _("Distributor")
    DUBBING = "dubbing", _("Dubbing studio")


class Company(TimeStampedModel):
    owner = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("owning institution"),
    )
    kind = models.CharField(
        _("kind"), max_length=14, choices=CompanyKind.choices, default=CompanyKind.PRODUCTION
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True, max_length=500)
    source_urls = models.JSONField(_("sources"), default=list, blank=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Company {self.pk}"


class CompanyName(TranslationModel):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=NAME_MAX)

    class Meta:
        verbose_name = _("company name")
        verbose_name_plural = _("company names")
        constraints = [models.UniqueConstraint(fields=["company", "language"], name="company_name_unique")]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class CreditRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    SCREENWRITER = "screenwriter", _("Screenwriter")
    PRODUCER = "producer", _("Producer")
    COMPOSER = "composer", _("Composer")
    CINEMATOGRAPHER = "cinematographer", _("Director of photography")
    EDITOR = "editor", _("Editor")
    PRODUCTION_DESIGNER = "production_designer", _("Production designer")
    SOUND = "sound", _("Sound")
    ACTOR = "actor", _("Actor")
    PRODUCTION_COMPANY = "production_company", _("Production company")
    DISTRIBUTOR = "distributor", _("Distributor")


COMPANY_ROLES = (CreditRole.PRODUCTION_COMPANY, CreditRole.DISTRIBUTOR)


class Credit(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits", verbose_name=_("film"))
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
        verbose_name=_("person"),
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
        verbose_name=_("company"),
    )
    role = models.CharField(_("role"), max_length=20, choices=CreditRole.choices)
    character = models.CharField(_("character"), max_length=NAME_MAX, blank=True)
    billing_order = models.PositiveSmallIntegerField(_("billing order"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["position", "billing_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(company__isnull=True))
                | (Q(person__isnull=True) & Q(company__isnull=False)),
                name="credit_person_or_company",
            ),
            models.CheckConstraint(condition=Q(role__in=CreditRole.values), name="credit_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.film_id} · {self.role}"


class VersionKind(models.TextChoices):
    ORIGINAL = "original", _("Original version")
    DIRECTORS_CUT = "directors_cut", _("Director's cut")
    DUBBED = "dubbed", _("Dubbed version")
    SUBTITLED = "subtitled", _("Subtitled version")
    RESTORED = "restored", _("Restored version")


class TrackKind(models.TextChoices):
    SUBTITLES = "subtitles", _("Subtitles")
    DUB = "dub", _("Dubbing")
    AUDIO_DESCRIPTION = "audio_description", _("Audio description")
    SDH = "sdh", _("Subtitles for the deaf and hard of hearing")


class TrackStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    IN_PROGRESS = "in_progress", _("In progress")
    PLANNED = "planned", _("Planned")


class Version(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="versions", verbose_name=_("film"))
    kind = models.CharField(
        _("kind"), max_length=14, choices=VersionKind.choices, default=VersionKind.ORIGINAL
    )
    language = LanguageTagField(_("language"), blank=True)
    runtime = models.PositiveSmallIntegerField(_("running time (minutes)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.film_id} · {self.kind}"


class Track(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("film"))
    version = models.ForeignKey(
        Version,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tracks",
        verbose_name=_("version"),
    )
    kind = models.CharField(_("kind"), max_length=18, choices=TrackKind.choices)
    language = LanguageTagField(_("language"))
    status = models.CharField(
        _("status"), max_length=12, choices=TrackStatus.choices, default=TrackStatus.PLANNED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["kind", "language", "pk"]
        indexes = [models.Index(fields=["language", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=TrackKind.values), name="track_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=TrackStatus.values), name="track_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.film_id} · {self.kind} [{self.language}]"
