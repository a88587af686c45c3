"""The festival's records: an edition with its sections (and their rules), the call for entries with its
deadline tiers and waiver codes, submissions (nominated by a national agency or sent directly by a
producer), the selection committee's reviews, the jury's viewing and scores, and the awards.

A submission's status is a core workflow (workflows.py); every decision is an audited transition."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from korkyt.core.models import TimeStampedModel
from korkyt.core.timezones import zone
from korkyt.core.translations import Text, TranslationModel
from korkyt.events.models import validate_time_zone
from korkyt.institutions.models import ActivityRelation

#: The time zone of a host country's festival city (Kazakhstan is on UTC+5 throughout since 2024).
COUNTRY_TIME_ZONES = {
    "KZ": "Asia/Aqtau",
    "AZ": "Asia/Baku",
    "KG": "Asia/Bishkek",
    "TM": "Asia/Ashgabat",
    "TR": "Europe/Istanbul",
    "UZ": "Asia/Tashkent",
}
DEFAULT_TIME_ZONE = "Asia/Aqtau"


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

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sections")
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
    position = models.PositiveSmallIntegerField(default=0)

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
    """A line of a section's review form: a score from 0 to ``max_score`` counted with ``weight``."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("criterion"), max_length=200)
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


class DeadlineTier(models.TextChoices):
    EARLY = "early", _("Early")
    REGULAR = "regular", _("Regular")
    LATE = "late", _("Late")
    EXTENDED = "extended", _("Extended")


TIER_ORDER = list(DeadlineTier.values)


class Call(TimeStampedModel):
    """The edition's call for entries: open from ``opens_at``, closing at its last deadline tier."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="call")
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

    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="submissions")
    film = models.ForeignKey("catalogue.Film", on_delete=models.PROTECT, related_name="festival_submissions")
    country = CountryField(_("country"))
    route = models.CharField(_("route"), max_length=12, choices=Route.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="festival_submissions"
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
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
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
    waiver = models.ForeignKey(WaiverCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

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


class JuryMember(models.Model):
    """A juror of a competition section (holding the juror role on the edition)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="jury")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="festival_juries"
    )
    person = models.ForeignKey(
        "catalogue.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="festival_juries"
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


class AwardKind(models.TextChoices):
    MAIN = "main", _("Main award")
    AWARD = "award", _("Award")
    SPECIAL = "special", _("Special award")
    MENTION = "mention", _("Special mention")


class Award(models.Model):
    """An award of an edition (of one section, or of the whole festival)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="awards")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="awards"
    )
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices, default=AwardKind.AWARD)
    ex_aequo = models.BooleanField(_("ex aequo allowed"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

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


from korkyt.festival.programme.models import (  # noqa: E402,F401  (the programme's models, same app)
    GridVersion,
    Room,
    Screening,
    ScreeningKind,
    ScreeningState,
    TicketPolicy,
    Venue,
)
