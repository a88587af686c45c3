"""Writes on film titles and their generated transliterations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.catalogue.models import (
    Film,
    FilmTitle,
    TitleKind,
)
from korkyt.catalogue.services._common import (
    _plain,
    _tag,
)
from korkyt.catalogue.signals import film_changed
from korkyt.catalogue.variants import generated_variants, tag_script
from korkyt.core.actors import Actor
from korkyt.core.labels import in_sentence, language_label
from korkyt.core.languages import CONTENT_LANGUAGES, EXTRA_TAGS
from korkyt.core.validation import Errors, add_error, raise_errors, require_perm
from korkyt.translit import detect_script

# Titles ------------------------------------------------------------------------------------------


def _clean_titles(titles: Sequence[dict[str, Any]], errors: Errors) -> list[dict[str, Any]]:
    clean: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(titles):
        text = " ".join(_plain(item.get("text")).split())
        if not text:
            add_error(errors, f"titles[{index}].text", _("This field cannot be blank."))
            continue
        if len(text) > 300:
            add_error(errors, f"titles[{index}].text", _("A title has at most 300 characters."))
            continue
        tag = _tag(item.get("language", ""), f"titles[{index}].language", errors, text)
        kind = item.get("kind") or TitleKind.ORIGINAL
        if kind not in TitleKind.values:
            add_error(errors, f"titles[{index}].kind", _("Unknown kind of title."))
            continue
        if tag is None or (tag, text) in seen:
            continue
        wrong = wrong_script(text, tag)
        if wrong:
            add_error(errors, f"titles[{index}].text", wrong)
            continue
        seen.add((tag, text))
        clean.append({"text": text, "language": tag, "kind": kind})
    return clean


def wrong_script(text: str, tag: str) -> str:
    """Why ``text`` cannot be a title in ``tag`` ("" when it can): its letters are (mostly) Cyrillic while
    the language is written in Latin letters, or the other way round ("Zhauzhurek" as Kazakh in Cyrillic).
    Stored so, it would be shown as the Cyrillic title and its transliterations made from the wrong one."""
    if tag not in CONTENT_LANGUAGES and tag not in EXTRA_TAGS:
        return ""  # an unknown tag is refused as such
    if text.upper() == text:
        return ""  # capitals only: an abbreviation, read alike in either alphabet ("S.O.S.", "USSR")
    written, expected = detect_script(text), tag_script(tag)
    if {written, expected} != {"Cyrl", "Latn"}:
        return ""  # the same script, a mixed or letterless title, or another alphabet
    language = in_sentence(language_label(tag))
    if written == "Latn":
        return _(
            "The title is in Latin letters, not those of %(language)s: choose the language and the script "
            "it is written in."
        ) % {"language": language}
    return _(
        "The title is in Cyrillic letters, not those of %(language)s: choose the language and the script "
        "it is written in."
    ) % {"language": language}


def _generate_titles(title: FilmTitle) -> None:
    """(Re)make the generated transliterations of one entered title."""
    FilmTitle.objects.filter(source=title).delete()
    taken = set(FilmTitle.objects.filter(film=title.film).values_list("language", "text"))
    rows = []
    for variant in generated_variants(title.text, title.language):
        if (variant.language, variant.text) in taken:
            continue
        taken.add((variant.language, variant.text))
        rows.append(
            FilmTitle(
                film=title.film,
                text=variant.text[:300],
                language=variant.language,
                kind=TitleKind.TRANSLITERATED,
                generated=True,
                scheme=variant.scheme,
                source=title,
                position=title.position,
            )
        )
    FilmTitle.objects.bulk_create(rows)


def _set_titles(film: Film, titles: list[dict[str, Any]]) -> None:
    """Replace the entered titles of ``film``; unchanged titles keep their rows, changed ones regenerate."""
    existing = {(t.language, t.text): t for t in film.titles.filter(generated=False)}
    wanted = {(t["language"], t["text"]) for t in titles}
    for key, old in existing.items():
        if key not in wanted:
            old.delete()  # its generated forms go with it (CASCADE)
    for position, item in enumerate(titles):
        key = (item["language"], item["text"])
        row: FilmTitle | None = existing.get(key)
        if row is None:
            # an entered title takes the place of a generated one with the same text
            FilmTitle.objects.filter(film=film, language=item["language"], text=item["text"]).delete()
            row = FilmTitle.objects.create(
                film=film, text=item["text"], language=item["language"], kind=item["kind"], position=position
            )
        elif row.kind != item["kind"] or row.position != position:
            row.kind, row.position = item["kind"], position
            row.save(update_fields=["kind", "position"])
    for row in film.titles.filter(generated=False):
        _generate_titles(row)


@transaction.atomic
def title_save(
    *,
    actor: Actor,
    film: Film,
    text: str,
    language: str,
    kind: str = TitleKind.ALTERNATIVE,
    title: FilmTitle | None = None,
) -> FilmTitle:
    """Add a title to ``film`` or change ``title``; its transliterations are (re)generated."""
    require_perm(actor, "catalogue.change_film", film)
    errors: Errors = {}
    clean = _clean_titles([{"text": text, "language": language, "kind": kind}], errors)
    raise_errors({k.replace("titles[0].", ""): v for k, v in errors.items()})
    item = clean[0]
    clash = FilmTitle.objects.filter(film=film, language=item["language"], text=item["text"], generated=False)
    if title is not None:
        clash = clash.exclude(pk=title.pk)
    if clash.exists():
        raise ValidationError({"text": [_("The film already has this title in this language.")]})
    FilmTitle.objects.filter(film=film, language=item["language"], text=item["text"], generated=True).exclude(
        source=title
    ).delete()
    if title is None:
        title = FilmTitle(film=film, position=film.titles.filter(generated=False).count())
    elif title.generated:
        raise ValidationError({"text": [_("A generated title changes with the title it was made from.")]})
    title.text, title.language, title.kind = item["text"], item["language"], item["kind"]
    title.save()
    _generate_titles(title)
    film_changed.send(sender=Film, film=film)
    return title


@transaction.atomic
def title_delete(*, actor: Actor, title: FilmTitle) -> None:
    film = title.film
    require_perm(actor, "catalogue.change_film", film)
    if title.generated:
        raise ValidationError({"title": [_("A generated title goes away with the title it was made from.")]})
    if (
        title.kind == TitleKind.ORIGINAL
        and not film.titles.filter(generated=False).exclude(pk=title.pk).exists()
    ):
        raise ValidationError({"title": [_("A film needs at least one title.")]})
    title.delete()
    film_changed.send(sender=Film, film=film)
