"""Subtitle localization: source tracks and their cues, translation and transliteration jobs with target
cues in review states, the shared translation memory and the glossary.

A source track is a subtitle file uploaded for a film (its cues stored as rows, its check findings kept);
a job turns it into a target language and script. Target cues move untranslated → draft → needs editing →
waiting for review → approved and remember where their text came from (memory, machine translation,
transliteration or a person). Approved cues become translation-memory units shared across the network.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from korkyt.core.jobs.rows import BackgroundWork, KeptFile
from korkyt.core.models import TimeStampedModel
from korkyt.core.translations import LanguageTagField, Text
from korkyt.institutions.models import ActivityRelation
from korkyt.mt.memory import normalise

ACTIVITY_AREA = "translation_dubbing"  # the area of cooperation a job is recorded under
CUE_TEXT_MAX = 2000
#: A reviewer's comment on a cue: kept whole or refused (services.cue_review), never cut.
COMMENT_MAX = 1000
#: A source cue's speaker (a WebVTT voice, the ASS/SSA Name field): a longer name is cut on upload.
SPEAKER_MAX = 100


class TrackState(models.TextChoices):
    """Where a version of a source track stands. Exactly one version per film and language is current;
    only a current track makes the film's catalogue track available to the public."""

    CURRENT = "current", _("Current")
    HELD = "held", _("Held: has errors")
    SUPERSEDED = "superseded", _("Replaced by a newer version")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SubtitleTrack(TimeStampedModel):
    """A subtitle file uploaded for a film: the source of translation jobs.

    Uploading another file for the same film and language adds a version (``version`` counts them,
    ``replaces`` points to the version that was current). A file whose check found errors is held until it
    is replaced by a clean one or someone accepts it knowingly (``accepted_by``); a withdrawn version is
    kept for the record but shown to nobody outside the workbench."""

    film = models.ForeignKey(
        "catalogue.Film", on_delete=models.CASCADE, related_name="subtitle_tracks", verbose_name=_("film")
    )
    language = LanguageTagField(_("language"))
    catalogue_track = models.ForeignKey(
        "catalogue.Track",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue track"),
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=16)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    #: the frame rate the file carried (MicroDVD's, or the one chosen on upload; DCP SMPTE's EditRate),
    #: used again when the track or a job made from it is exported in a format that counts frames
    fps = models.FloatField(_("frame rate"), null=True, blank=True)
    findings = models.JSONField(_("check findings"), default=list, blank=True)
    summary = models.JSONField(_("check summary"), default=dict, blank=True)
    video_url = models.URLField(_("video URL"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=TrackState.choices, default=TrackState.CURRENT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("replaces")
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("errors accepted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("subtitle track")
        verbose_name_plural = _("subtitle tracks")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "language"],
                condition=Q(state="current"),
                name="subtitle_track_one_current",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["current", "held", "superseded", "withdrawn"]),
                name="subtitle_track_state_valid",
            ),
        ]

    @property
    def error_count(self) -> int:
        return int((self.summary or {}).get("error", 0) or 0)

    def __str__(self) -> str:
        return f"{self.film_id} · {self.language} · {self.file_name}"


class SourceCue(models.Model):
    track = models.ForeignKey(SubtitleTrack, on_delete=models.CASCADE, related_name="cues")
    position = models.PositiveIntegerField()
    start_ms = models.PositiveIntegerField()
    end_ms = models.PositiveIntegerField()
    text = models.TextField(max_length=CUE_TEXT_MAX, blank=True)
    #: who speaks the whole cue, as the file named them; written back by the formats that carry it
    speaker = models.CharField(max_length=SPEAKER_MAX, blank=True, default="")

    class Meta:
        ordering = ["track", "position"]
        constraints = [
            models.UniqueConstraint(fields=["track", "position"], name="source_cue_position_unique"),
            models.CheckConstraint(condition=Q(end_ms__gte=models.F("start_ms")), name="source_cue_times"),
        ]

    def __str__(self) -> str:
        return f"{self.track_id}#{self.position}"


class JobKind(models.TextChoices):
    TRANSLATION = "translation", _("Translation")
    TRANSLITERATION = "transliteration", _("Transliteration")
    #: the translation adapted for lip-sync, owned by a dubbing job (korkyt.localization.dubbing)
    ADAPTATION = "adaptation", _("Dubbing adaptation")


class JobStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    IN_PROGRESS = "in_progress", _("In progress")
    APPROVED = "approved", _("Approved")


class TranslationJob(TimeStampedModel):
    """An order to turn a source track into another language or script, worked on and reviewed."""

    kind = models.CharField(_("kind"), max_length=16, choices=JobKind.choices, default=JobKind.TRANSLATION)
    source = models.ForeignKey(
        SubtitleTrack, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("source track")
    )
    film = models.ForeignKey(
        "catalogue.Film", on_delete=models.CASCADE, related_name="translation_jobs", verbose_name=_("film")
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="translation_jobs",
        verbose_name=_("institution"),
    )
    source_language = LanguageTagField(_("source language"))
    target_language = LanguageTagField(_("target language"))
    scheme = models.CharField(_("transliteration scheme"), max_length=20, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_translation_jobs",
        verbose_name=_("translator"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_translation_jobs",
        verbose_name=_("reviewer"),
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
    qa_profile = models.CharField(_("QA profile"), max_length=30, default="netflix-adult")
    memorandum = models.ForeignKey(
        "institutions.Memorandum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translation_jobs",
        verbose_name=_("memorandum"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.PREPARING
    )
    catalogue_track = models.ForeignKey(
        "catalogue.Track",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue track"),
    )
    background = models.ForeignKey(
        "core.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
    )
    mt_note = models.CharField(_("machine translation"), max_length=300, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    #: Its record under ``memorandum`` goes with the job (also when its film is deleted) and follows it.
    memorandum_activities = ActivityRelation()
    #: who reads the job under a memorandum besides the public (institutions.selectors.activity_seen)
    activity_view_perm = "localization.view_job"
    activity_fields = ("memorandum",)

    class Meta:
        verbose_name = _("translation job")
        verbose_name_plural = _("translation jobs")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["film", "target_language"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=JobKind.values), name="job_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="job_status_valid"),
        ]

    def __str__(self) -> str:
        return f"Job {self.pk} ({self.source_language} → {self.target_language})"

    def activity_memoranda(self) -> list[tuple[Any, str]]:
        return [(self.memorandum, ACTIVITY_AREA)] if self.memorandum_id else []

    def activity_title(self, language: str) -> Text:
        """The film's title in ``language`` (the memorandum's pages add ``activity_detail``)."""
        from korkyt.catalogue.selectors import film_title

        return film_title(self.film, language)

    def activity_detail(self, language: str) -> str:
        """ "<source> → <target>" in ``language``."""
        from korkyt.core.labels import language_label

        with translation.override(language):
            return f"{language_label(self.source_language)} → {language_label(self.target_language)}"

    def activity_url(self) -> str:
        """The public page of the film translated (the job itself is the workbench's)."""
        return self.film.activity_url()


class CueState(models.TextChoices):
    UNTRANSLATED = "untranslated", _("Untranslated")
    DRAFT = "draft", _("Draft")
    NEEDS_EDITING = "needs_editing", _("Needs editing")
    WAITING_REVIEW = "waiting_review", _("Waiting for review")
    APPROVED = "approved", _("Approved")


class CueOrigin(models.TextChoices):
    NONE = "", _("Empty")
    MEMORY_EXACT = "tm_exact", _("Memory (exact)")
    MEMORY_FUZZY = "tm_fuzzy", _("Memory (fuzzy)")
    MACHINE = "mt", _("Machine translation")
    TRANSLITERATION = "translit", _("Transliteration")
    HUMAN = "human", _("Translator")


class TargetCue(models.Model):
    job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="cues")
    source = models.ForeignKey(SourceCue, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    start_ms = models.PositiveIntegerField()
    end_ms = models.PositiveIntegerField()
    text = models.TextField(max_length=CUE_TEXT_MAX, blank=True)
    state = models.CharField(max_length=16, choices=CueState.choices, default=CueState.UNTRANSLATED)
    origin = models.CharField(max_length=10, choices=CueOrigin.choices, default=CueOrigin.NONE, blank=True)
    score = models.FloatField(null=True, blank=True)
    engine = models.CharField(max_length=60, blank=True)
    comment = models.CharField(max_length=COMMENT_MAX, blank=True)
    #: the text was changed since the reviewer wrote ``comment``: it is about an earlier text (kept, shown
    #: as such; services.cue_save sets it, a review clears it)
    comment_outdated = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="target_cue_position_unique"),
            models.CheckConstraint(condition=Q(state__in=CueState.values), name="target_cue_state_valid"),
            models.CheckConstraint(condition=Q(origin__in=CueOrigin.values), name="target_cue_origin_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}#{self.position}"


class MemoryUnit(models.Model):
    """One translation-memory unit, shared across the network (approved cues and imported TMX)."""

    source_language = LanguageTagField(_("source language"))
    target_language = LanguageTagField(_("target language"))
    source_text = models.TextField(max_length=CUE_TEXT_MAX)
    target_text = models.TextField(max_length=CUE_TEXT_MAX)
    #: ``korkyt.mt.memory.normalise(source_text)``, stored so that loading a pair's memory does not
    #: normalise every unit again; set on save and by the bulk writers, filled in when found empty.
    source_key = models.TextField(blank=True, default="", editable=False)
    film = models.ForeignKey(
        "catalogue.Film", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    context = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=150, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    target_cue = models.OneToOneField(
        TargetCue, on_delete=models.SET_NULL, null=True, blank=True, related_name="memory_unit"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation-memory unit")
        verbose_name_plural = _("translation-memory units")
        ordering = ["pk"]
        indexes = [models.Index(fields=["source_language", "target_language"])]

    def __str__(self) -> str:
        return f"{self.source_language}→{self.target_language} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.source_key = normalise(self.source_text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "source_text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "source_key"}
        super().save(*args, **kwargs)


class GlossaryConcept(TimeStampedModel):
    """A glossary entry: a character, a place or a term, named in several languages."""

    code = models.CharField(_("identifier"), max_length=100, blank=True)
    definition = models.CharField(_("definition"), max_length=1000, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    do_not_translate = models.BooleanField(_("do not translate"), default=False)

    class Meta:
        verbose_name = _("glossary concept")
        verbose_name_plural = _("glossary concepts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code or f"Concept {self.pk}"


class GlossaryTerm(models.Model):
    concept = models.ForeignKey(
        GlossaryConcept, on_delete=models.CASCADE, related_name="terms", verbose_name=_("glossary concept")
    )
    language = LanguageTagField(_("language"))
    text = models.CharField(_("term"), max_length=300)
    forbidden = models.BooleanField(_("forbidden"), default=False)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["concept", "language", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "language", "text"], name="glossary_term_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"


def mask_secret(secret: str) -> str:
    """``"••••abcd"`` for a secret of 12 characters or more, ``"••••"`` for a shorter one, ``""`` for none."""
    if not secret:
        return ""
    return "••••" + (secret[-4:] if len(secret) >= 12 else "")


class EngineKind(models.TextChoices):
    LIBRETRANSLATE = "libretranslate", "LibreTranslate"
    APERTIUM = "apertium", "Apertium APy"
    OPENAI = "openai", _("OpenAI-compatible chat server")
    CTRANSLATE2 = "ctranslate2", _("CTranslate2 model directory")


class MachineTranslationEngine(models.Model):
    """A machine-translation engine configured by a platform administrator, used after those of the
    KORKYT_MT_ENGINES setting (same fields as korkyt.mt's configuration)."""

    name = models.SlugField(_("name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=EngineKind.choices)
    url = models.URLField(_("server address"), max_length=500, blank=True)
    model = models.CharField(
        _("model"),
        max_length=500,
        blank=True,
        help_text=_("Chat model name, or the model directory for CTranslate2."),
    )
    api_key = models.CharField(_("API key"), max_length=300, blank=True)
    pairs = models.CharField(
        _("language pairs"),
        max_length=1000,
        blank=True,
        help_text=_("Comma-separated, e.g. kk>tr, tr>az; empty: ask the server."),
    )
    options = models.JSONField(
        _("other options"), default=dict, blank=True, help_text=_('e.g. {"timeout": 30, "retries": 2}')
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("machine-translation engine")
        verbose_name_plural = _("machine-translation engines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EngineKind.values), name="mt_engine_kind_valid")
        ]

    def __str__(self) -> str:
        return self.name  # never the API key (nor repr, which is built on it)

    def masked_api_key(self) -> str:
        """The stored API key as pages may show it: its last four characters at most."""
        return mask_secret(self.api_key)

    def as_config(self) -> dict[str, object]:
        entry: dict[str, object] = {"kind": self.kind, "name": self.name}
        if self.url:
            entry["url"] = self.url
        if self.model:
            entry["model"] = self.model
        if self.api_key:
            entry["api_key"] = self.api_key
        pairs = [p.strip() for p in self.pairs.split(",") if p.strip()]
        if pairs:
            entry["pairs"] = pairs
        if isinstance(self.options, dict):
            entry.update({k: v for k, v in self.options.items() if k not in entry})
        return entry


def delivery_path(instance: Delivery, filename: str) -> str:
    return f"deliveries/job-{instance.job_id}/{instance.pk or 'new'}-{filename}"


class Delivery(KeptFile):
    """An export of a job's target in one subtitle format, rendered in the background and kept to download."""

    job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="deliveries")
    format = models.CharField(_("format"), max_length=20)
    file = models.FileField(_("file"), upload_to=delivery_path, blank=True, max_length=300)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    download_view = "localization:delivery_download"
    api_file_view = "api:delivery_file"

    class Meta(KeptFile.Meta):
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.job_id}:{self.format} #{self.pk}"


class QualityCheck(BackgroundWork):
    """A check of a job's whole target against its QA profile and the glossary, run in the background."""

    job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="quality_checks")
    #: {"errors": n, "warnings": n, "infos": n, "cues": cues with findings, "codes": {code: n}}
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta(BackgroundWork.Meta):
        verbose_name = _("quality check")
        verbose_name_plural = _("quality checks")

    def __str__(self) -> str:
        return f"{self.job_id} check #{self.pk}"


# Dubbing jobs live in their own module of this app (docs/decisions/0006-dubbing-in-the-cue-editor.md).
from korkyt.localization.dubbing.models import (  # noqa: E402, F401
    DubbingCharacter,
    DubbingJob,
    DubbingLine,
    DubbingOutput,
    VoiceProfile,
)
