"""LanguageTagField, the translation fallback and the Text it yields."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError

from korkyt.core.languages import TAG_MAX_LENGTH
from korkyt.core.translations import LanguageTagField, Text, pick_row, translated, validate_language_tag
from korkyt.institutions.models import InstitutionTranslation


@dataclass
class Row:
    language: str
    name: str = ""
    rank: int = 0


def test_the_field_has_one_length_and_keeps_it_out_of_migrations():
    field = LanguageTagField("language", blank=True)
    assert field.max_length == TAG_MAX_LENGTH
    _, path, _, kwargs = field.deconstruct()
    assert path == "korkyt.core.translations.LanguageTagField"
    assert "max_length" not in kwargs and kwargs["blank"] is True


@pytest.mark.parametrize("tag", ["kk-Cyrl", "kk-Latn", "uz-Cyrl", "tr", "en", "ru-Latn"])
def test_registered_tags_are_accepted(tag):
    validate_language_tag(tag)
    LanguageTagField().run_validators(tag)


@pytest.mark.parametrize("tag", ["xx", "kk", "KK-CYRL", "en-US", "tr-Latn"])
def test_unknown_or_unnormalised_tags_are_refused_naming_the_choices(tag):
    with pytest.raises(ValidationError) as caught:
        LanguageTagField().run_validators(tag)
    message = caught.value.messages[0]
    assert f"“{tag}”" in message and "kk-Cyrl" in message and "ru-Latn" in message
    assert caught.value.error_list[0].code == "invalid_language"


def test_a_translation_rows_full_clean_names_the_language_field():
    with pytest.raises(ValidationError) as caught:
        InstitutionTranslation(language="klingon", name="A").full_clean(exclude=["institution"])
    assert list(caught.value.message_dict) == ["language"]


def test_the_form_field_is_a_select_of_the_registry():
    formfield = LanguageTagField("language").formfield()
    values = [value for value, _label in formfield.choices]
    assert values[0] == "kk-Cyrl" and "ru-Latn" in values and "" not in values
    assert "" in [value for value, _label in LanguageTagField(blank=True).formfield().choices]


def test_fallback_picks_the_requested_language_then_its_scripts_then_english_then_the_original():
    rows = [Row("tr", "Türkçe"), Row("en", "English"), Row("kk-Latn", "Qazaqsha")]
    assert translated(rows, "tr", field="name") == Text("Türkçe", "tr")
    assert translated(rows, "kk", field="name") == Text("Qazaqsha", "kk-Latn")
    assert translated(rows, "ky", field="name") == Text("English", "en")
    assert translated([Row("tr", "Türkçe"), Row("az-Latn", "X")], "ky", "tr", field="name") == Text(
        "Türkçe", "tr"
    )


def test_fallback_takes_any_row_as_the_last_resort_and_none_when_empty():
    assert translated([Row("az-Latn", "X")], "ky", field="name") == Text("X", "az-Latn")
    assert translated([], "en", field="name") is None
    assert pick_row([], "en") is None


def test_rows_without_the_text_are_passed_over():
    rows = [Row("kk-Cyrl", ""), Row("en", "English")]
    assert translated(rows, "kk", field="name") == Text("English", "en")
    assert translated([Row("kk-Cyrl", "")], "kk", field="name") is None


def test_a_preferred_tag_comes_first_and_rank_orders_rows_of_one_tag():
    rows = [Row("kk-Cyrl", "Кирилл"), Row("kk-Latn", "Latyn 2", rank=2), Row("kk-Latn", "Latyn 1", rank=1)]
    assert translated(rows, "kk", field="name") == Text("Кирилл", "kk-Cyrl")
    picked = translated(rows, "kk", field="name", prefer="kk-Latn", rank=lambda r: r.rank)
    assert picked == Text("Latyn 1", "kk-Latn")


def test_pick_row_reads_tags_from_any_shape():
    pairs = {"tr": "Türkçe", "en": "English"}.items()
    assert pick_row(pairs, "ky", tag_of=lambda pair: pair[0]) == ("en", "English")


def test_text_renders_as_its_text_and_carries_its_lang():
    title = Text("Келін", "kk-Cyrl")
    assert str(title) == "Келін" and title.lang == "kk-Cyrl"
