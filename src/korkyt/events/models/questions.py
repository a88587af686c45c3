"""The questions of an event's forms (registration, follow-up, feedback) and the same questions in other
languages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from korkyt.core.translations import Text, TranslationModel, pick_row


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    COUNTRY = "country", _("Country")
    FILE = "file", _("File upload")
    CONSENT = "consent", _("Consent")


class FormKind(models.TextChoices):
    REGISTRATION = "registration", _("Registration form")
    FOLLOWUP = "followup", _("Follow-up form (confirmed participants)")
    FEEDBACK = "feedback", _("Feedback survey (after attending)")


class Question(models.Model):
    """A question of one of an event's forms: the registration form, the follow-up form opened to
    confirmed participants (travel, visa letter, dietary needs) or the feedback survey opened to those
    checked in. ``choices`` lists the options of choice questions."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="questions")
    form = models.CharField(_("form"), max_length=12, choices=FormKind.choices, default=FormKind.REGISTRATION)
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=500)
    choices = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"),
            models.CheckConstraint(condition=Q(form__in=FormKind.values), name="question_form_valid"),
        ]

    def __str__(self) -> str:
        return self.label

    def shown_in(self, language: str) -> tuple[Text, list[tuple[str, str]]]:
        """The question as a reader of ``language`` reads it: its label in their language where the
        organisers gave one, else along the fallback chain (English, then the question as written, taken to
        be in the event's original language), with its tag; and its options as (stored value, text shown)
        pairs. An answer is stored as the option as written, whatever language it was chosen in."""
        written = QuestionWritten(self.event.original_language, self.label, list(self.choices))
        rows: list[QuestionWritten | QuestionTranslation] = [*self.translations.all(), written]
        shown = pick_row(rows, language, self.event.original_language) or written
        texts = list(shown.choices) if len(shown.choices) == len(self.choices) else list(self.choices)
        return Text(shown.label, shown.language), list(zip(self.choices, texts, strict=True))

    def texts(self) -> dict[str, tuple[str, list[str]]]:
        """The label and options given in each other language, by tag."""
        return {row.language: (row.label, list(row.choices)) for row in self.translations.all()}

    def labels_and_options(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """The question in each other language, and its options in those that give them, by tag (as the
        services take them and the API gives them)."""
        texts = self.texts()
        return (
            {tag: label for tag, (label, _options) in texts.items()},
            {tag: options for tag, (_label, options) in texts.items() if options},
        )


@dataclass(frozen=True)
class QuestionWritten:
    """A question as the organisers wrote it, read like one of its translations."""

    language: str
    label: str
    choices: list[str]


class QuestionTranslation(TranslationModel):
    """A question in another language: its label and, for a choice question, its options in the same
    order as the options as written."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="translations", verbose_name=_("question")
    )
    label = models.CharField(_("question"), max_length=500)
    choices = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        verbose_name = _("question in another language")
        verbose_name_plural = _("questions in other languages")
        constraints = [
            models.UniqueConstraint(fields=["question", "language"], name="question_translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label} [{self.language}]"
