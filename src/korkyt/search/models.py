"""The search index: one row per title or name variant, keyed by the script-neutral search key.

The full-text side lives next to this table and is created by the migrations for the database in use:
an FTS5 table with the trigram tokenizer (kept in step by triggers) on SQLite, and GIN indexes
(``pg_trgm`` trigrams and a ``simple`` full-text vector) on PostgreSQL.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from korkyt.core.translations import LanguageTagField


class EntryType(models.TextChoices):
    FILM = "film", _("Film")
    PERSON = "person", _("Person")


class EntrySource(models.TextChoices):
    ORIGINAL = "original", _("Original title or main name")
    VARIANT = "variant", _("Other title or name")
    CREDIT = "credit", _("Director's name")


class SearchEntry(models.Model):
    type = models.CharField(max_length=6, choices=EntryType.choices)
    film = models.ForeignKey(
        "catalogue.Film", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "catalogue.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=300)
    text = models.CharField(max_length=300)
    language = LanguageTagField(_("language"))
    source = models.CharField(max_length=8, choices=EntrySource.choices)
    # every viewer may find it (a person, or a published film): a public search need not read the film table
    public = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["key"], name="search_entry_key")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(type="film") & models.Q(film__isnull=False))
                | (models.Q(type="person") & models.Q(person__isnull=False)),
                name="search_entry_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.type}:{self.key}"


class SearchWord(models.Model):
    """Every word that occurs in an indexed key: the dictionary that query words are corrected against
    (typo tolerance looks up similar words here, a table far smaller than the entries)."""

    word = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word


class SearchWordVariant(models.Model):
    """A dictionary word of 4 to 9 letters, or the word with one letter left out. Two words within one edit
    of each other share a variant (symmetric deletion), so the typo corrections of a query word of 5 to 8
    letters are an index lookup of the word and its deletions."""

    variant = models.CharField(max_length=100)
    word = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("search word variant")
        verbose_name_plural = _("search word variants")
        constraints = [models.UniqueConstraint(fields=["variant", "word"], name="search_word_variant")]

    def __str__(self) -> str:
        return f"{self.variant}:{self.word}"
