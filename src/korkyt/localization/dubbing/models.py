"""Dubbing jobs and what hangs on them: characters (cast with a catalogue person), the dubbing data of each
adaptation line (its character and loop), and outputs rendered in the background and kept to download.

The adapted text itself lives in the target cues of the job's ``adaptation`` (a ``TranslationJob`` of kind
``adaptation``), so the one cue editor, its autosave and its review states serve subtitles and dubbing
alike (docs/decisions/0006-dubbing-in-the-cue-editor.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from korkyt.core.jobs.rows import KeptFile
from korkyt.core.models import TimeStampedModel
from korkyt.core.translations import LanguageTagField, Text
from korkyt.institutions.models import ActivityRelation

ACTIVITY_AREA = "translation_dubbing"


class DubbingStatus(models.TextChoices):
    ADAPTATION = "adaptation", _("Adaptation")
    APPROVED = "approved", _("Approved")


class VoiceScript(models.TextChoices):
    LATIN = "Latn", _("Latin")
    CYRILLIC = "Cyrl", _("Cyrillic")


def video_path(instance: DubbingJob, filename: str) -> str:
    return f"dubbing/job-{instance.pk or 'new'}/video/{filename}"


class DubbingJob(TimeStampedModel):
    """An order to dub a film into a language: adapted, cast, planned, rendered as a temp track, approved."""

    film = models.ForeignKey(
        "catalogue.Film", on_delete=models.CASCADE, related_name="dubbing_jobs", verbose_name=_("film")
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="dubbing_jobs",
        verbose_name=_("institution"),
    )
    adaptation = models.OneToOneField(
        "localization.TranslationJob",
        on_delete=models.PROTECT,
        related_name="dubbing",
        verbose_name=_("adaptation"),
    )
    source_job = models.ForeignKey(
        "localization.TranslationJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dubbing_jobs",
        verbose_name=_("approved translation"),
    )
    source_track = models.ForeignKey(
        "localization.SubtitleTrack",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dubbing_jobs",
        verbose_name=_("uploaded translation"),
    )
    target_language = LanguageTagField(_("target language"))
    voice_script = models.CharField(
        _("script the voice reads"), max_length=4, choices=VoiceScript.choices, default=VoiceScript.LATIN
    )
    studio_institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="studio_dubbing_jobs",
        verbose_name=_("studio (institution)"),
    )
    studio_company = models.ForeignKey(
        "catalogue.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dubbing_jobs",
        verbose_name=_("studio (company)"),
    )
    adapter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="adapted_dubbing_jobs",
        verbose_name=_("adapter"),
    )
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="directed_dubbing_jobs",
        verbose_name=_("dubbing director"),
    )
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordered by"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    memorandum = models.ForeignKey(
        "institutions.Memorandum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dubbing_jobs",
        verbose_name=_("memorandum"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DubbingStatus.choices, default=DubbingStatus.ADAPTATION
    )
    catalogue_track = models.ForeignKey(
        "catalogue.Track",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue track"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    video = models.FileField(_("video of the film"), upload_to=video_path, blank=True, max_length=300)
    #: the video's frame rate as ffprobe read it, when it is one of TIMECODE_RATES (the script's default)
    video_fps = models.CharField(_("frame rate of the video"), max_length=6, blank=True)
    memorandum_activities = ActivityRelation()
    #: who reads the job under a memorandum besides the public (institutions.selectors.activity_seen)
    activity_view_perm = "localization.view_dubbing"
    activity_fields = ("memorandum",)

    class Meta:
        verbose_name = _("dubbing job")
        verbose_name_plural = _("dubbing jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DubbingStatus.values), name="dubbing_status_valid"),
            models.CheckConstraint(
                condition=Q(voice_script__in=VoiceScript.values), name="dubbing_voice_script_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Dubbing {self.pk} ({self.target_language})"

    def activity_memoranda(self) -> list[tuple[Any, str]]:
        return [(self.memorandum, ACTIVITY_AREA)] if self.memorandum_id else []

    def activity_title(self, language: str) -> Text:
        """The dubbed film's title in ``language`` (the memorandum's pages add ``activity_detail``)."""
        from korkyt.catalogue.selectors import film_title

        return film_title(self.film, language)

    def activity_detail(self, language: str) -> str:
        """ "Dubbing → <target>" in ``language``."""
        from korkyt.core.labels import language_label

        with translation.override(language):
            return f"{_('Dubbing')} → {language_label(self.target_language)}"

    def activity_url(self) -> str:
        """The public page of the film dubbed."""
        return self.film.activity_url()


class DubbingCharacter(models.Model):
    """A character of the film as the dubbing job knows it: detected, renamed or merged, cast."""

    job = models.ForeignKey(
        DubbingJob, on_delete=models.CASCADE, related_name="characters", verbose_name=_("dubbing job")
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(_("order"), default=0)
    voice_actor = models.ForeignKey(
        "catalogue.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dubbing_roles",
        verbose_name=_("voice actor"),
    )

    class Meta:
        verbose_name = _("character")
        verbose_name_plural = _("characters")
        ordering = ["job", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["job", "name"], name="dubbing_character_unique")]

    def __str__(self) -> str:
        return self.name


class DubbingLine(models.Model):
    """The dubbing side of one adaptation cue: who speaks it and in which loop."""

    job = models.ForeignKey(DubbingJob, on_delete=models.CASCADE, related_name="lines")
    cue = models.OneToOneField("localization.TargetCue", on_delete=models.CASCADE, related_name="dubbing")
    character = models.ForeignKey(
        DubbingCharacter, on_delete=models.SET_NULL, null=True, blank=True, related_name="lines"
    )
    loop = models.PositiveIntegerField(default=0)
    #: The isochrony of the cue as last computed (korkyt.localization.dubbing.fits), and the digest of what it
    #: was computed from (text, times, character, language): a line whose digest differs is recomputed.
    fit_ratio = models.FloatField(null=True, blank=True)
    fit_status = models.CharField(max_length=10, blank=True)
    fit_key = models.CharField(max_length=24, blank=True)

    class Meta:
        ordering = ["job", "cue__position"]

    def __str__(self) -> str:
        return f"{self.job_id}#{self.cue_id}"


class OutputKind(models.TextChoices):
    SCRIPT = "script", _("Dubbing script")
    ISOCHRONY = "isochrony", _("Isochrony report")
    TEMP_TRACK = "temp_track", _("Temp voice track")
    MKV = "mkv", _("Film with the temp track")


#: kind → formats it is rendered in
OUTPUT_FORMATS: dict[str, tuple[str, ...]] = {
    OutputKind.SCRIPT: ("pdf", "docx", "csv"),
    OutputKind.ISOCHRONY: ("html", "json"),
    OutputKind.TEMP_TRACK: ("wav", "flac"),
    OutputKind.MKV: ("mkv", "mp4"),
}


#: Frame rates a dubbing script's timecode may count (korkyt.dubbing.timecode); 29.97 is drop-frame.
TIMECODE_RATES = ("23.976", "24", "25", "29.97", "30")
#: The rate a script is timed at when neither the request nor the source track gives one (cinema's).
DEFAULT_TIMECODE_RATE = "24"


def output_path(instance: DubbingOutput, filename: str) -> str:
    return f"dubbing/job-{instance.job_id}/{instance.pk or 'new'}-{filename}"


class DubbingOutput(KeptFile):
    """A file made from a dubbing job in the background and kept to download."""

    job = models.ForeignKey(DubbingJob, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("kind"), max_length=12, choices=OutputKind.choices)
    format = models.CharField(_("format"), max_length=8)
    file = models.FileField(_("file"), upload_to=output_path, blank=True, max_length=300)
    #: the script's timecode: the picture's frame rate (one of TIMECODE_RATES) and the timecode of its first
    #: frame (``01:00:00:00``; blank for 00:00:00:00). Blank for the other kinds.
    fps = models.CharField(_("frame rate"), max_length=6, blank=True)
    start_timecode = models.CharField(_("first timecode"), max_length=11, blank=True)
    download_view = "localization:dubbing_download"
    api_file_view = "api:dubbing_output_file"

    class Meta(KeptFile.Meta):
        verbose_name = _("dubbing output")
        verbose_name_plural = _("dubbing outputs")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OutputKind.values), name="dubbing_output_kind_valid")
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.kind}.{self.format} #{self.pk}"


class VoiceKind(models.TextChoices):
    FEMALE = "female", _("Female voice")
    MALE = "male", _("Male voice")
    CHILD = "child", _("Child's voice")


class VoiceRange(models.TextChoices):
    LOW = "low", _("Low")
    MIDDLE = "middle", _("Middle")
    HIGH = "high", _("High")


class VoiceProfile(TimeStampedModel):
    """What a casting search needs to know of a catalogue person as a voice actor: the languages they dub in
    (language subtags, kept as " az tr " so one lookup finds a language on any database), the kind and range
    of their voice, the ages they can play and a note (accents, singing)."""

    person = models.OneToOneField(
        "catalogue.Person", on_delete=models.CASCADE, related_name="voice_profile", verbose_name=_("person")
    )
    languages = models.CharField(_("languages dubbed in"), max_length=80)
    voice = models.CharField(_("voice"), max_length=8, choices=VoiceKind.choices)
    range = models.CharField(_("range"), max_length=8, choices=VoiceRange.choices, blank=True)
    age_min = models.PositiveSmallIntegerField(_("plays ages from"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("plays ages up to"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("voice profile")
        verbose_name_plural = _("voice profiles")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(voice__in=VoiceKind.values), name="voice_profile_voice_valid"),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=models.F("age_max")),
                name="voice_profile_ages_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Voice of person {self.person_id}"

    @property
    def language_list(self) -> list[str]:
        return self.languages.split()
