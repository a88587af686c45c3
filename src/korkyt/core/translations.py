"""Content in many languages: the language-tag column, translation tables and the text shown from them.

- ``LanguageTagField``: every column holding a BCP 47 tag of content (one length, validated against the
  registry in ``core.languages``).
- ``TranslationModel``: the abstract base of a translation table (one row per parent and language); the
  subclass declares the foreign key to its parent and the unique constraint on (parent, language).
- ``Text``: a text and the tag it is written in, for rendering ``<h1 lang="…">``.
- ``pick_row`` / ``translated``: the fallback chain (requested language, its scripts, English, the original,
  anything) applied to translation rows, for display.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from korkyt.core.languages import (
    CONTENT_LANGUAGES,
    EXTRA_TAGS,
    TAG_MAX_LENGTH,
    content_language_choices,
    fallback_chain,
    is_registered_tag,
)


def validate_language_tag(value: str) -> None:
    """Refuse a tag the registry does not know, naming the ones it does."""
    if not is_registered_tag(value):
        raise ValidationError(
            _("Unknown language “%(tag)s”. Use one of: %(choices)s."),
            code="invalid_language",
            params={"tag": value, "choices": ", ".join([*CONTENT_LANGUAGES, *EXTRA_TAGS])},
        )


class LanguageTagField(models.CharField):  # type: ignore[type-arg]
    """A content language tag as the registry spells it (``kk-Cyrl``, ``tr``, ``ru-Latn``…)."""

    default_validators = [validate_language_tag]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = TAG_MAX_LENGTH
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        """A select of the registry's tags (the column itself carries no ``choices``, so that the registry
        can grow without a migration)."""
        if self.choices or form_class is not None:
            return super().formfield(form_class=form_class, choices_form_class=choices_form_class, **kwargs)
        choices: list[tuple[str, Any]] = [("", "—")] if self.blank else []
        choices += [*content_language_choices(), *((tag, tag) for tag in EXTRA_TAGS)]
        defaults: dict[str, Any] = {
            "choices": choices,
            "coerce": str,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        if self.has_default():
            defaults["initial"] = self.get_default()
        defaults.update(kwargs)
        return forms.TypedChoiceField(**defaults)


class TranslationModel(models.Model):
    """One row per (parent, language). Subclasses declare the parent foreign key (``related_name=
    "translations"``), their text fields and ``UniqueConstraint(fields=[<parent>, "language"])``."""

    language = LanguageTagField(_("language"))

    class Meta:
        abstract = True


@dataclass(frozen=True)
class Text:
    """A piece of content with the language tag it is written in (for the `lang` attribute)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def json_ld_text(text: str, lang: str) -> Any:
    """A string for JSON-LD in the language it is written in (``{"@value": …, "@language": …}``, a
    language-tagged string: schema.org has no language per property); plain when its language is not
    known."""
    return {"@value": text, "@language": lang} if lang else text


R = TypeVar("R")


def pick_row(
    rows: Iterable[R],
    requested: str,
    original: str | None = None,
    *,
    prefer: str | None = None,
    rank: Callable[[R], Any] | None = None,
    tag_of: Callable[[R], str] = lambda row: str(getattr(row, "language")),  # noqa: B009
) -> R | None:
    """The best row along the fallback chain (``prefer`` first when given); among rows of one tag the one
    with the lowest ``rank`` (else the first); any row at all as the last resort."""
    listed = list(rows)
    if not listed:
        return None
    by_tag: dict[str, list[R]] = {}
    for row in listed:
        by_tag.setdefault(tag_of(row), []).append(row)
    chain = fallback_chain(requested, original)
    if prefer:
        chain = [prefer, *(tag for tag in chain if tag != prefer)]
    group = next((by_tag[tag] for tag in chain if tag in by_tag), listed)
    return min(group, key=rank) if rank else group[0]


def translated(
    rows: Iterable[Any],
    requested: str,
    original: str | None = None,
    *,
    field: str,
    prefer: str | None = None,
    rank: Callable[[Any], Any] | None = None,
) -> Text | None:
    """The row's ``field`` in the best language that has it (rows where it is empty are passed over), with
    its tag; None when no row has it."""
    row = pick_row((r for r in rows if getattr(r, field)), requested, original, prefer=prefer, rank=rank)
    return Text(str(getattr(row, field)), row.language) if row is not None else None
